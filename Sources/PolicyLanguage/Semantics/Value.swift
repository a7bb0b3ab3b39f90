import Foundation
import IncentiveSupport

/// A runtime value. `null` is the value of an absent fact or an undefined operation (division by
/// zero); it propagates, and `??` replaces it. Only a range is boxed: numbers, dates and booleans
/// are held inline, so computing with them allocates nothing (the batch evaluates millions).
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case number(ExactDecimal)
    case bool(Bool)
    case text(String)
    case date(CivilDate)
    case list([Value])
    indirect case range(lower: Value, upper: Value, lowerClosed: Bool, upperClosed: Bool)
    case titles([Title])

    public var number: ExactDecimal? { if case .number(let n) = self { return n } else { return nil } }
    public var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    /// A pattern match, not `== .null`: the derived equality walks both values' payloads.
    @inlinable public var isNull: Bool { if case .null = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .null: return "null"
        case .number(let n): return n.description
        case .bool(let b): return b ? "true" : "false"
        case .text(let t): return "\"\(t)\""
        case .date(let d): return d.description
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .range(let lower, let upper, let lowerClosed, let upperClosed):
            return (lowerClosed ? "[" : "(") + "\(lower)..\(upper)" + (upperClosed ? "]" : ")")
        case .titles(let titles): return "[" + titles.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// A recognition held by an enterprise (科技型中小企业, 科技小巨人, …) for a year or from a date.
public struct Title: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let year: Int?
    public let date: CivilDate?

    public init(name: String, year: Int?, date: CivilDate?) {
        self.name = name
        self.year = year
        self.date = date
    }

    /// The year the title belongs to: its year, or the year of its date.
    public var effectiveYear: Int { year ?? date?.year ?? 0 }

    /// `title@YYYY` or `title@YYYY-MM-DD`, the CSV contract's form.
    public var description: String { "\(name)@\(date?.description ?? String(year ?? 0))" }

    public init?(parsing text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        // `trimmingWhitespace` gives `trimmingCharacters(in: .whitespaces)`'s result without
        // Foundation when there is nothing to trim, the usual case.
        let name = String(parts[0]).trimmingWhitespace()
        let when = String(parts[1]).trimmingWhitespace()
        if when.count == 4, let year = Int(when), year >= 1000 {
            self.init(name: name, year: year, date: nil)
        } else if let date = CivilDate(parsing: when) {
            self.init(name: name, year: nil, date: date)
        } else {
            return nil
        }
    }
}

extension Array where Element == Value {
    /// `count` nulls, each written as its bare case. `Array(repeating: .null, count:)` copies its
    /// element through the enum's value witness once per slot, and the batch makes a row of
    /// nulls for every enterprise it reads. Reserved, then appended: `Array(repeating:)` and
    /// `Array(unsafeUninitializedCapacity:)` look the array's storage type up in the runtime's
    /// metadata cache at every call (some 500 instructions), where `reserveCapacity` does not.
    @inlinable public static func nulls(_ count: Int) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(.null) }
        return values
    }
}
