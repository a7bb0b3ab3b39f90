import IncentiveSupport
import PolicyLanguage

/// Rule by rule, what changed between two estimates of one enterprise (what-if, replay).
public struct EstimateComparison: Sendable {
    public struct Change: Sendable, Hashable {
        public let rule: String
        public let title: String
        public let before: RuleOutcome?
        public let after: RuleOutcome?

        /// Paid after minus paid before.
        public var difference: ExactDecimal {
            (after?.paid ?? .zero).subtracting(before?.paid ?? .zero) ?? .zero
        }
    }

    public let changes: [Change]

    public init(before: Estimate, after: Estimate) {
        var changes: [Change] = []
        var seen = Set<String>()
        for result in before.results + after.results where seen.insert(result.rule).inserted {
            let old = before.result(result.rule), new = after.result(result.rule)
            if old?.status != new?.status || old?.amount != new?.amount {
                changes.append(Change(rule: result.rule, title: result.title, before: old, after: new))
            }
        }
        self.changes = changes
    }
}
