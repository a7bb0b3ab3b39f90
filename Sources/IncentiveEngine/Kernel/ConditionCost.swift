import PolicyLanguage

/// A rough cost of evaluating an expression once, for the order the kernel tests a rule's
/// conditions in: cheapest first. Which order does not change the answer (every condition is
/// pure: false if any is false, else null if any is null, else true), only how much is computed
/// before a false one ends the test: a cheap `employees <= 500` that fails spares the three
/// scores of a tech-SME evaluation. The weights are counts of the work a node does (fact reads,
/// years summed, arithmetic with a gcd), not measurements; a `let` costs what its expression
/// costs (it is computed on first read).
struct ConditionCost {
    private let lets: [CheckedLet]
    private var letCosts: [Int?]

    init(lets: [CheckedLet]) {
        self.lets = lets
        letCosts = Array(repeating: nil, count: lets.count)
    }

    /// The conditions, cheapest first; equal costs keep their written order.
    static func cheapestFirst(_ conditions: [CheckedCondition], lets: [CheckedLet]) -> [CheckedCondition] {
        var cost = ConditionCost(lets: lets)
        return conditions.enumerated()
            .map { (cost: cost.of($0.element.expr), index: $0.offset, condition: $0.element) }
            .sorted { ($0.cost, $0.index) < ($1.cost, $1.index) }
            .map(\.condition)
    }

    mutating func of(_ expr: CheckedExpr) -> Int {
        switch expr.node {
        case .constant, .assessmentYear: return 0
        case .fact, .variable, .param: return 1
        case .factOver(_, let years): return 6 + of(years)
        case .local(let slot):
            guard lets.indices.contains(slot) else { return 1 }
            if let known = letCosts[slot] { return known }
            let cost = 1 + of(lets[slot].expr)
            letCosts[slot] = cost
            return cost
        case .unary(_, let operand): return 1 + of(operand)
        case .binary(let op, let left, let right): return (op == .divide ? 4 : 1) + of(left) + of(right)
        case .conditional(let test, let then, let otherwise): return 1 + of(test) + max(of(then), of(otherwise))
        case .call(let builtin, let arguments):
            return (builtin == .sum || builtin == .avg ? 6 : 2) + arguments.reduce(0) { $0 + of($1) }
        case .list(let items): return items.reduce(0) { $0 + of($1) }
        case .range(let lower, let upper, _, _): return of(lower) + of(upper)
        case .membership(let item, let collection, _): return 1 + of(item) + of(collection)
        case .quantified(_, _, let list, let condition): return 4 + of(list) + 3 * of(condition)
        case .rank(let value): return 2 + of(value)
        case .paid: return 5
        }
    }
}
