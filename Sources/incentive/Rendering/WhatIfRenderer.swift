import IncentiveSupport
import IncentiveEngine

/// The difference a `--set` change makes, rule by rule, as text and as JSON.
struct WhatIfRenderer {
    let labels: Labels
    let edits: [ProfileEdit]
    let comparison: EstimateComparison

    private func state(_ outcome: RuleOutcome?) -> String {
        guard let outcome else { return labels.english ? "not in force" : "不适用" }
        let amount = outcome.status == .eligible && outcome.amount != nil ? " " + Text.money(outcome.amount, digits: outcome.digits) : ""
        return labels.status(outcome.status) + amount
    }

    func text() -> String {
        var out = (labels.english ? "What if: " : "假设：") + edits.map(\.text).joined(separator: ", ") + "\n"
        if comparison.changes.isEmpty {
            return out + (labels.english ? "no rule changes" : "没有规则发生变化")
        }
        let rows = comparison.changes.map { change in
            [change.rule, state(change.before), state(change.after), Text.money(change.difference, digits: change.after?.digits ?? change.before?.digits)]
        }
        out += Text.table([labels.rule, labels.english ? "before" : "变化前", labels.english ? "after" : "变化后", labels.english ? "difference" : "差额"], rows, numeric: [3])
        return out
    }

    func json() -> JSONValue {
        .object([
            ("set", .array(edits.map { .string($0.text) })),
            ("changes", .array(comparison.changes.map { change in
                .object([
                    ("rule", .string(change.rule)),
                    ("before_status", change.before.map { .string($0.status.rawValue) } ?? .null),
                    ("before_amount", EstimateEncoder.amount(change.before?.status == .eligible ? change.before?.amount : nil, digits: change.before?.digits)),
                    ("after_status", change.after.map { .string($0.status.rawValue) } ?? .null),
                    ("after_amount", EstimateEncoder.amount(change.after?.status == .eligible ? change.after?.amount : nil, digits: change.after?.digits)),
                    ("difference", .string(change.difference.description)),
                ])
            })),
        ])
    }
}
