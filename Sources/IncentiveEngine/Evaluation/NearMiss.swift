import IncentiveSupport
import PolicyLanguage

/// A failed condition and a change of one fact that would meet it, in the enterprise's own terms
/// ("R&D ratio 4.6% < 5%: 212,000 yuan more R&D in 2023"; "certification this year"), with the
/// amount the rule would then give when the change alone makes it eligible. For an undecided
/// condition whose one fact is absent, the value that fact would need ("rd_expense of 2023 absent:
/// the rule needs ≥ 2,000,000"): `current` is nil and `relation` says which side of `needed` passes.
public struct NearMiss: Sendable, Hashable {
    public let condition: String
    public let fact: String
    public let year: Int?
    /// nil when the fact is absent.
    public let current: Value?
    public let needed: Value
    /// What the rule would give with the change, when it then becomes eligible.
    public var amount: ExactDecimal?
    /// `--set` arguments that apply the change.
    public var set: [String]
    /// Whether this change alone makes the rule eligible (other conditions may fail too).
    public var sufficient = false
    /// For an absent fact: whether the rule needs at least, at most or exactly `needed` (the value
    /// proposed in `set` is the boundary itself). Nil for a change of a present fact.
    public var relation: Relation?

    public enum Relation: String, Sendable, Hashable {
        case atLeast = ">=", atMost = "<=", exactly = "=="
    }

    /// needed − current, for numeric facts.
    public var difference: ExactDecimal? {
        guard case .number(let to) = needed, case .number(let from)? = current else { return nil }
        return to.subtracting(from)
    }

    /// The value as `--set` writes it (lists `;`-separated, titles `name@year`).
    static func setText(_ value: Value) -> String {
        switch value {
        case .list(let items): return items.map(setText).joined(separator: ";")
        case .titles(let titles): return titles.map(\.description).joined(separator: ";")
        case .text(let text): return text
        default: return value.description
        }
    }
}
