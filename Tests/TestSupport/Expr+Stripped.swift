import PolicyLanguage

extension Expr {
    /// The same tree with every source range set to `.none`, so two trees compare by shape alone
    /// (a parsed tree and the tree it was printed from differ only in ranges).
    public func stripped() -> Expr {
        Expr(kind.stripped(), .none)
    }
}

extension Expr.Kind {
    func stripped() -> Expr.Kind {
        switch self {
        case .number, .string, .date, .bool, .null, .assessmentYear, .name, .paid:
            return self
        case .of(let fact, let year):
            return .of(fact: fact, year: year.stripped())
        case .over(let fact, let years):
            return .over(fact: fact, years: years.stripped())
        case .unary(let op, let operand):
            return .unary(op, operand.stripped())
        case .binary(let op, let left, let right):
            return .binary(op, left.stripped(), right.stripped())
        case .conditional(let condition, let then, let otherwise):
            return .conditional(condition.stripped(), then: then.stripped(), else: otherwise.stripped())
        case .call(let name, let arguments):
            return .call(name, arguments.map { $0.stripped() })
        case .list(let items):
            return .list(items.map { $0.stripped() })
        case .range(let lower, let upper, let lowerClosed, let upperClosed):
            return .range(lower: lower.stripped(), upper: upper.stripped(), lowerClosed: lowerClosed, upperClosed: upperClosed)
        case .membership(let item, let collection, let negated):
            return .membership(item.stripped(), in: collection.stripped(), negated: negated)
        case .quantified(let every, let variable, let list, let condition):
            return .quantified(every: every, variable: variable, list: list.stripped(), condition: condition.stripped())
        case .rank(let inner):
            return .rank(inner.stripped())
        }
    }
}
