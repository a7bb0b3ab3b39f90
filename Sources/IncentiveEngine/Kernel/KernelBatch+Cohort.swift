import IncentiveSupport
import PolicyLanguage

/// The enterprises whose region has a cohort rule: ranked (competition ranks within each rule's
/// cohort, `CohortRanking`), evaluated with their ranks, their pooled awards allocated over the
/// batch (`BudgetPools`), and finished with the amounts the pools pay.
extension KernelBatch {
    func finishCohort(_ profiles: [SlotProfile]) -> (rows: [WideRows.Row], pools: [PoolOutcome]) {
        let ranks = rank(profiles)
        let evaluated: [[KernelOutcome]] = Parallel.map(profiles.indices, chunk: 256) { range in
            range.map { index in
                let profile = profiles[index]
                return self.kernel.evaluate(profile, plan: self.kernel.plan(for: profile.region)) { rule, expression in
                    ranks[RankKey(rule: rule, expression: self.kernel.rules[rule]!.rankTexts[expression])]?[index].map { .number(ExactDecimal($0)) } ?? .null
                }
            }
        }.flatMap { $0 }
        var allocated = evaluated
        let pools = allocatePools(profiles, &allocated)
        let outcomes = allocated
        let rows: [WideRows.Row] = Parallel.map(profiles.indices, chunk: 256) { range in
            range.map { index in
                let profile = profiles[index]
                let plan = self.kernel.plan(for: profile.region)
                return WideRows.row(profile, plan: plan, outcomes: outcomes[index],
                                    obligations: self.kernel.obligations(profile, plan: plan, outcomes: outcomes[index]), policies: self.policies)
            }
        }.flatMap { $0 }
        return (rows, pools)
    }

    /// Competition ranks of every ranking, by enterprise (only those ranked have one).
    private func rank(_ profiles: [SlotProfile]) -> [RankKey: [Int: Int]] {
        typealias Found = (key: RankKey, enterprise: Int, value: ExactDecimal)
        let found: [Found] = Parallel.map(profiles.indices, chunk: 256) { range in
            var found: [Found] = []
            for index in range {
                let profile = profiles[index]
                for ruleIndex in self.kernel.plan(for: profile.region).rules {
                    let rule = self.kernel.rules[ruleIndex]!
                    for (expression, text) in rule.rankTexts.enumerated() {
                        var frame = rule.frame(for: profile, year: self.year)
                        if case .number(let value)? = rule.rankValue(expression, &frame) {
                            found.append((RankKey(rule: ruleIndex, expression: text), index, value))
                        }
                    }
                }
            }
            return found
        }.flatMap { $0 }
        var values: [RankKey: [(enterprise: Int, value: ExactDecimal)]] = [:]
        for entry in found { values[entry.key, default: []].append((entry.enterprise, entry.value)) }
        return values.mapValues { CohortRanking.competitionRanks($0) }
    }

    /// Claims on each pool (eligible pooled awards after stacking), allocated; the awards then
    /// become what the pool pays when it is oversubscribed.
    private func allocatePools(_ profiles: [SlotProfile], _ outcomes: inout [[KernelOutcome]]) -> [PoolOutcome] {
        var results: [PoolOutcome] = []
        for (poolIndex, pool) in policies.pools.enumerated() {
            var claims: [PoolClaim] = []
            var undetermined = 0
            var positions: [PoolClaim: (enterprise: Int, position: Int)] = [:]
            for (index, profile) in profiles.enumerated() {
                let plan = kernel.plan(for: profile.region)
                for position in plan.pools[poolIndex] {
                    let outcome = outcomes[index][position]
                    if outcome.status == .undetermined { undetermined += 1 }
                    guard outcome.status == .eligible, let amount = outcome.amount, amount > .zero else { continue }
                    let rule = policies.rules[plan.rules[position]]
                    let claim = PoolClaim(enterprise: index, creditCode: profile.creditCode, rule: rule.id, amount: amount, digits: rule.roundingDigits ?? 0)
                    claims.append(claim)
                    positions[claim] = (index, position)
                }
            }
            let (outcome, paid) = BudgetPools.allocate(pool, policy: policies.policies[pool.policy].id, claims: claims, undetermined: undetermined)
            results.append(outcome)
            guard outcome.demand > outcome.size else { continue }
            for (claim, amount) in paid {
                let (index, position) = positions[claim]!
                outcomes[index][position].amount = amount
            }
        }
        return results
    }
}
