import IncentiveSupport
import PolicyLanguage

/// A rule compiled for the batch kernel: its lets, cohort filter, conditions, amount, cap and
/// floor as closures, with the constant parts (parameters picked by `date(Y, 12, 31)`) decided
/// at compile time. A class: evaluation takes one reference per rule, not a copy of its closures.
final class KernelRule: Sendable {
    let index: Int
    /// The rule's `let`s by slot, each compiled as it is held in a frame (`LetCode`).
    let lets: [LetCode]
    let variables: Int
    let version: KernelCode?
    let cohort: [ConditionCode]
    let conditions: [ConditionCode]
    let amount: KernelCode?
    let cap: KernelCode?
    let floor: KernelCode?
    let digits: Int?
    /// The expressions the rule ranks by (by text, as `RankKey`), and their code.
    let rankTexts: [String]
    let rankCodes: [ValueCode]

    init(_ rule: CheckedRule, index: Int, policies: CheckedPolicySet, slots: FactSlots, year: Int) {
        var compiler = KernelCompiler(policies: policies, slots: slots, year: year)
        let ranked = CohortRanking.rankExpressions(of: rule)
        compiler.rankTexts = ranked.map(\.text)
        compiler.letKinds = rule.lets.map { KernelCompiler.letKind(of: $0.expr.type) }
        if KernelCompiler.isConstant(rule.versionDate) { compiler.constantVersionDate = compiler.fold(rule.versionDate) }
        self.index = index
        version = compiler.constantVersionDate == nil ? compiler.compile(rule.versionDate) : nil
        // In slot order: a let reads only the ones before it.
        lets = zip(rule.lets, compiler.letKinds).map { item, kind in
            LetCode(number: kind == .number ? compiler.compileNumber(item.expr) : nil,
                    flag: kind == .flag ? compiler.compileCondition(item.expr) : nil,
                    value: kind == .value ? compiler.compile(item.expr) : nil)
        }
        // Cheapest first (`ConditionCost`): the answer is the same in any order.
        cohort = ConditionCost.cheapestFirst(rule.cohort, lets: rule.lets).map { ConditionCode(holds: compiler.compileCondition($0.expr)) }
        conditions = ConditionCost.cheapestFirst(rule.conditions, lets: rule.lets).map { ConditionCode(holds: compiler.compileCondition($0.expr)) }
        amount = rule.amount.map { compiler.compile($0) }
        cap = rule.cap.map { compiler.compile($0) }
        floor = rule.floor.map { compiler.compile($0) }
        digits = rule.roundingDigits
        rankTexts = compiler.rankTexts
        rankCodes = ranked.map { ValueCode(compute: compiler.compile($0)) }
        variables = compiler.variableCount
    }

    /// Whether every condition holds: false as soon as one fails (later ones are not evaluated,
    /// as a failed condition decides alone), nil when none fails but one is unknown.
    static func allHold(_ codes: [ConditionCode], _ frame: inout KernelFrame) -> Bool? {
        var holds: Bool? = true
        for code in codes {
            switch code.holds(&frame) {
            case false?: return false
            case nil: holds = nil
            case true?: break
            }
        }
        return holds
    }

    /// Status and amount of the rule, in `RuleEvaluation`'s order: conditions (a failed cohort
    /// filter stops there), vetoes, formula, cap, floor, rounding. `veto` gives the state of the
    /// vetoes that target this rule: fired (true), none fired (false), or undetermined (nil).
    func evaluate(_ frame: inout KernelFrame, veto: () -> Bool?) -> KernelOutcome {
        let inCohort = Self.allHold(cohort, &frame)
        guard inCohort != false else { return .ineligible }
        let met = Self.allHold(conditions, &frame)
        guard met != false else { return .ineligible }
        let unknown = inCohort == nil || met == nil
        switch veto() {
        case true?: return .ineligible
        case nil: return .undetermined
        case false?: if unknown { return .undetermined }
        }
        guard let amount else { return KernelOutcome(status: .eligible, amount: nil) }
        guard var value = amount(&frame).number else { return .undetermined }
        if let cap {
            guard let limit = cap(&frame).number else { return .undetermined }
            if value > limit { value = limit }
        }
        if let floor, let least = floor(&frame).number, value < least { value = least }
        if let digits, let rounded = value.rounded(scale: digits) { value = rounded }
        return KernelOutcome(status: .eligible, amount: value)
    }

    /// This enterprise's value for a ranking: nil when its cohort filter fails, `.null` when the
    /// filter or the value is unknown (`CohortRanking.value`'s rule).
    func rankValue(_ rank: Int, _ frame: inout KernelFrame) -> Value? {
        switch Self.allHold(cohort, &frame) {
        case false?: return nil
        case nil: return .null
        case true?: break
        }
        return rankCodes[rank].compute(&frame).number.map(Value.number) ?? .null
    }
}

/// A `let`'s code as a frame holds its value (`KernelCompiler.LetKind`): exactly one of the three
/// is set. One struct per slot: an enum of the three counted a reference up and down at every
/// copy out of the array, and three arrays of bare optional closures held each in the generic
/// form, called through two reabstraction thunks.
struct LetCode: Sendable {
    let number: NumberCode?
    let flag: BoolCode?
    let value: KernelCode?
}

/// What the kernel keeps of a rule's outcome: all the wide CSV and the pools need.
struct KernelOutcome: Sendable {
    var status: RuleOutcome.Status
    var amount: ExactDecimal?

    static let ineligible = KernelOutcome(status: .ineligible, amount: nil)
    static let undetermined = KernelOutcome(status: .undetermined, amount: nil)

    var paid: ExactDecimal { status == .eligible ? (amount ?? .zero) : .zero }
}
