/// Checks on what expressions and declarations refer to, beyond names and types: a version date
/// that would need itself, a rule that two pools would both pay from.
extension Checker {
    /// Whether some node of `expr` satisfies `leaf` (nodes with sub-expressions are walked).
    static func contains(_ expr: CheckedExpr, where leaf: (CheckedExpr.Node) -> Bool) -> Bool {
        if leaf(expr.node) { return true }
        func walk(_ child: CheckedExpr) -> Bool { contains(child, where: leaf) }
        switch expr.node {
        case .constant, .assessmentYear, .param, .local, .variable, .paid, .rank: return false
        case .fact(_, let year): return year.map(walk) ?? false
        case .factOver(_, let years): return walk(years)
        case .unary(_, let a): return walk(a)
        case .binary(_, let a, let b), .membership(let a, let b, _), .range(let a, let b, _, _): return walk(a) || walk(b)
        case .conditional(let a, let b, let c): return walk(a) || walk(b) || walk(c)
        case .call(_, let items), .list(let items): return items.contains(where: walk)
        case .quantified(_, _, let list, let condition): return walk(list) || walk(condition)
        }
    }

    /// Whether `expr` reads a parameter, directly or through the rule's `let`s. A version date
    /// that did would need a parameter's version to pick the parameter's version: no evaluation
    /// could end (both evaluators would recurse until the stack ran out).
    static func readsParameter(_ expr: CheckedExpr, lets: [CheckedLet], seen: Set<Int> = []) -> Bool {
        contains(expr) { node in
            switch node {
            case .param: return true
            case .local(let slot):
                guard slot < lets.count, !seen.contains(slot) else { return false }
                return readsParameter(lets[slot].expr, lets: lets, seen: seen.union([slot]))
            default: return false
            }
        }
    }

    /// A rule pays from one pool at most: with two, each pool's allocation would be cut from an
    /// amount the other may already have cut, and neither total could be kept.
    mutating func checkPoolMembership(_ pools: [CheckedPool], rules: [CheckedRule]) {
        var owner: [Int: String] = [:]
        for pool in pools {
            for (offset, member) in pool.members.enumerated() {
                if let other = owner[member] {
                    report("check.rule-in-two-pools", "rule '\(rules[member].id)' is already in pool '\(other)'",
                           "规则 '\(rules[member].id)' 已属于资金池 '\(other)'",
                           at: offset < pool.decl.memberRanges.count ? pool.decl.memberRanges[offset] : pool.decl.range)
                }
                owner[member] = pool.decl.id
            }
        }
    }
}
