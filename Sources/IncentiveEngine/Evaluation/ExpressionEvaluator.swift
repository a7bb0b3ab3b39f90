import IncentiveSupport
import PolicyLanguage

/// Evaluates checked expressions for one enterprise and year, exactly. Absent facts are `null`,
/// which propagates; every absent fact read is noted so an undetermined outcome can name it.
/// Terminates in time linear in the expression: there are no loops but over finite lists.
struct ExpressionEvaluator {
    let policies: CheckedPolicySet
    let profile: Profile
    let year: Int
    /// The expression whose date picks parameter versions (the rule's `version`).
    var versionDateExpr: CheckedExpr?
    private var versionDate: Value??
    /// The rule's `let`s, evaluated on first use; their missing facts are noted again at each use.
    var lets: [CheckedLet] = [] {
        didSet { localValues = Array(repeating: nil, count: lets.count); localMissing = Array(repeating: [], count: lets.count) }
    }
    private var localValues: [Value?] = []
    private var localMissing: [[String]] = []
    private var variables: [Int: Value] = [:]
    var explanation = Explanation()
    /// Whether to record facts, parameter versions and steps (off when only amounts are wanted).
    var isExplaining = true
    /// Absent facts and other reasons a value is unknown, in the order met.
    var missing: [String] = []
    var provenances: [Provenance] = []
    /// Ranks within the cohort, when evaluating a batch; nil in single evaluation.
    var rank: ((CheckedExpr, inout ExpressionEvaluator) -> Value)?
    /// Paid totals by selector, for obligations.
    var paid: ((MemberSelector) -> Value)?

    init(policies: CheckedPolicySet, profile: Profile, year: Int) {
        self.policies = policies
        self.profile = profile
        self.year = year
    }

    mutating func note(_ reason: String) {
        if !missing.contains(reason) { missing.append(reason) }
    }

    mutating func value(_ expr: CheckedExpr) -> Value {
        switch expr.node {
        case .constant(let value): return value
        case .assessmentYear: return .number(ExactDecimal(year))
        case .fact(let fact, let yearExpr):
            var factYear = year
            if let yearExpr {
                guard let y = value(yearExpr).number?.intValue else { return .null }
                factYear = y
            }
            return read(fact, year: factYear)
        case .factOver(let fact, let yearsExpr):
            guard case .range(let lowerValue, let upperValue, let lowerClosed, let upperClosed) = value(yearsExpr),
                  var lower = lowerValue.number?.intValue, var upper = upperValue.number?.intValue else { return .null }
            if !lowerClosed { lower += 1 }
            if !upperClosed { upper -= 1 }
            guard upper - lower < 200 else { return .null }
            return .list(lower <= upper ? (lower...upper).map { read(fact, year: $0) } : [])
        case .param(let id): return param(id)
        case .local(let slot): return local(slot)
        case .variable(let slot): return variables[slot] ?? .null
        case .unary(let op, let operand):
            let v = value(operand)
            switch (op, v) {
            case (.not, .bool(let b)): return .bool(!b)
            case (.negate, .number(let n)): return .number(n.negated)
            default: return .null
            }
        case .binary(let op, let left, let right): return binary(op, left, right)
        case .conditional(let condition, let then, let otherwise):
            switch value(condition) {
            case .bool(true): return value(then)
            case .bool(false): return value(otherwise)
            default: return .null
            }
        case .call(let builtin, let arguments): return call(builtin, arguments.map { value($0) }, at: expr)
        case .list(let items): return .list(items.map { value($0) })
        case .range(let lower, let upper, let lowerClosed, let upperClosed):
            return .range(lower: value(lower), upper: value(upper), lowerClosed: lowerClosed, upperClosed: upperClosed)
        case .membership(let item, let collection, let negated):
            guard let found = contains(value(collection), value(item)) else { return .null }
            return .bool(found != negated)
        case .quantified(let every, let slot, let list, let condition):
            guard case .list(let items) = value(list) else { return .null }
            var sawNull = false
            for item in items {
                variables[slot] = item
                switch value(condition) {
                case .bool(let holds) where holds != every:
                    variables[slot] = nil
                    return .bool(holds)
                case .bool: break
                default: sawNull = true
                }
            }
            variables[slot] = nil
            return sawNull ? .null : .bool(every)
        case .rank(let inner):
            if let rank { return rank(inner, &self) }
            note("cohort")
            return .null
        case .paid(let selector):
            return paid?(selector) ?? .null
        }
    }

    private mutating func local(_ slot: Int) -> Value {
        guard slot < lets.count else { return .null }
        if let known = localValues[slot] {
            if known == .null { localMissing[slot].forEach { note($0) } }
            return known
        }
        let before = missing
        let result = value(lets[slot].expr)
        localMissing[slot] = missing.filter { !before.contains($0) }
        localValues[slot] = result
        let shown = isExplaining ? result.number.map { $0.description } ?? result.description : ""
        if isExplaining { explanation.steps.append(Explanation.Step(label: lets[slot].name, detail: lets[slot].expr.text, value: shown)) }
        return result
    }

    private mutating func read(_ fact: FactDecl, year factYear: Int) -> Value {
        let found = profile.value(of: fact, year: factYear)
        if isExplaining { explanation.noteFact(fact.name, year: fact.perYear ? factYear : nil, value: found) }
        guard let found else {
            note(fact.perYear ? "\(fact.name) of \(factYear)" : fact.name)
            return .null
        }
        return found
    }

    private mutating func param(_ id: ParamID) -> Value {
        let param = policies.param(id)
        if versionDate == nil {
            versionDate = .some(versionDateExpr.map { value($0) } ?? .date(CivilDate(year: year, month: 1, day: 1)!))
        }
        guard case .date(let date)?? = versionDate else {
            note("the date that picks the version of '\(param.decl.name)'")
            return .null
        }
        guard let version = param.version(on: date) else {
            note("a version of '\(param.decl.name)' in force on \(date)")
            return .null
        }
        if isExplaining { explanation.noteParam(Explanation.ParamReading(name: param.decl.name, title: param.decl.title, versionFrom: version.from,
                                                       chosenBy: date, value: version.value, provenance: version.provenance, note: version.note)) }
        provenances.append(version.provenance)
        return version.value
    }

    private mutating func binary(_ op: BinaryOperator, _ left: CheckedExpr, _ right: CheckedExpr) -> Value {
        switch op {
        case .and, .or:
            let a = value(left)
            if case .bool(let x) = a, x == (op == .or) { return a }
            let b = value(right)
            if case .bool(let y) = b, y == (op == .or) { return b }
            if case .bool = a, case .bool = b { return .bool(op == .and) }
            return .null
        case .coalesce:
            let before = missing
            let a = value(left)
            if a != .null { return a }
            missing = before
            return value(right)
        default: break
        }
        let a = value(left), b = value(right)
        if a == .null || b == .null { return .null }
        if op.isOrdering || op == .equal || op == .notEqual {
            guard let order = compare(a, b) else { return op == .notEqual ? .bool(a != b) : op == .equal ? .bool(a == b) : .null }
            switch op {
            case .equal: return .bool(order == 0)
            case .notEqual: return .bool(order != 0)
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        }
        if op == .add, case .text(let x) = a, case .text(let y) = b { return .text(x + y) }
        guard let x = a.number, let y = b.number else { return .null }
        let result: ExactDecimal?
        switch op {
        case .add: result = x.adding(y)
        case .subtract: result = x.subtracting(y)
        case .multiply: result = x.multiplying(y)
        case .divide:
            if y.isZero {
                note("division by zero in '\(left.text) / \(right.text)'")
                return .null
            }
            result = x.dividing(y)
        case .power:
            guard let exponent = y.intValue, abs(exponent) <= 64, !(x.isZero && exponent < 0) else {
                note("a power that cannot be computed exactly in '\(left.text) ^ \(right.text)'")
                return .null
            }
            result = x.power(exponent)
        default:
            if y.isZero {
                note("division by zero in '\(left.text) % \(right.text)'")
                return .null
            }
            result = x.remainder(dividingBy: y)
        }
        guard let result else {
            note("a number too large to compute exactly")
            return .null
        }
        return .number(result)
    }

    /// -1, 0, 1, or nil when the values cannot be ordered.
    func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.date(let x), .date(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.text(let x), .text(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.bool(let x), .bool(let y)): return x == y ? 0 : nil
        default: return nil
        }
    }

    private func contains(_ collection: Value, _ item: Value) -> Bool? {
        if item == .null { return nil }
        switch collection {
        case .list(let items):
            var sawNull = false
            for candidate in items {
                if candidate == .null { sawNull = true; continue }
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
}

extension BinaryOperator {
    var isOrdering: Bool { self == .less || self == .lessOrEqual || self == .greater || self == .greaterOrEqual }
}
