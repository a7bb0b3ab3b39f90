import IncentiveSupport
import PolicyLanguage

/// What one rule gives one enterprise for one year, and why.
public struct RuleOutcome: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case eligible, ineligible, undetermined
    }

    public let rule: String
    public let title: String
    public let kind: RuleKind
    public var status: Status
    /// What is paid after stacking, limits and pools; nil when nothing is (or can be) computed.
    public var amount: ExactDecimal?
    /// The rule's own amount after its cap, floor and rounding, before groups, limits and pools.
    public var amountBeforeStacking: ExactDecimal?
    /// The amount after stacking and limits, before a pool scaled it (cohort only).
    public var amountBeforePool: ExactDecimal?
    public var upperBound: Bool
    public var reasons: [Reason]
    /// Facts that are absent and needed ("rd_expense of 2023"), or "cohort".
    public var missing: [String]
    public var needsCohort: Bool
    public var provenance: Provenance
    public var explanation: Explanation
    public var nearMisses: [NearMiss]
    /// Digits the amount is rounded to, for printing (0 → "400000", 2 → "2250000.00").
    public var digits: Int?

    public var paid: ExactDecimal { status == .eligible ? (amount ?? .zero) : .zero }
}

/// An obligation (两个50%): an amount the enterprise must spend, derived from what it is paid.
public struct ObligationOutcome: Sendable, Hashable {
    public let id: String
    public let title: String
    public var amount: ExactDecimal?
    public var status: RuleOutcome.Status
    public var reasons: [Reason]
    public var explanation: Explanation
    public var digits: Int?
}

/// A veto's state for the enterprise: fired (true), not fired (false) or undetermined (nil).
public struct VetoOutcome: Sendable, Hashable {
    public let id: String
    public let title: String
    public let fired: Bool?
    public let targets: [String]
    public let explanation: Explanation
}
