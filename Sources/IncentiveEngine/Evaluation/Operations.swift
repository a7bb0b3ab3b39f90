import IncentiveSupport
import PolicyLanguage

/// The language's operations on values, without any bookkeeping: one definition shared by the
/// explaining `ExpressionEvaluator` and the batch kernel (`KernelCompiler`), so the two cannot
/// drift apart. A failure says why the result is unknown; the caller decides what to note.
enum Operations {
    enum Failure {
        case divisionByZero, power, overflow, invalidDate
    }

    /// -1, 0, 1, or nil when the values cannot be ordered.
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.date(let x), .date(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.text(let x), .text(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.bool(let x), .bool(let y)): return x == y ? 0 : nil
        default: return nil
        }
    }

    /// A comparison, equality, text joining or arithmetic on two values that are not null
    /// (`and`, `or` and `??` short-circuit and are the callers' own).
    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) -> (Value, Failure?) {
        if op.isOrdering || op == .equal || op == .notEqual {
            guard let order = compare(a, b) else { return (op == .notEqual ? .bool(a != b) : op == .equal ? .bool(a == b) : .null, nil) }
            switch op {
            case .equal: return (.bool(order == 0), nil)
            case .notEqual: return (.bool(order != 0), nil)
            case .less: return (.bool(order < 0), nil)
            case .lessOrEqual: return (.bool(order <= 0), nil)
            case .greater: return (.bool(order > 0), nil)
            default: return (.bool(order >= 0), nil)
            }
        }
        if op == .add, case .text(let x) = a, case .text(let y) = b { return (.text(x + y), nil) }
        guard let x = a.number, let y = b.number else { return (.null, nil) }
        let result: ExactDecimal?
        switch op {
        case .add: result = x.adding(y)
        case .subtract: result = x.subtracting(y)
        case .multiply: result = x.multiplying(y)
        case .divide:
            if y.isZero { return (.null, .divisionByZero) }
            result = x.dividing(y)
        case .power:
            guard let exponent = y.intValue, abs(exponent) <= 64, !(x.isZero && exponent < 0) else { return (.null, .power) }
            result = x.power(exponent)
        default:
            if y.isZero { return (.null, .divisionByZero) }
            result = x.remainder(dividingBy: y)
        }
        guard let result else { return (.null, .overflow) }
        return (.number(result), nil)
    }

    static func unary(_ op: UnaryOperator, _ value: Value) -> Value {
        switch (op, value) {
        case (.not, .bool(let b)): return .bool(!b)
        case (.negate, .number(let n)): return .number(n.negated)
        default: return .null
        }
    }

    /// Whether `item` is in a list or range; nil when that cannot be decided.
    static func contains(_ collection: Value, _ item: Value) -> Bool? {
        if item.isNull { return nil }
        switch collection {
        case .list(let items):
            var sawNull = false
            for candidate in items {
                if candidate.isNull { sawNull = true; continue }
                if compare(candidate, item) == 0 { return true }
            }
            return sawNull ? nil : false
        case .range(let lower, let upper, let lowerClosed, let upperClosed):
            guard let low = compare(item, lower), let high = compare(item, upper) else { return nil }
            return (lowerClosed ? low >= 0 : low > 0) && (upperClosed ? high <= 0 : high < 0)
        default:
            return nil
        }
    }

    /// The years of a `fact over [a..b]` range, or nil when its ends are unknown or too far apart.
    static func years(of range: Value) -> ClosedRange<Int>?? {
        guard case .range(let lowerValue, let upperValue, let lowerClosed, let upperClosed) = range else { return nil }
        return years(lowerValue.number, upperValue.number, lowerClosed: lowerClosed, upperClosed: upperClosed)
    }

    /// The same from the range's ends (nil when one is not a whole number).
    static func years(_ lowerEnd: ExactDecimal?, _ upperEnd: ExactDecimal?, lowerClosed: Bool, upperClosed: Bool) -> ClosedRange<Int>?? {
        guard var lower = lowerEnd?.intValue, var upper = upperEnd?.intValue else { return nil }
        // An open end at the largest (or smallest) integer leaves no year, and ends far apart are
        // not a span of years: neither may overflow (a fact of 9.2e18 can be a range's end).
        if !lowerClosed { guard lower < .max else { return .some(nil) }; lower += 1 }
        if !upperClosed { guard upper > .min else { return .some(nil) }; upper -= 1 }
        guard lower <= upper else { return .some(nil) }
        let (span, overflow) = upper.subtractingReportingOverflow(lower)
        guard !overflow, span < 200 else { return nil }
        return .some(lower...upper)
    }
}
