import IncentiveSupport
import PolicyLanguage

/// Compiled code for a numeric expression: its number, or nil when it is null.
typealias NumberCode = @Sendable (inout KernelFrame) -> ExactDecimal?

/// Arithmetic and orderings between numbers, compiled to pass numbers from node to node instead
/// of `Value`s: most of a rule is sums, ratios and thresholds, and a `Value` costs a copy with a
/// switch at every step. Only expressions the checker typed as numbers take this way, where a
/// value is a number or null (anything else reads as null, which no ordering or arithmetic on
/// numbers tells apart from it); the operations are `Operations.binary`'s, in its order — both
/// operands computed, then a null gives null.
extension KernelCompiler {
    static func isNumeric(_ type: ValueType) -> Bool {
        switch type {
        case .money, .number, .integer, .percent: return true
        default: return false
        }
    }

    /// A comparison or arithmetic between two numeric expressions as `Value` code; nil for other
    /// operators.
    mutating func numericBinary(_ op: BinaryOperator, _ left: CheckedExpr, _ right: CheckedExpr) -> KernelCode? {
        if let code = numericComparison(op, left, right) { return { frame in code(&frame).map(Value.bool) ?? .null } }
        guard let code = arithmetic(op, left, right) else { return nil }
        return { frame in code(&frame).map(Value.number) ?? .null }
    }

    /// An ordering or (in)equality between two numeric expressions as flag code (both operands
    /// computed, then a null gives null, as `Operations.binary`); nil for other operators. The
    /// checker typed both as numbers, so a value is a number or null.
    mutating func numericComparison(_ op: BinaryOperator, _ left: CheckedExpr, _ right: CheckedExpr) -> BoolCode? {
        if op == .equal || op == .notEqual {
            let a = compileNumber(left), b = compileNumber(right), equal = op == .equal
            return { frame in Self.both(a, b, &frame).map { ($0 == $1) == equal } }
        }
        guard op.isOrdering else { return nil }
        // `a > b` is `b < a`, and `a >= b` is `!(a < b)`: every ordering is `<`, maybe
        // swapped, maybe negated.
        let swapped = op == .greater || op == .lessOrEqual, negated = op == .lessOrEqual || op == .greaterOrEqual
        let a = compileNumber(left)
        if Self.isConstant(right) {
            // A threshold (most orderings): compared here, not read through a closure.
            guard let y = fold(right).number else { return { frame in _ = a(&frame); return nil } }
            switch (swapped, negated) {
            case (false, false): return { frame in a(&frame).map { $0 < y } }
            case (true, false): return { frame in a(&frame).map { y < $0 } }
            case (false, true): return { frame in a(&frame).map { !($0 < y) } }
            case (true, true): return { frame in a(&frame).map { !(y < $0) } }
            }
        }
        let b = compileNumber(right)
        switch (swapped, negated) {
        case (false, false): return { frame in Self.both(a, b, &frame).map { $0 < $1 } }
        case (true, false): return { frame in Self.both(a, b, &frame).map { $1 < $0 } }
        case (false, true): return { frame in Self.both(a, b, &frame).map { !($0 < $1) } }
        case (true, true): return { frame in Self.both(a, b, &frame).map { !($1 < $0) } }
        }
    }

    /// `+ - * /` between two numeric expressions (a division by zero is null); nil for other
    /// operators, before anything is compiled. A constant right operand (a rate, a threshold) is
    /// held in the closure, not read through one.
    private mutating func arithmetic(_ op: BinaryOperator, _ left: CheckedExpr, _ right: CheckedExpr) -> NumberCode? {
        guard [.add, .subtract, .multiply, .divide].contains(op) else { return nil }
        let a = compileNumber(left)
        if Self.isConstant(right) {
            guard let y = fold(right).number else { return { frame in _ = a(&frame); return nil } }
            switch op {
            case .add: return { frame in a(&frame)?.adding(y) }
            case .subtract: return { frame in a(&frame)?.subtracting(y) }
            case .multiply: return { frame in a(&frame)?.multiplying(y) }
            default:
                if y.isZero { return { frame in _ = a(&frame); return nil } }
                return { frame in a(&frame)?.dividing(y) }
            }
        }
        let b = compileNumber(right)
        switch op {
        case .add: return { frame in Self.both(a, b, &frame).flatMap { $0.adding($1) } }
        case .subtract: return { frame in Self.both(a, b, &frame).flatMap { $0.subtracting($1) } }
        case .multiply: return { frame in Self.both(a, b, &frame).flatMap { $0.multiplying($1) } }
        default: return { frame in Self.both(a, b, &frame).flatMap { $1.isZero ? nil : $0.dividing($1) } }
        }
    }

    /// Both operands, each computed (in order) before either is found null.
    @inline(__always) private static func both(_ a: NumberCode, _ b: NumberCode, _ frame: inout KernelFrame) -> (ExactDecimal, ExactDecimal)? {
        let x = a(&frame), y = b(&frame)
        guard let x, let y else { return nil }
        return (x, y)
    }

    /// A numeric expression as number code: facts, constants, lets, arithmetic, `??`, negation
    /// and conditionals directly; anything else through its `Value` code.
    mutating func compileNumber(_ expr: CheckedExpr) -> NumberCode {
        if Self.isConstant(expr) {
            let value = fold(expr).number
            return { _ in value }
        }
        switch expr.node {
        case .fact(let fact, nil) where fact.perYear:
            let slot = slots.slot(of: fact), year = self.year
            return { frame in frame.profile.cell(yearSlot: slot, year: year).number }
        case .fact(let fact, nil):
            let slot = slots.slot(of: fact)
            return { frame in frame.profile.statics[slot].number }
        case .local(let slot) where letKind(ofSlot: slot) == .number:
            return { frame in frame.numberLocal(slot) }
        case .binary(let op, let left, let right) where Self.isNumeric(left.type) && Self.isNumeric(right.type):
            if op == .coalesce {
                let a = compileNumber(left), b = compileNumber(right)
                return { frame in a(&frame) ?? b(&frame) }
            }
            if let code = arithmetic(op, left, right) { return code }
        case .call(let builtin, let arguments):
            if let code = numberCall(builtin, arguments) { return code }
        case .unary(.negate, let operand) where Self.isNumeric(operand.type):
            let code = compileNumber(operand)
            return { frame in code(&frame)?.negated }
        case .conditional(let condition, let then, let otherwise) where Self.isNumeric(then.type) && Self.isNumeric(otherwise.type):
            let test = compileCondition(condition), a = compileNumber(then), b = compileNumber(otherwise)
            return { frame in
                switch test(&frame) {
                case true?: return a(&frame)
                case false?: return b(&frame)
                case nil: return nil
                }
            }
        default: break
        }
        let code = compile(expr)
        return { frame in code(&frame).number }
    }
}
