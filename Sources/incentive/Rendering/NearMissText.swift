import IncentiveEngine
import PolicyLanguage

/// A near miss's change in words, the same in the table, Markdown, HTML and explanations:
/// "rd_expense (2023) 0 → 230000 (+230000)" for a present fact, "rd_expense (2023) absent: the rule
/// needs ≥ 230,000" for an absent one; and what the rule would then give.
struct NearMissText {
    let labels: Labels

    func change(_ miss: NearMiss) -> String {
        let fact = "\(miss.fact)" + (miss.year.map { labels.english ? " (\($0))" : "（\($0)）" } ?? "")
        guard let current = miss.current else {
            let isBool = if case .bool = miss.needed { true } else { false }
            let relation = isBool ? "" : miss.relation.map { Self.symbol($0) + " " } ?? ""
            return labels.english ? "\(fact) absent: the rule needs \(relation)\(value(miss.needed))"
                                  : "\(fact)缺失：需 \(relation)\(value(miss.needed))"
        }
        let difference = miss.difference.map { " (\($0.signum >= 0 ? "+" : "")\($0))" } ?? ""
        return "\(fact) \(current) → \(miss.needed)\(difference)"
    }

    /// What the change gives: the amount when it alone makes the rule eligible, else why not.
    func outcome(_ miss: NearMiss, digits: Int?) -> String {
        if let amount = miss.amount, miss.sufficient {
            return labels.english ? " ⇒ eligible, \(Text.money(amount, digits: digits))" : " ⇒ 可获 \(Text.money(amount, digits: digits))"
        }
        if miss.sufficient { return labels.english ? " ⇒ eligible" : " ⇒ 符合" }
        if miss.current == nil {
            return labels.english ? " (not enough alone: other conditions are still open or fail)" : "（仅此一项不够：其他条件仍待定或不满足）"
        }
        return labels.english ? " (other conditions still fail)" : "（其他条件仍不满足）"
    }

    static func symbol(_ relation: NearMiss.Relation) -> String {
        switch relation {
        case .atLeast: return "≥"
        case .atMost: return "≤"
        case .exactly: return "="
        }
    }

    /// Numbers with thousands separators, so a threshold reads like an amount.
    private func value(_ value: Value) -> String {
        if case .number(let number) = value { return Text.money(number, digits: nil) }
        return value.description
    }
}
