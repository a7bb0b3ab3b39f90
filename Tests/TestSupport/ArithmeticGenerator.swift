import IncentiveSupport
import PolicyLanguage

/// Random well-typed numeric and boolean expressions over plain numbers and the number inputs
/// `a`, `b`, `c`, with percentages on the right of comparisons (the checker keeps percent a unit
/// of its own elsewhere: `max(5%, 0.1)` and `[5%..1]` are refused).
/// Divisors are inputs or non-zero literals, so the checker never rejects a constant zero divisor.
public struct ArithmeticGenerator {
    public var rng: SplitMix64
    public static let inputs = ["a", "b", "c"]

    public init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    public mutating func number(depth: Int) -> Expr {
        if depth == 0 || Int.random(in: 0..<4, using: &rng) == 0 { return numberLeaf() }
        let below = depth - 1
        switch Int.random(in: 0..<8, using: &rng) {
        case 0, 1:
            return make(.binary(pick([.add, .subtract, .multiply]), number(depth: below), number(depth: below)))
        case 2:
            return make(.binary(pick([.divide, .remainder]), number(depth: below), divisor()))
        case 3:
            return make(.unary(.negate, number(depth: below)))
        case 4:
            return make(.conditional(condition(depth: below), then: number(depth: below), else: number(depth: below)))
        case 5:
            let name = pick(["round", "trunc"])
            return make(.call(name, [number(depth: below), make(.number(ExactDecimal(Int.random(in: 0...3, using: &rng)), unit: .plain))]))
        case 6:
            return make(.call(pick(["abs", "floor", "ceil"]), [number(depth: below)]))
        default:
            return make(.call(pick(["min", "max"]), [number(depth: below), number(depth: below)]))
        }
    }

    public mutating func condition(depth: Int) -> Expr {
        let below = max(0, depth - 1)
        switch Int.random(in: 0..<5, using: &rng) {
        case 0:
            return make(.binary(pick([.and, .or]), condition(depth: below), condition(depth: below)))
        case 1:
            return make(.unary(.not, condition(depth: below)))
        case 2:
            return make(.membership(number(depth: below),
                                    in: make(.range(lower: number(depth: 0), upper: number(depth: 0),
                                                    lowerClosed: Bool.random(using: &rng), upperClosed: Bool.random(using: &rng))),
                                    negated: Bool.random(using: &rng)))
        case 3:
            // Percent against a plain number: `0.05 >= 5%` compares values.
            return make(.binary(pick([.less, .lessOrEqual, .greater, .greaterOrEqual]),
                                number(depth: below), make(.number(literal(), unit: .percent))))
        default:
            return make(.binary(pick([.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]),
                                number(depth: below), number(depth: below)))
        }
    }

    /// Values for the inputs, some of them zero (to divide by) or absent (`null`).
    public mutating func inputValues() -> [String: Value] {
        var values: [String: Value] = [:]
        for name in Self.inputs {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: values[name] = .null
            case 1: values[name] = .number(.zero)
            default: values[name] = .number(literal())
            }
        }
        return values
    }

    private mutating func numberLeaf() -> Expr {
        if Bool.random(using: &rng) { return make(.name(pick(Self.inputs))) }
        return make(.number(literal(), unit: .plain))
    }

    private mutating func divisor() -> Expr {
        if Bool.random(using: &rng) { return make(.name(pick(Self.inputs))) }
        return make(.number(ExactDecimal(Int.random(in: 1...12, using: &rng)), unit: .plain))
    }

    private mutating func literal() -> ExactDecimal {
        ExactDecimal(Int.random(in: 0...2_000, using: &rng)).dividing(ExactDecimal(pick([1, 10, 100, 1000])))!
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }

    private func make(_ kind: Expr.Kind) -> Expr { Expr(kind, .none) }
}
