import IncentiveSupport
import PolicyLanguage

/// Compiled code for a condition: true, false, or nil when it is null.
typealias BoolCode = @Sendable (inout KernelFrame) -> Bool?

/// Flag code as arrays hold it (a rule's conditions, a veto's): in a struct, a closure is stored
/// as it is called. An array of bare closures holds each one in the generic form, and every call
/// out of it went through two reabstraction thunks. (The call still counts a reference on the
/// closure's context either way.)
struct ConditionCode: Sendable {
    let holds: BoolCode
}

/// Conditions compiled to pass flags from node to node instead of `Value`s: every rule's `when`
/// and `cohort` lines, vetoes and obligations are conditions, and a `Value` returned through a
/// closure costs a copy and a switch at every step. Only expressions the checker typed as `bool`
/// take this way, where a value is a flag or null; anything the kernel reads as a flag (`.bool`)
/// reads the same here, and every operation is `compileBinary`'s or `Operations`', in the same
/// order (both operands of an equality computed, then a null gives null; `and`/`or` as there).
extension KernelCompiler {
    /// A `bool` expression as flag code, computed here when it reads nothing of the enterprise.
    mutating func compileCondition(_ expr: CheckedExpr) -> BoolCode {
        if Self.isConstant(expr) {
            let flag = fold(expr).bool
            return { _ in flag }
        }
        return conditionNode(expr)
    }

    /// The flag code of an expression's own node; anything this does not take directly through
    /// its `Value` code. `and`, `or`, `not` and quantifiers are only compiled here (`compileNode`
    /// wraps them as values): anything but a flag reads as null in them either way.
    mutating func conditionNode(_ expr: CheckedExpr) -> BoolCode {
        switch expr.node {
        case .fact(let fact, nil) where fact.perYear:
            let slot = slots.slot(of: fact), year = self.year
            return { frame in frame.profile.cell(yearSlot: slot, year: year).bool }
        case .fact(let fact, nil):
            let slot = slots.slot(of: fact)
            return { frame in frame.profile.statics[slot].bool }
        case .fact(let fact, let yearExpr?) where fact.perYear && Self.isConstant(yearExpr):
            // `in_rd_statistics of Y-1`: the year decided here, as `compileFact` decides it.
            let slot = slots.slot(of: fact)
            guard let factYear = fold(yearExpr).number?.intValue else { return { _ in nil } }
            return { frame in frame.profile.cell(yearSlot: slot, year: factYear).bool }
        case .local(let slot) where letKind(ofSlot: slot) == .flag:
            return { frame in frame.flagLocal(slot) }
        case .unary(.not, let operand):
            let code = compileCondition(operand)
            return { frame in code(&frame).map { !$0 } }
        case .binary(let op, let left, let right) where op == .and || op == .or:
            let a = compileCondition(left), b = compileCondition(right), shortCircuit = op == .or
            return { frame in
                let x = a(&frame)
                if x == shortCircuit { return shortCircuit }
                let y = b(&frame)
                if y == shortCircuit { return shortCircuit }
                return x != nil && y != nil ? !shortCircuit : nil
            }
        case .binary(.coalesce, let left, let right) where left.type == .bool && right.type == .bool:
            let a = compileCondition(left), b = compileCondition(right)
            return { frame in a(&frame) ?? b(&frame) }
        case .binary(let op, let left, let right) where Self.isNumeric(left.type) && Self.isNumeric(right.type):
            if let code = numericComparison(op, left, right) { return code }
        case .conditional(let condition, let then, let otherwise) where then.type == .bool && otherwise.type == .bool:
            let test = compileCondition(condition), a = compileCondition(then), b = compileCondition(otherwise)
            return { frame in
                switch test(&frame) {
                case true?: return a(&frame)
                case false?: return b(&frame)
                case nil: return nil
                }
            }
        case .membership(let item, let collection, let negated):
            if let code = numberInRange(item, collection, negated: negated) { return code }
        case .quantified(let every, let slot, let list, let condition):
            // Two `if let`s, not `??`: a closure passed through a generic function comes out
            // wrapped in two reabstraction thunks, which every call then goes through.
            if let code = prefixQuantifier(every: every, slot: slot, list: list, condition: condition) { return code }
            if let code = yearRangeQuantifier(every: every, slot: slot, list: list, condition: condition) { return code }
            noteVariable(slot)
            let listCode = compile(list), test = compileCondition(condition)
            return { frame in
                guard case .list(let items) = listCode(&frame) else { return nil }
                var sawNull = false
                for item in items {
                    frame.variables[slot] = item
                    switch test(&frame) {
                    case let holds? where holds != every:
                        frame.variables[slot] = .null
                        return holds
                    case _?: break
                    case nil: sawNull = true
                    }
                }
                frame.variables[slot] = .null
                return sawNull ? nil : every
            }
        default: break
        }
        let code = compile(expr)
        return { frame in code(&frame).bool }
    }
}
