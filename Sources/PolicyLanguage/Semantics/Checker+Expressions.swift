import IncentiveSupport

/// Where an expression sits: which names it may use, and whether `rank(…)` (rule conditions) and
/// `paid(…)` (obligations) are allowed there.
struct ExpressionContext {
    var scope: Scope
    var allowPaid: Bool
    var allowRank = false
    /// Quantifier variables in scope, innermost last.
    var variables: [(name: String, slot: Int, type: ValueType)] = []
    var nextSlot = 0
    /// Extra names with types (the JSON input of `incentive eval`), read like static facts.
    var inputs: [String: FactDecl] = [:]
}

extension Checker {
    mutating func checkExpression(_ expr: Expr, _ context: inout ExpressionContext) -> CheckedExpr {
        let text = expr.range.file >= 0 && expr.range.file < sources.count ? sources[expr.range.file].slice(expr.range) : ""
        func make(_ node: CheckedExpr.Node, _ type: ValueType) -> CheckedExpr { CheckedExpr(node, type, expr.range, text) }
        func failed() -> CheckedExpr { make(.constant(.null), .any) }

        switch expr.kind {
        case .number(let value, let unit):
            let type: ValueType = unit == .percent ? .percent : unit == .money ? .money : value.isInteger ? .integer : .number
            return make(.constant(.number(value)), type)
        case .string(let text):
            return make(.constant(.text(text)), .text)
        case .date(let date):
            return make(.constant(.date(date)), .date)
        case .bool(let value):
            return make(.constant(.bool(value)), .bool)
        case .null:
            return make(.constant(.null), .any)
        case .assessmentYear:
            return make(.assessmentYear, .integer)
        case .name(let name):
            return resolveName(name, expr: expr, &context, make)
        case .of(let name, let year):
            guard let fact = perYearFact(name, at: expr.range, context) else { return failed() }
            let checkedYear = checkExpression(year, &context)
            requireInteger(checkedYear, what: DiagnosticText("a year", "年份"))
            return make(.fact(fact, year: checkedYear), fact.type)
        case .over(let name, let years):
            guard let fact = perYearFact(name, at: expr.range, context) else { return failed() }
            let checkedYears = checkExpression(years, &context)
            guard case .range(let element) = checkedYears.type, element == .integer || element == .any else {
                if checkedYears.type != .any {
                    report("check.type-mismatch", "'over' takes a range of years such as [Y-2..Y], found \(checkedYears.type)",
                           "'over' 需要年份区间，如 [Y-2..Y]，实际为 \(checkedYears.type.chinese)", at: years.range)
                }
                return failed()
            }
            return make(.factOver(fact, years: checkedYears), .list(fact.type))
        case .unary(let op, let operand):
            let checked = checkExpression(operand, &context)
            switch op {
            case .not:
                requireBool(checked)
                return make(.unary(.not, checked), .bool)
            case .negate:
                if !checked.type.isNumeric {
                    report("check.type-mismatch", "'-' needs a number, found \(checked.type)", "'-' 需要数字，实际为 \(checked.type.chinese)", at: operand.range)
                    return failed()
                }
                return make(.unary(.negate, checked), checked.type)
            }
        case .binary(let op, let left, let right):
            let l = checkExpression(left, &context)
            let r = checkExpression(right, &context)
            let type = binaryType(op, l, r, at: expr.range)
            if op == .divide || op == .remainder, let divisor = constantValue(r)?.number, divisor.isZero {
                // A literal zero divisor is a mistake in the policy; a fact that is zero at run time
                // gives null (undetermined) instead.
                report("check.division-by-zero", "division by zero", "除数为零", at: right.range)
            }
            return make(.binary(op, l, r), type)
        case .conditional(let condition, let then, let otherwise):
            let c = checkExpression(condition, &context)
            requireBool(c)
            let a = checkExpression(then, &context)
            let b = checkExpression(otherwise, &context)
            guard let type = unify(a.type, b.type) else {
                report("check.type-mismatch", "both branches of '?' must have the same type, found \(a.type) and \(b.type)",
                       "'?' 的两个分支必须类型相同，实际为 \(a.type.chinese) 和 \(b.type.chinese)", at: expr.range)
                return failed()
            }
            return make(.conditional(c, a, b), type)
        case .call(let name, let arguments):
            guard let builtin = Builtin(rawValue: name) else {
                report("check.unknown-function", "unknown function '\(name)'", "未知的函数 '\(name)'", at: expr.range,
                       help: .didYouMean(Suggestions.closest(to: name, among: Builtin.allCases.map(\.rawValue))))
                return failed()
            }
            let checked = arguments.map { checkExpression($0, &context) }
            guard builtin.arity.contains(checked.count) else {
                report("check.arity", "'\(name)' takes \(Self.arityText(builtin.arity, to: "to")) arguments, found \(checked.count)",
                       "'\(name)' 接受 \(Self.arityText(builtin.arity, to: "至")) 个参数，实际为 \(checked.count) 个", at: expr.range)
                return failed()
            }
            return make(.call(builtin, checked), builtinType(builtin, checked, at: expr.range))
        case .list(let items):
            let checked = items.map { checkExpression($0, &context) }
            var element = ValueType.any
            for item in checked {
                guard let unified = unify(element, item.type) else {
                    report("check.type-mismatch", "list items must have one type, found \(element) and \(item.type)",
                           "列表各项的类型必须一致，实际为 \(element.chinese) 和 \(item.type.chinese)", at: item.range)
                    return failed()
                }
                element = unified
            }
            return make(.list(checked), .list(element))
        case .range(let lower, let upper, let lowerClosed, let upperClosed):
            let l = checkExpression(lower, &context)
            let u = checkExpression(upper, &context)
            guard let element = unify(l.type, u.type), element.isNumeric || element == .date || element == .any else {
                report("check.type-mismatch", "a range needs two numbers or two dates, found \(l.type) and \(u.type)",
                       "区间需要两个数字或两个日期，实际为 \(l.type.chinese) 和 \(u.type.chinese)", at: expr.range)
                return failed()
            }
            return make(.range(l, u, lowerClosed: lowerClosed, upperClosed: upperClosed), .range(element))
        case .membership(let item, let collection, let negated):
            let i = checkExpression(item, &context)
            let c = checkExpression(collection, &context)
            switch c.type {
            case .list(let element), .range(let element):
                if comparable(i.type, element) == nil {
                    report("check.type-mismatch", "cannot look for \(i.type) in \(c.type)", "无法在 \(c.type.chinese) 中查找 \(i.type.chinese)", at: expr.range)
                }
            case .any: break
            default:
                report("check.type-mismatch", "'in' needs a list or a range on its right, found \(c.type)",
                       "'in' 的右边需要列表或区间，实际为 \(c.type.chinese)", at: collection.range)
            }
            return make(.membership(i, c, negated: negated), .bool)
        case .quantified(let every, let variable, let list, let condition):
            let l = checkExpression(list, &context)
            var element = ValueType.any
            if case .list(let type) = l.type { element = type } else if l.type != .any {
                let word = every ? "every" : "some"
                report("check.type-mismatch", "'\(word) … in' needs a list, found \(l.type)", "'\(word) … in' 需要列表，实际为 \(l.type.chinese)", at: list.range)
            }
            let slot = context.nextSlot
            context.nextSlot += 1
            context.variables.append((variable, slot, element))
            let c = checkExpression(condition, &context)
            context.variables.removeLast()
            requireBool(c)
            return make(.quantified(every: every, slot: slot, list: l, condition: c), .bool)
        case .rank(let inner):
            if !context.allowRank {
                report("check.rank-outside-rule", "rank(…) can only be used in a rule's conditions", "rank(…) 只能用在规则的条件中", at: expr.range)
            }
            let checked = checkExpression(inner, &context)
            if !checked.type.isNumeric {
                report("check.type-mismatch", "rank(…) ranks numbers, found \(checked.type)", "rank(…) 只能按数字排名，实际为 \(checked.type.chinese)", at: inner.range)
            }
            return make(.rank(checked), .integer)
        case .paid(let selector):
            if !context.allowPaid {
                report("check.paid-outside-obligation", "paid(…) can only be used in an obligation's amount", "paid(…) 只能用在义务的金额中", at: expr.range)
            }
            return make(.paid(selector), .money)
        }
    }

    private mutating func resolveName(_ name: String, expr: Expr, _ context: inout ExpressionContext,
                                      _ make: (CheckedExpr.Node, ValueType) -> CheckedExpr) -> CheckedExpr {
        if let variable = context.variables.last(where: { $0.name == name }) {
            return make(.variable(variable.slot), variable.type)
        }
        if let (slot, type) = context.scope.locals[name] { return make(.local(slot), type) }
        if let (id, type) = context.scope.params[name] { return make(.param(id), type) }
        if let fact = lookupFact(name, context) { return make(.fact(fact, year: nil), fact.type) }
        reportUnknownName(name, at: expr.range, context)
        return make(.constant(.null), .any)
    }

    /// A fact that `of` or `over` can take a year of; reports an unknown or static one.
    private mutating func perYearFact(_ name: String, at range: SourceRange, _ context: ExpressionContext) -> FactDecl? {
        guard let fact = lookupFact(name, context) else {
            reportUnknownName(name, at: range, context)
            return nil
        }
        guard fact.perYear else {
            report("check.static-fact-year", "fact '\(name)' is static; it has no value per year", "事实 '\(name)' 是静态的，没有逐年的取值", at: range)
            return nil
        }
        return fact
    }

    func lookupFact(_ name: String, _ context: ExpressionContext) -> FactDecl? {
        context.inputs[name] ?? facts[name]
    }

    mutating func reportUnknownName(_ name: String, at range: SourceRange, _ context: ExpressionContext) {
        var candidates = Array(facts.keys) + Array(context.scope.params.keys) + Array(context.scope.locals.keys)
        candidates += context.variables.map(\.name) + Array(context.inputs.keys)
        report("check.unknown-name", "unknown name '\(name)': not a fact, parameter or local name",
               "未知的名称 '\(name)'：不是事实、参数或局部名称", at: range, help: .didYouMean(Suggestions.closest(to: name, among: candidates)))
    }

    mutating func requireBool(_ expr: CheckedExpr) {
        if expr.type != .bool, expr.type != .any {
            report("check.type-mismatch", "expected true or false, found \(expr.type) ('\(expr.text)')",
                   "应为 true 或 false，实际为 \(expr.type.chinese)（'\(expr.text)'）", at: expr.range)
        }
    }

    mutating func requireInteger(_ expr: CheckedExpr, what: DiagnosticText) {
        if expr.type != .integer, expr.type != .any {
            report("check.type-mismatch", "\(what.english) must be a whole number, found \(expr.type) ('\(expr.text)')",
                   "\(what.chinese)必须是整数，实际为 \(expr.type.chinese)（'\(expr.text)'）", at: expr.range)
        }
    }

    /// `2`, or `1 to 2` (`1 至 2`): the word between the bounds is the language's.
    static func arityText(_ range: ClosedRange<Int>, to: String) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) \(to) \(range.upperBound)"
    }

    /// The value of an expression made only of literals, or nil.
    func constantValue(_ expr: CheckedExpr) -> Value? {
        switch expr.node {
        case .constant(let value): return value
        case .unary(.negate, let operand):
            if case .number(let n)? = constantValue(operand) { return .number(n.negated) }
            return nil
        case .binary(let op, let a, let b):
            guard let x = constantValue(a)?.number, let y = constantValue(b)?.number else { return nil }
            let result: ExactDecimal?
            switch op {
            case .add: result = x.adding(y)
            case .subtract: result = x.subtracting(y)
            case .multiply: result = x.multiplying(y)
            case .divide: result = x.dividing(y)
            default: result = nil
            }
            return result.map(Value.number)
        default: return nil
        }
    }
}
