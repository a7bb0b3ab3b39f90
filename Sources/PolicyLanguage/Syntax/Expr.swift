import IncentiveSupport

/// An expression as written, before names are resolved. Every node carries its source range.
public struct Expr: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        /// A number; `unit` records how it was written (`12%`, `40万`, `3`).
        case number(ExactDecimal, unit: NumberUnit)
        case string(String)
        case date(CivilDate)
        case bool(Bool)
        case null
        /// `Y`, the assessment year.
        case assessmentYear
        case name(String)
        /// `rd_expense of Y-1`.
        case of(fact: String, year: Expr)
        /// `rd_expense over [Y-2..Y]`: the fact's values for each year of the range.
        case over(fact: String, years: Expr)
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        case conditional(Expr, then: Expr, else: Expr)
        case call(String, [Expr])
        case list([Expr])
        /// `[a..b]`, `(a..b]`, `[a..b)`, `(a..b)`.
        case range(lower: Expr, upper: Expr, lowerClosed: Bool, upperClosed: Bool)
        case membership(Expr, in: Expr, negated: Bool)
        /// `some x in list satisfies cond` / `every x in list satisfies cond`.
        case quantified(every: Bool, variable: String, list: Expr, condition: Expr)
        /// `rank(expr)`: 1 for the largest value in the rule's cohort; ties share a rank.
        case rank(Expr)
        /// `paid(tag X)` / `paid(kind K)`: the total paid by such rules (obligations only).
        case paid(selector: MemberSelector)
    }

    public let kind: Kind
    public let range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

public enum NumberUnit: String, Sendable, Hashable {
    case plain, percent, money
}

public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case not = "not"
}

public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and = "and", or = "or"
    case coalesce = "??"

    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }
}

/// Names a set of rules: one rule by id, every rule with a tag, or every rule of a kind.
public enum MemberSelector: Sendable, Hashable, CustomStringConvertible {
    case rule(String)
    case tag(String)
    case kind(String)

    public var description: String {
        switch self {
        case .rule(let id): return id
        case .tag(let tag): return "tag \(tag)"
        case .kind(let kind): return "kind \(kind)"
        }
    }
}
