import IncentiveSupport
import PolicyLanguage

/// Compiles checked expressions into closures for the batch kernel, for one assessment year: a
/// fact read becomes an array index, `rd_expense of Y-1` a read of a year known at compile time,
/// and a sub-expression that reads nothing of the enterprise is computed once, here. The
/// operations themselves are `Operations`', the same the explaining evaluator uses.
struct KernelCompiler {
    let policies: CheckedPolicySet
    let slots: FactSlots
    let year: Int
    /// Ranking expressions of the rule being compiled, by their text (as `RankKey` names them).
    var rankTexts: [String] = []
    /// One more than the highest quantifier variable slot met.
    private(set) var variableCount = 0
    /// How the rule's `let`s are held in a frame, by slot (set before anything that reads them is
    /// compiled): a number or a flag computed by typed code and kept unboxed, or a `Value`.
    var letKinds: [LetKind] = []
    enum LetKind { case number, flag, value }
    /// The rule's version date when it reads nothing of the enterprise (`date(Y, 12, 31)`).
    var constantVersionDate: Value?
    private let emptyProfile: SlotProfile

    init(policies: CheckedPolicySet, slots: FactSlots, year: Int) {
        self.policies = policies
        self.slots = slots
        self.year = year
        emptyProfile = SlotProfile(creditCode: "", name: nil, region: "", staticCount: slots.statics.count, yearStride: slots.perYear.count)
    }

    mutating func noteVariable(_ slot: Int) { variableCount = max(variableCount, slot + 1) }

    /// How the rule's `let` in `slot` is held (a `Value` for code with no lets: vetoes, obligations).
    func letKind(ofSlot slot: Int) -> LetKind {
        letKinds.indices.contains(slot) ? letKinds[slot] : .value
    }

    /// How a `let` of a type is held.
    static func letKind(of type: ValueType) -> LetKind {
        if isNumeric(type) { return .number }
        return type == .bool ? .flag : .value
    }

    /// Whether an expression's value depends on nothing but Y and constants.
    static func isConstant(_ expr: CheckedExpr) -> Bool {
        switch expr.node {
        case .constant, .assessmentYear: return true
        case .fact, .factOver, .param, .local, .variable, .rank, .paid, .quantified: return false
        case .unary(_, let operand): return isConstant(operand)
        case .binary(_, let left, let right), .range(let left, let right, _, _), .membership(let left, let right, _):
            return isConstant(left) && isConstant(right)
        case .conditional(let a, let b, let c): return isConstant(a) && isConstant(b) && isConstant(c)
        case .call(_, let arguments), .list(let arguments): return arguments.allSatisfy(isConstant)
        }
    }

    /// The value of a constant expression, computed now.
    mutating func fold(_ expr: CheckedExpr) -> Value {
        let code = compileNode(expr)
        return withUnsafePointer(to: emptyProfile) { profile in
            var frame = KernelFrame(profile: profile, year: year)
            return code(&frame)
        }
    }

    mutating func compile(_ expr: CheckedExpr) -> KernelCode {
        if Self.isConstant(expr), !(expr.node.isConstantLeaf) {
            let value = fold(expr)
            return { _ in value }
        }
        return compileNode(expr)
    }

    private mutating func compileNode(_ expr: CheckedExpr) -> KernelCode {
        switch expr.node {
        case .constant(let value): return { _ in value }
        case .assessmentYear:
            let value = Value.number(ExactDecimal(year))
            return { _ in value }
        case .fact(let fact, let yearExpr): return compileFact(fact, yearExpr)
        case .factOver(let fact, let yearsExpr):
            let slot = slots.slot(of: fact), range = compile(yearsExpr)
            return { frame in
                guard let years = Operations.years(of: range(&frame)) else { return .null }
                return .list(years.map { $0.map { frame.profile.value(yearSlot: slot, year: $0) } } ?? [])
            }
        case .param(let id):
            let param = policies.param(id)
            if let constant = constantVersionDate {
                // A constant version date that is not a date (`date(Y, 2, 29)` in 2023) picks no
                // version, as in `ExpressionEvaluator.param`: the value is absent.
                let value: Value
                if case .date(let date) = constant { value = param.version(on: date)?.value ?? .null } else { value = .null }
                return { _ in value }
            }
            return { frame in
                guard case .date(let date) = frame.versionDay(), let version = param.version(on: date) else { return .null }
                return version.value
            }
        case .local(let slot):
            switch letKind(ofSlot: slot) {
            case .number: return { frame in frame.numberLocal(slot).map(Value.number) ?? .null }
            case .flag: return { frame in frame.flagLocal(slot).map(Value.bool) ?? .null }
            case .value: return { frame in frame.local(slot) }
            }
        case .variable(let slot):
            noteVariable(slot)
            return { frame in frame.variables[slot] }
        case .unary(.not, _), .binary(.and, _, _), .binary(.or, _, _), .quantified:
            // Flags, compiled once in `conditionNode`.
            let code = conditionNode(expr)
            return { frame in code(&frame).map(Value.bool) ?? .null }
        case .unary(let op, let operand):
            let code = compile(operand)
            return { frame in Operations.unary(op, code(&frame)) }
        case .binary(let op, let left, let right):
            if Self.isNumeric(left.type), Self.isNumeric(right.type), let code = numericBinary(op, left, right) { return code }
            return compileBinary(op, compile(left), compile(right))
        case .conditional(let condition, let then, let otherwise):
            let test = compileCondition(condition), a = compile(then), b = compile(otherwise)
            return { frame in
                switch test(&frame) {
                case true?: return a(&frame)
                case false?: return b(&frame)
                case nil: return .null
                }
            }
        case .call(let builtin, let arguments):
            if let code = valueCall(builtin, arguments) { return code }
            let codes = arguments.map { compile($0) }
            if codes.count == 1, let only = codes.first { return { frame in Operations.call(builtin, [only(&frame)]).0 } }
            return { frame in
                var values: [Value] = []
                values.reserveCapacity(codes.count)
                for code in codes { values.append(code(&frame)) }
                return Operations.call(builtin, values).0
            }
        case .list(let items):
            let codes = items.map { compile($0) }
            return { frame in
                var values: [Value] = []
                values.reserveCapacity(codes.count)
                for code in codes { values.append(code(&frame)) }
                return .list(values)
            }
        case .range(let lower, let upper, let lowerClosed, let upperClosed):
            let low = compile(lower), high = compile(upper)
            return { frame in .range(lower: low(&frame), upper: high(&frame), lowerClosed: lowerClosed, upperClosed: upperClosed) }
        case .membership(let item, let collection, let negated):
            if let code = numberInRange(item, collection, negated: negated) { return { frame in code(&frame).map(Value.bool) ?? .null } }
            let itemCode = compile(item), collectionCode = compile(collection)
            return { frame in
                let list = collectionCode(&frame)
                guard let found = Operations.contains(list, itemCode(&frame)) else { return .null }
                return .bool(found != negated)
            }
        case .rank(let inner):
            guard let index = rankTexts.firstIndex(of: inner.text) else { return { _ in .null } }
            return { frame in index < frame.ranks.count ? frame.ranks[index] : .null }
        case .paid(let selector):
            // The rules the selector names, decided here, not for every enterprise.
            let members = policies.rules.map { rule in
                switch selector {
                case .rule(let id): rule.id == id
                case .kind(let kind): rule.kind.rawValue == kind
                case .tag(let tag): rule.decl.tags.contains(tag)
                }
            }
            return { frame in
                guard let paid = frame.paid?(members) else { return .null }
                if paid.pending { frame.readPending = true }
                return .number(paid.total)
            }
        }
    }

    private mutating func compileFact(_ fact: FactDecl, _ yearExpr: CheckedExpr?) -> KernelCode {
        let slot = slots.slot(of: fact)
        guard fact.perYear else { return { frame in frame.profile.statics[slot] } }
        guard let yearExpr else {
            let year = self.year
            return { frame in frame.profile.value(yearSlot: slot, year: year) }
        }
        if Self.isConstant(yearExpr) {
            guard let factYear = fold(yearExpr).number?.intValue else { return { _ in .null } }
            return { frame in frame.profile.value(yearSlot: slot, year: factYear) }
        }
        let yearCode = compile(yearExpr)
        return { frame in
            guard let factYear = yearCode(&frame).number?.intValue else { return .null }
            return frame.profile.value(yearSlot: slot, year: factYear)
        }
    }

    private func compileBinary(_ op: BinaryOperator, _ left: @escaping KernelCode, _ right: @escaping KernelCode) -> KernelCode {
        switch op {
        case .coalesce:
            return { frame in
                let a = left(&frame)
                return a.isNull ? right(&frame) : a
            }
        case .less: return Self.comparison(op, left, right) { $0 < $1 }
        case .lessOrEqual: return Self.comparison(op, left, right) { !($1 < $0) }
        case .greater: return Self.comparison(op, left, right) { $1 < $0 }
        case .greaterOrEqual: return Self.comparison(op, left, right) { !($0 < $1) }
        default:
            return { frame in
                let a = left(&frame), b = right(&frame)
                if a.isNull || b.isNull { return .null }
                return Operations.binary(op, a, b).0
            }
        }
    }

    /// An ordering of two numbers decided here; anything else (dates, text, null) by `Operations`.
    private static func comparison(_ op: BinaryOperator, _ left: @escaping KernelCode, _ right: @escaping KernelCode,
                                   _ holds: @escaping @Sendable (ExactDecimal, ExactDecimal) -> Bool) -> KernelCode {
        { frame in
            let a = left(&frame), b = right(&frame)
            if case .number(let x) = a, case .number(let y) = b { return .bool(holds(x, y)) }
            if a.isNull || b.isNull { return .null }
            return Operations.binary(op, a, b).0
        }
    }
}

private extension CheckedExpr.Node {
    var isConstantLeaf: Bool {
        if case .constant = self { return true }
        return false
    }
}
