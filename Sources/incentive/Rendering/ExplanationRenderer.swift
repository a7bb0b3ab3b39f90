import IncentiveSupport
import IncentiveEngine
import PolicyLanguage

/// The derivation of one outcome as a text tree: article, facts read, parameter versions with
/// provenance, each condition with its values, then the steps to the amount.
struct ExplanationRenderer {
    let labels: Labels

    func render(_ result: RuleOutcome) -> String {
        let e = result.explanation
        var lines = ["\(result.rule) \(result.title): \(labels.status(result.status))"
                     + (result.status == .eligible && result.amount != nil ? " \(Text.money(result.amount, digits: result.digits))" : "")]
        if let article = e.article { lines.append("├─ \(labels.english ? "article" : "条款"): \(article)") }
        for fact in e.facts {
            let value = fact.value.map { valueText($0) } ?? (labels.english ? "absent" : "缺失")
            lines.append("├─ \(labels.english ? "fact" : "事实") \(fact.fact)\(fact.year.map { " (\($0))" } ?? "") = \(value)")
        }
        for param in e.params {
            let note = param.note.map { " — \($0)" } ?? ""
            lines.append("├─ \(labels.english ? "parameter" : "参数") \(param.name) \(param.title) = \(valueText(param.value)) "
                         + "[\(labels.english ? "version from" : "版本自") \(param.versionFrom), \(labels.english ? "chosen by" : "依据日期") \(param.chosenBy), \(labels.provenance(param.provenance))]\(note)")
        }
        for condition in e.conditions {
            let mark = condition.holds.map { $0 ? "✓" : "✗" } ?? "?"
            let values = condition.values.isEmpty ? "" : " (" + condition.values.joined(separator: ", ") + ")"
            lines.append("├─ \(mark) \(condition.name)\(condition.description.map { " \($0)" } ?? ""): \(condition.expression)\(values)")
        }
        for step in e.steps {
            lines.append("├─ \(stepLabel(step.label)): \(step.detail) = \(step.value)")
        }
        for reason in result.reasons { lines.append("├─ \(reason.text(english: labels.english))") }
        let words = NearMissText(labels: labels)
        for miss in result.nearMisses {
            lines.append("├─ \(labels.english ? "near miss" : "差距"): \(words.change(miss))\(words.outcome(miss, digits: result.digits))")
        }
        lines.append("└─ \(labels.english ? "provenance" : "数据来源"): \(labels.provenance(result.provenance))")
        return lines.joined(separator: "\n")
    }

    /// The engine names steps in English (they are also JSON); people read them in their language.
    private func stepLabel(_ label: String) -> String {
        guard !labels.english else { return label }
        let chinese = ["amount": "金额", "cap": "上限", "floor": "下限", "round": "取整", "rank": "排名", "pool": "资金池"]
        return chinese[label] ?? label
    }

    private func valueText(_ value: Value) -> String {
        if case .text(let text) = value { return text }
        return value.description
    }
}
