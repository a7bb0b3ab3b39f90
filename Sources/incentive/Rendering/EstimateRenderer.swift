import IncentiveSupport
import IncentiveEngine
import PolicyLanguage

/// Renders an estimate for people: a terminal table or Markdown, with totals, obligations and a
/// mark on every amount that rests on `seed` or `assumed` numbers.
struct EstimateRenderer {
    let labels: Labels
    let digest: String
    let explain: Bool

    private func amountCell(_ result: RuleOutcome) -> String {
        guard result.status == .eligible, let amount = result.amount else { return "—" }
        var text = Text.money(amount, digits: result.digits)
        if result.upperBound { text = "\(labels.upTo) " + text }
        if result.provenance >= .seed { text += " *" }
        return text
    }

    private func why(_ result: RuleOutcome) -> String {
        var why = result.reasons.first?.text(english: labels.english) ?? ""
        if result.status == .undetermined, !result.missing.isEmpty {
            why = result.needsCohort ? (labels.english ? "needs the cohort (batch)" : "需要全体申报企业（批量评估）")
                : "\(labels.missing) " + (labels.english ? result.missing.joined(separator: ", ") : result.missing.map(Reason.chineseFactName).joined(separator: "、"))
        }
        return why
    }

    private var footnote: String {
        labels.english ? "* the amount rests on seed or assumed numbers (see --explain)" : "* 金额依据报道（seed）或假设（assumed）数值，详见 --explain"
    }

    func table(_ estimate: Estimate) -> String {
        var out = "\(labels.enterprise): \(estimate.name ?? "") \(estimate.creditCode) (\(estimate.region))\n"
        out += "\(labels.year): \(estimate.year)    \(labels.policySet): \(digest.prefix(19))…\n\n"
        let rows = estimate.results.map { [$0.rule, $0.title, labels.status($0.status), amountCell($0), why($0)] }
        out += Text.table([labels.rule, labels.title, labels.status, labels.amount, labels.why], rows, numeric: [3])
        out += "\n\n\(labels.totals): " + totals(estimate)
        if !estimate.obligations.isEmpty {
            out += "\n\(labels.obligations):"
            for obligation in estimate.obligations {
                out += "\n  \(obligation.id) \(obligation.title): \(Text.money(obligation.amount, digits: obligation.digits))"
                if obligation.status == .undetermined { out += " (\(labels.status(.undetermined)))" }
            }
        }
        let misses = nearMissLines(estimate)
        if !misses.isEmpty {
            out += "\n\n" + (labels.english ? "Near misses:" : "差距（改变一项数据即可满足的条件）：") + misses.map { "\n  " + $0 }.joined()
        }
        if estimate.results.contains(where: { $0.status == .eligible && $0.amount != nil && $0.provenance >= .seed }) {
            out += "\n\n" + footnote
        }
        if explain {
            for result in estimate.results {
                out += "\n\n" + ExplanationRenderer(labels: labels).render(result)
            }
        }
        return out
    }

    /// One line per near miss: the condition, the change of one fact (or the value an absent fact
    /// needs), and what the rule would give.
    func nearMissLines(_ estimate: Estimate) -> [String] {
        let words = NearMissText(labels: labels)
        return estimate.results.flatMap { result in
            result.nearMisses.map { miss in
                "\(result.rule) · \(miss.condition): \(words.change(miss))\(words.outcome(miss, digits: result.digits))  [--set \(miss.set.joined(separator: " --set "))]"
            }
        }
    }

    func totals(_ estimate: Estimate) -> String {
        let totals = estimate.totals
        return [RuleKind.cash, .tax, .voucher].map { "\(labels.kind($0)) \(Text.money(totals[$0] ?? .zero, digits: 2))" }.joined(separator: "  ")
    }

    func markdown(_ estimate: Estimate) -> String {
        var out = "# \(estimate.name ?? estimate.creditCode) — \(estimate.year)\n\n"
        out += "- \(labels.enterprise): \(estimate.name ?? "") `\(estimate.creditCode)` (\(estimate.region))\n"
        out += "- \(labels.policySet): `\(digest)`\n"
        out += "- \(labels.totals): \(totals(estimate))\n\n"
        out += "| \(labels.rule) | \(labels.title) | \(labels.status) | \(labels.amount) | \(labels.why) |\n|---|---|---|---:|---|\n"
        for result in estimate.results {
            let cells = [result.rule, result.title, labels.status(result.status), amountCell(result), why(result)]
            out += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        if !estimate.obligations.isEmpty {
            out += "\n## \(labels.obligations)\n\n"
            for obligation in estimate.obligations {
                out += "- `\(obligation.id)` \(obligation.title): \(Text.money(obligation.amount, digits: obligation.digits))\n"
            }
        }
        let misses = nearMissLines(estimate)
        if !misses.isEmpty {
            out += "\n## " + (labels.english ? "Near misses" : "差距") + "\n\n" + misses.map { "- " + $0 + "\n" }.joined()
        }
        if estimate.results.contains(where: { $0.status == .eligible && $0.amount != nil && $0.provenance >= .seed }) {
            out += "\n" + footnote + "\n"
        }
        if explain {
            for result in estimate.results {
                out += "\n```\n" + ExplanationRenderer(labels: labels).render(result) + "\n```\n"
            }
        }
        return out
    }
}
