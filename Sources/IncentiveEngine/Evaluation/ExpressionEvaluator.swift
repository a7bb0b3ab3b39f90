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
            guard let years = Operations.years(of: value(yearsExpr)) else { return .null }
            return .list(years.map { $0.map { read(fact, year: $0) } } ?? [])
        case .param(let id): return param(id)
        case .local(let slot): return local(slot)
        case .variable(let slot): return variables[slot] ?? .null
        case .unary(let op, let operand):
            return Operations.unary(op, value(operand))
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
            guard let found = Operations.contains(value(collection), value(item)) else { return .null }
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
            if known.isNull { localMissing[slot].forEach { note($0) } }
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
            if !a.isNull { return a }
            missing = before
            return value(right)
        default: break
        }
        let a = value(left), b = value(right)
        if a.isNull || b.isNull { return .null }
        let (result, failure) = Operations.binary(op, a, b)
        switch failure {
        case .divisionByZero?: note("division by zero in '\(left.text) \(op == .divide ? "/" : "%") \(right.text)'")
        case .power?: note("a power that cannot be computed exactly in '\(left.text) ^ \(right.text)'")
        case .overflow?: note("a number too large to compute exactly")
        default: break
        }
        return result
    }
}

extension BinaryOperator {
    var isOrdering: Bool { self == .less || self == .lessOrEqual || self == .greater || self == .greaterOrEqual }
}
