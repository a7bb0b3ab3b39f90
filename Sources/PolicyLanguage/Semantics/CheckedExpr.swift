/// An expression after checking: names resolved to facts, parameters, locals or variables, every
/// node typed. Only the checker makes these, so the evaluator never sees an unresolved name.
public struct CheckedExpr: Sendable {
    public indirect enum Node: Sendable {
        case constant(Value)
        case assessmentYear
        /// A fact of the profile; `year` nil means Y for a per-year fact (static facts have none).
        case fact(FactDecl, year: CheckedExpr?)
        /// A per-year fact over a range of years: a list with one value per year.
        case factOver(FactDecl, years: CheckedExpr)
        /// A parameter, resolved at evaluation by the rule's version date.
        case param(ParamID)
        case local(Int)
        case variable(Int)
        case unary(UnaryOperator, CheckedExpr)
        case binary(BinaryOperator, CheckedExpr, CheckedExpr)
        case conditional(CheckedExpr, CheckedExpr, CheckedExpr)
        case call(Builtin, [CheckedExpr])
        case list([CheckedExpr])
        case range(CheckedExpr, CheckedExpr, lowerClosed: Bool, upperClosed: Bool)
        case membership(CheckedExpr, CheckedExpr, negated: Bool)
        case quantified(every: Bool, slot: Int, list: CheckedExpr, condition: CheckedExpr)
        case rank(CheckedExpr)
        case paid(MemberSelector)
    }

    public let node: Node
    public let type: ValueType
    public let range: SourceRange
    /// The expression as written, for explanations and near misses.
    public let text: String

    /// A reference to a rule's `let`, for evaluating it by slot.
    public static func local(_ slot: Int, _ binding: CheckedLet) -> CheckedExpr {
        CheckedExpr(.local(slot), binding.expr.type, binding.expr.range, binding.name)
    }

    init(_ node: Node, _ type: ValueType, _ range: SourceRange, _ text: String) {
        self.node = node
        self.type = type
        self.range = range
        self.text = text
    }
}

/// Identifies a parameter: the index of its policy and of the parameter within it.
public struct ParamID: Sendable, Hashable {
    public let policy: Int
    public let index: Int
}

/// The functions of the language. None loops over anything but a finite list it is given.
public enum Builtin: String, Sendable, CaseIterable {
    case min, max, abs, round, floor, ceil, trunc, sum, avg, count
    case year, date
    case addYears = "add_years"
    case startsWith = "starts_with"
    case hasTitle = "has_title"

    /// Argument counts accepted (min and max also take a single list).
    var arity: ClosedRange<Int> {
        switch self {
        case .min, .max: return 1...16
        case .abs, .floor, .ceil, .sum, .avg, .count, .year: return 1...1
        case .round, .trunc: return 1...2
        case .date, .hasTitle: return 3...3
        case .addYears, .startsWith: return 2...2
        }
    }
}
