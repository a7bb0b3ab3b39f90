import IncentiveSupport
import PolicyLanguage

/// What is in force for one region in the batch's year, worked out once per region instead of
/// once per enterprise: the rules (in policy-set order), the vetoes, the obligations, and each
/// group, limit and pool as positions in the region's rule list. A class: an enterprise takes one
/// reference to its plan, not a copy of a dozen arrays.
final class RegionPlan: Sendable {
    struct Stack: Sendable {
        enum Mode: Sendable { case highest, capped(ExactDecimal) }
        let mode: Mode
        let members: [Int]
    }

    let rules: [Int]
    let vetoes: [Int]
    /// For each rule position, the positions in `vetoes` of the vetoes that target it.
    let vetoesOf: [[Int]]
    let obligations: [Int]
    /// Groups (in declaration order), then limits: the order `Stacking` applies them.
    let stacks: [Stack]
    /// Per pool, the positions of its members in force here.
    let pools: [[Int]]
    /// Whether some rule here ranks, or is pooled: the enterprise waits for the cohort.
    let needsCohort: Bool
    /// For the wide CSV, per rule position: the decimals its amount is written with, and its
    /// kind's place among `WideRows.kinds` (nil when it has no total); per obligation, its decimals.
    let ruleDigits: [Int]
    let ruleKinds: [Int?]
    let obligationDigits: [Int]
    /// Per rule position and per obligation, its `round` decimals (nil: not rounded), so that
    /// evaluation reads no rule or obligation of the policy set, which every thread shares.
    let ruleRounding: [Int?]
    let obligationRounding: [Int?]

    init(region: String, year: Int, policies: CheckedPolicySet) {
        func inForce(_ policy: Int) -> Bool { policies.policies[policy].covers(region: region) }
        rules = policies.rules.indices.filter { inForce(policies.rules[$0].policy) && policies.rules[$0].window.overlaps(year: year) }
        var position: [Int: Int] = [:]
        for (offset, rule) in rules.enumerated() { position[rule] = offset }
        let vetoes = policies.vetoes.indices.filter {
            inForce(policies.vetoes[$0].policy) && policies.policies[policies.vetoes[$0].policy].decl.effective.overlaps(year: year)
        }
        self.vetoes = vetoes
        vetoesOf = rules.map { rule in vetoes.indices.filter { policies.vetoes[vetoes[$0]].targets.contains(rule) } }
        obligations = policies.obligations.indices.filter {
            inForce(policies.obligations[$0].policy) && policies.policies[policies.obligations[$0].policy].decl.effective.overlaps(year: year)
        }
        var stacks: [Stack] = []
        for group in policies.groups {
            let members = group.members.compactMap { position[$0] }
            guard !members.isEmpty else { continue }
            switch group.decl.mode {
            case .highest: stacks.append(Stack(mode: .highest, members: members))
            case .sum: if let cap = group.cap { stacks.append(Stack(mode: .capped(cap), members: members)) }
            }
        }
        for limit in policies.limits {
            stacks.append(Stack(mode: .capped(limit.cap), members: limit.members.compactMap { position[$0] }))
        }
        self.stacks = stacks
        pools = policies.pools.map { pool in pool.members.compactMap { position[$0] } }
        needsCohort = rules.contains { policies.rules[$0].usesRank } || pools.contains { !$0.isEmpty }
        ruleDigits = rules.map { policies.rules[$0].roundingDigits ?? 2 }
        ruleKinds = rules.map { WideRows.kinds.firstIndex(of: policies.rules[$0].kind) }
        obligationDigits = obligations.map { policies.obligations[$0].roundingDigits ?? 2 }
        ruleRounding = rules.map { policies.rules[$0].roundingDigits }
        obligationRounding = obligations.map { policies.obligations[$0].roundingDigits }
    }
}
