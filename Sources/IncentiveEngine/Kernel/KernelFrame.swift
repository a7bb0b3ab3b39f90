import IncentiveSupport
import PolicyLanguage

/// A compiled expression: a closure over the frame of one rule's evaluation for one enterprise.
typealias KernelCode = @Sendable (inout KernelFrame) -> Value

/// Value code as arrays hold it (see `ConditionCode`).
struct ValueCode: Sendable {
    let compute: KernelCode
}

/// What compiled code reads and caches while one rule is evaluated for one enterprise: the
/// enterprise's facts, the rule's `let`s (each computed once), quantifier variables, the date that
/// picks parameter versions, the cohort's ranks and, for obligations, the paid totals.
struct KernelFrame {
    /// The enterprise's profile, borrowed for the evaluation (`KernelEvaluator.withFrame` holds
    /// it): a frame used for several rules, vetoes and obligations of each enterprise held a copy
    /// of it, and every copy counted six references up and down.
    private var profilePointer: UnsafePointer<SlotProfile>
    var profile: SlotProfile { unsafeAddress { profilePointer } }
    let year: Int
    /// The rule being evaluated (nil for a veto or an obligation): its `let`s and version date.
    /// Unowned: the evaluator holds its rules for as long as its frames, and a strong reference
    /// counted up and down for every rule of every enterprise.
    unowned(unsafe) private var rule: KernelRule?
    /// The rule's `let`s computed so far: `letValues[slot]` holds when `letStamps[slot]` is
    /// `stamp`, which `reset(for:)` and `start` move on, so a new rule or enterprise clears nothing
    /// (values of an earlier one stay until overwritten).
    var letValues: [Value] = []
    /// The same for `let`s held unboxed (`KernelCompiler.LetKind`): numbers and flags.
    var letNumbers: [ExactDecimal?] = []
    var letFlags: [Bool?] = []
    var letStamps: [UInt32] = []
    var stamp: UInt32 = 0
    var variables: [Value]
    var versionDate: Value?
    /// The rank of this enterprise for each ranking expression of the rule (`.null` when unranked).
    var ranks: [Value] = []
    /// For obligations: the paid total of the rules a selector names (by rule index, whether it
    /// is one of them), and whether one of them is undetermined (which leaves the obligation
    /// undetermined once read).
    var paid: (([Bool]) -> (total: ExactDecimal, pending: Bool))?
    var readPending = false

    /// A frame with no rule yet (`reset(for:)` sets one) and no quantifier slots (`start` and
    /// `reset(for:)` add what vetoes, obligations and rules need).
    init(profile: UnsafePointer<SlotProfile>, year: Int) {
        profilePointer = profile
        self.year = year
        variables = []
    }

    /// Ready for another enterprise (or a veto or obligation of the same one), with at least
    /// `variables` quantifier slots, keeping the storage already allocated.
    mutating func start(_ profile: UnsafePointer<SlotProfile>, variables: Int) {
        profilePointer = profile
        if self.variables.count < variables { self.variables.append(contentsOf: [Value].nulls(variables - self.variables.count)) }
        rule = nil
        versionDate = nil
        if !ranks.isEmpty { ranks.removeAll(keepingCapacity: true) }
        paid = nil
        readPending = false
        advanceStamp()
    }

    /// Ready for the next rule of the same enterprise, keeping the storage already allocated.
    mutating func reset(for rule: KernelRule) {
        self.rule = rule
        if letValues.count < rule.lets.count {
            let more = rule.lets.count - letValues.count
            letValues.append(contentsOf: [Value].nulls(more))
            letNumbers.append(contentsOf: repeatElement(nil, count: more))
            letFlags.append(contentsOf: repeatElement(nil, count: more))
            letStamps.append(contentsOf: repeatElement(stamp, count: more))
        }
        advanceStamp()
        if variables.count < rule.variables { variables.append(contentsOf: [Value].nulls(rule.variables - variables.count)) }
        versionDate = nil
        if !ranks.isEmpty { ranks.removeAll(keepingCapacity: true) }
    }

    /// Moves the stamp on, so no `let` computed before reads as current.
    private mutating func advanceStamp() {
        stamp &+= 1
        if stamp == 0 {
            // After 2³² rules, stamps from the first round could read as current: start again.
            for slot in letStamps.indices { letStamps[slot] = 0 }
            stamp = 1
        }
    }

    /// A `let` held as a `Value`, computed on first read.
    mutating func local(_ slot: Int) -> Value {
        if letStamps[slot] == stamp { return letValues[slot] }
        let value = rule!.lets[slot].value!(&self)
        letValues[slot] = value
        letStamps[slot] = stamp
        return value
    }

    /// A numeric `let`, computed on first read.
    mutating func numberLocal(_ slot: Int) -> ExactDecimal? {
        if letStamps[slot] == stamp { return letNumbers[slot] }
        let value = rule!.lets[slot].number!(&self)
        letNumbers[slot] = value
        letStamps[slot] = stamp
        return value
    }

    /// A `bool` `let`, computed on first read.
    mutating func flagLocal(_ slot: Int) -> Bool? {
        if letStamps[slot] == stamp { return letFlags[slot] }
        let value = rule!.lets[slot].flag!(&self)
        letFlags[slot] = value
        letStamps[slot] = stamp
        return value
    }

    /// The date that picks parameter versions: the rule's `version`, or 1 January of Y.
    mutating func versionDay() -> Value {
        if let versionDate { return versionDate }
        let value: Value
        if let code = rule?.version { value = code(&self) } else { value = .date(CivilDate(year: year, month: 1, day: 1)!) }
        versionDate = value
        return value
    }
}
