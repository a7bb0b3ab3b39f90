import IncentiveSupport

/// A failed condition and the smallest change of one fact that would meet it, with the amount the
/// rule would then give ("R&D ratio 4.6% < 5%: 212,000 yuan more R&D in 2023").
public struct NearMiss: Sendable, Hashable {
    public let condition: String
    public let fact: String
    public let year: Int?
    public let current: ExactDecimal
    public let needed: ExactDecimal
    /// What the rule would give with the change, when it then becomes eligible.
    public var amount: ExactDecimal?
    /// `--set` arguments that apply the change.
    public var set: [String]
    /// Whether this change alone makes the rule eligible (other conditions may fail too).
    public var sufficient = false

    public var difference: ExactDecimal { needed.subtracting(current) ?? .zero }
}
