import IncentiveSupport
import PolicyLanguage

/// The batch kernel: every rule, veto and obligation in force in one year compiled once
/// (`KernelRule`), then evaluated for each enterprise over its slot-indexed facts, keeping only
/// status and amount. It computes what `Evaluator` computes — the same operations, in the same
/// order, with the same stacking, limits and pools — without derivations or reasons, which the
/// wide CSV does not show. Tests hold the two to the same output on generated populations.
///
/// One thread's: it keeps frames from one enterprise to the next (`withFrame`) without a lock, so
/// a batch gives each worker its own (`PerThread`, which also keeps reference counts on one core).
/// It is `Sendable` only to be made on one thread for another.
final class KernelEvaluator: @unchecked Sendable {
    let policies: CheckedPolicySet
    let year: Int
    let slots: FactSlots
    /// By rule index; nil for rules not in force in the year.
    let rules: [KernelRule?]
    let vetoes: [[ConditionCode]]
    let obligations: [Obligation]
    /// An obligation's code. A struct, not a tuple: an array of tuples holds their closures in the
    /// generic form, and every call went through two reabstraction thunks.
    struct Obligation: Sendable {
        let conditions: [ConditionCode]
        let amount: KernelCode
    }
    /// Every ranking of the year's rules, numbered: rule `r`'s expression `e` is ranking
    /// `firstRanking[r] + e`, of `rankings` in all. The batch gathers and looks up ranks by number
    /// (no rule and expression text hashed per enterprise).
    let firstRanking: [Int]
    let rankings: Int
    /// Quantifier variables the vetoes' and obligations' code needs in its frame.
    let vetoAndObligationVariables: Int
    private var plans: [String: RegionPlan] = [:]
    /// The first eight regions' plans, looked up by scanning (`plan(for:)`).
    private var recentPlans: [(region: String, plan: RegionPlan)] = []
    /// Frames kept from one enterprise to the next, so that their storage is allocated once, not
    /// per enterprise and rule, each in a box used in place: taking a frame out of an array and
    /// putting it back copied it whole (a retain and a release of each of its arrays). An
    /// evaluator is one thread's (`PerThread`); a veto evaluated while a rule's frame is in use
    /// takes the next box.
    private final class FrameBox {
        var frame: KernelFrame
        init(_ frame: KernelFrame) { self.frame = frame }
    }
    private var frames: [FrameBox] = []
    private var framesInUse = 0
    /// The veto states' array, kept from one enterprise to the next (`evaluate`).
    private var keptVetoStates: [Bool??] = []

    init(policies: CheckedPolicySet, year: Int) {
        self.policies = policies
        self.year = year
        let slots = FactSlots(facts: policies.factIndex)
        self.slots = slots
        rules = policies.rules.indices.map { index in
            policies.rules[index].window.overlaps(year: year) ? KernelRule(policies.rules[index], index: index, policies: policies, slots: slots, year: year) : nil
        }
        var firstRanking: [Int] = [], rankings = 0
        for rule in rules {
            firstRanking.append(rankings)
            rankings += rule?.rankTexts.count ?? 0
        }
        self.firstRanking = firstRanking
        self.rankings = rankings
        var compiler = KernelCompiler(policies: policies, slots: slots, year: year)
        compiler.constantVersionDate = .date(CivilDate(year: year, month: 1, day: 1)!)
        vetoes = policies.vetoes.map { $0.conditions.map { ConditionCode(holds: compiler.compileCondition($0.expr)) } }
        obligations = policies.obligations.map { obligation in
            Obligation(conditions: obligation.conditions.map { ConditionCode(holds: compiler.compileCondition($0.expr)) },
                       amount: compiler.compile(obligation.amount))
        }
        vetoAndObligationVariables = compiler.variableCount
    }

    /// What is in force for a region (computed once per region and kept).
    func plan(for region: String) -> RegionPlan {
        // The first regions met, found by comparing codes (six ASCII digits, held inline in the
        // string): hashing the code for the dictionary cost 500 instructions per enterprise.
        for (known, plan) in recentPlans where known == region { return plan }
        if let plan = plans[region] { return plan }
        let plan = RegionPlan(region: region, year: year, policies: policies)
        plans[region] = plan
        if recentPlans.count < 8 { recentPlans.append((region, plan)) }
        return plan
    }

    /// Runs `body` with a frame for `profile` with `variables` quantifier slots.
    func withFrame<T>(_ profile: SlotProfile, variables: Int = 0, _ body: (inout KernelFrame) -> T) -> T {
        withUnsafePointer(to: profile) { profile in
            if framesInUse == frames.count { frames.append(FrameBox(KernelFrame(profile: profile, year: year))) }
            let box = frames[framesInUse]
            framesInUse += 1
            defer { framesInUse -= 1 }
            box.frame.start(profile, variables: variables)
            return body(&box.frame)
        }
    }

    /// Every rule in force for the enterprise, stacked and limited; pools are the caller's.
    /// - Parameter rank: the enterprise's rank for (rule index, ranking expression), or `.null`.
    func evaluate(_ profile: SlotProfile, plan: RegionPlan, rank: (Int, Int) -> Value) -> [KernelOutcome] {
        var outcomes: [KernelOutcome] = []
        evaluate(profile, plan: plan, into: &outcomes, rank: rank)
        return outcomes
    }

    /// The same, written into `outcomes` (emptied first): a worker keeps one array for all its
    /// enterprises, as this evaluator keeps the veto states' (an allocation each per enterprise).
    func evaluate(_ profile: SlotProfile, plan: RegionPlan, into outcomes: inout [KernelOutcome], rank: (Int, Int) -> Value) {
        var vetoStates: [Bool??] = []
        swap(&vetoStates, &keptVetoStates)
        defer { swap(&vetoStates, &keptVetoStates) }
        vetoStates.removeAll(keepingCapacity: true)
        for _ in plan.vetoes { vetoStates.append(nil) }
        outcomes.removeAll(keepingCapacity: true)
        outcomes.reserveCapacity(plan.rules.count)
        withFrame(profile) { frame in
            for (position, ruleIndex) in plan.rules.enumerated() {
                let rule = rules[ruleIndex]!
                frame.reset(for: rule)
                for expression in rule.rankTexts.indices { frame.ranks.append(rank(ruleIndex, expression)) }
                let outcome = rule.evaluate(&frame) {
                    var state: Bool? = false
                    for veto in plan.vetoesOf[position] {
                        if vetoStates[veto] == nil { vetoStates[veto] = .some(fired(plan.vetoes[veto], profile)) }
                        switch vetoStates[veto]! {
                        case true?: return true
                        case nil: state = nil
                        case false?: break
                        }
                    }
                    return state
                }
                outcomes.append(outcome)
            }
        }
        stack(&outcomes, plan)
    }

    /// A veto fires when all its conditions hold; it is undetermined while none fails and one is unknown.
    private func fired(_ veto: Int, _ profile: SlotProfile) -> Bool? {
        withFrame(profile, variables: vetoAndObligationVariables) { KernelRule.allHold(vetoes[veto], &$0) }
    }

    /// Groups (highest only, or summed under a cap) and limits, as `Stacking` applies them.
    private func stack(_ outcomes: inout [KernelOutcome], _ plan: RegionPlan) {
        for stack in plan.stacks {
            switch stack.mode {
            case .highest:
                var winner: Int?
                for member in stack.members where outcomes[member].status == .eligible {
                    if winner == nil || (outcomes[member].amount ?? .zero) > (outcomes[winner!].amount ?? .zero) { winner = member }
                }
                for member in stack.members where outcomes[member].status == .eligible && member != winner { outcomes[member].amount = .zero }
            case .capped(let cap):
                let paying = stack.members.filter { outcomes[$0].status == .eligible && (outcomes[$0].amount ?? .zero) > .zero }
                let amounts = paying.map { outcomes[$0].amount ?? .zero }
                let digits = paying.map { plan.ruleRounding[$0] ?? 0 }.min() ?? 0
                guard let scaled = Apportionment.scale(amounts, to: cap, digits: digits) else { continue }
                for (offset, member) in paying.enumerated() { outcomes[member].amount = scaled[offset] }
            }
        }
    }

    /// The obligations in force, from the paid amounts (after pools), in `Evaluator`'s way: the
    /// last condition that does not hold decides the status; an undetermined contributing rule
    /// leaves the obligation undetermined.
    func obligations(_ profile: SlotProfile, plan: RegionPlan, outcomes: [KernelOutcome]) -> [KernelOutcome] {
        plan.obligations.enumerated().map { place, index in withFrame(profile, variables: vetoAndObligationVariables) { frame in
            let obligation = obligations[index]
            frame.paid = { members in
                var total = ExactDecimal.zero, pending = false
                for (position, outcome) in outcomes.enumerated() where members[plan.rules[position]] {
                    if outcome.status == .undetermined { pending = true }
                    total = total.adding(outcome.paid) ?? total
                }
                return (total, pending)
            }
            var status = RuleOutcome.Status.eligible
            for code in obligation.conditions {
                switch code.holds(&frame) {
                case true?: break
                case false?: status = .ineligible
                case nil: status = .undetermined
                }
            }
            guard status == .eligible else { return KernelOutcome(status: status, amount: nil) }
            guard var amount = obligation.amount(&frame).number else { return .undetermined }
            if let digits = plan.obligationRounding[place] { amount = amount.rounded(scale: digits) ?? amount }
            return KernelOutcome(status: frame.readPending ? .undetermined : .eligible, amount: amount)
        } }
    }
}
