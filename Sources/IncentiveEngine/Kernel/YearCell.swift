import IncentiveSupport
import PolicyLanguage

/// A per-year fact as the batch kernel holds it: a number, a flag, a date, or nothing (an absent
/// fact, never zero). Unlike `Value` it has no payload with a reference count, so an enterprise's
/// years are copied and freed as plain memory (an array of `Value`s is destroyed element by
/// element, which cost as much as reading them) and a fact read is a copy without a switch. A
/// batch whose fact set declares a per-year fact of another type takes the general path
/// (`KernelBatch.run`).
enum YearCell: Sendable, Hashable {
    case null
    case number(ExactDecimal)
    case bool(Bool)
    case date(CivilDate)

    /// Whether facts of a type are held as cells.
    static func holds(_ type: ValueType) -> Bool {
        switch type {
        case .money, .number, .integer, .percent, .bool, .date: return true
        default: return false
        }
    }

    /// The cell of a value of a type it holds; nil for any other value.
    init?(_ value: Value) {
        switch value {
        case .null: self = .null
        case .number(let number): self = .number(number)
        case .bool(let flag): self = .bool(flag)
        case .date(let date): self = .date(date)
        default: return nil
        }
    }

    var value: Value {
        switch self {
        case .null: return .null
        case .number(let number): return .number(number)
        case .bool(let flag): return .bool(flag)
        case .date(let date): return .date(date)
        }
    }

    @inline(__always) var number: ExactDecimal? {
        if case .number(let number) = self { return number }
        return nil
    }

    @inline(__always) var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }
}

extension Array where Element == YearCell {
    /// Reserved, then appended, as `[Value].nulls` (which says why).
    static func nulls(_ count: Int) -> [YearCell] {
        var cells: [YearCell] = []
        cells.reserveCapacity(count)
        for _ in 0..<count { cells.append(.null) }
        return cells
    }
}
