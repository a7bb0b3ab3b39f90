import IncentiveSupport
import PolicyLanguage

/// The enterprises whose region has a cohort rule: ranked (competition ranks within each rule's
/// cohort, `CohortRanking`), unpacked and evaluated with their ranks to claim from the pools
/// (`BudgetPools`) and to render their rows; those whose awards an oversubscribed pool scales are
/// finished again from the outcomes kept for them, with what the pools pay — `BatchEvaluator`'s
/// order, holding only packed profiles (and the outcomes of enterprises with a claim) between
/// the passes.
extension KernelBatch {
    /// This enterprise's value in each ranking of its region (none when its cohort filter fails
    /// or the value is unknown: it is then not ranked).
    func rankValues(_ profile: SlotProfile, plan: RegionPlan, kernel: KernelEvaluator) -> [(key: RankKey, value: ExactDecimal)] {
        var found: [(key: RankKey, value: ExactDecimal)] = []
        kernel.withFrame(profile) { frame in
            for ruleIndex in plan.rules {
                let rule = kernel.rules[ruleIndex]!
                for (expression, text) in rule.rankTexts.enumerated() {
                    frame.reset(for: rule)
                    if case .number(let value)? = rule.rankValue(expression, &frame) { found.append((RankKey(rule: ruleIndex, expression: text), value)) }
                }
            }
        }
        return found
    }

    func finishCohort(_ waiting: PackedSlotProfiles, ranks: [RankKey: [Int: Int]]) -> (rows: WideRowStore, pools: [PoolOutcome]) {
        // Each waiting enterprise's rank by rule index and ranking expression (0: not ranked),
        // in one flat array, ranking `first[rule] + expression` at `… * waiting.count + index`: a
        // lookup is arithmetic, not a hashed key, and touches no array another core counts.
        var starts: [Int] = [], rankings = 0
        for rule in kernel.rules {
            starts.append(rankings)
            rankings += rule?.rankTexts.count ?? 0
        }
        var ranked = [Int](repeating: 0, count: rankings * waiting.count)
        for (index, rule) in kernel.rules.enumerated() {
            for (expression, text) in (rule?.rankTexts ?? []).enumerated() {
                let base = (starts[index] + expression) * waiting.count
                for (enterprise, rank) in ranks[RankKey(rule: index, expression: text)] ?? [:] { ranked[base + enterprise] = rank }
            }
        }
        let first = starts, table = ranked, count = waiting.count
        // Every waiting enterprise evaluated with its ranks: its claims on the pools, and its row
        // as it stands before them, which is final unless an oversubscribed pool scales one of
        // its awards. The outcomes of an enterprise with a claim are kept for that.
        var before = WideRowStore()
        var claims: [[(pool: Int, claim: PoolClaim?)]] = []
        var claimed: [Int: [KernelOutcome]] = [:]
        for block in stride(from: 0, to: waiting.count, by: Self.block) {
            let parts = Parallel.map(block..<min(block + Self.block, waiting.count), chunk: 256) { range in
                var part = (claims: [[(pool: Int, claim: PoolClaim?)]](), rows: WideRowStore(), kept: [(index: Int, outcomes: [KernelOutcome])]())
                let kernel = self.kernel
                for index in range {
                    let profile = waiting.profile(index)
                    let plan = kernel.plan(for: profile.region)
                    let outcomes = kernel.evaluate(profile, plan: plan) { rule, expression in
                        let found = table[(first[rule] + expression) * count + index]
                        return found == 0 ? .null : .number(ExactDecimal(found))
                    }
                    let found = self.claims(index, profile, plan, outcomes)
                    let obligations = kernel.obligations(profile, plan: plan, outcomes: outcomes)
                    part.claims.append(found)
                    part.rows.append(region: profile.region) { WideRows.write(profile, plan: plan, outcomes: outcomes, obligations: obligations, to: &$0) }
                    if found.contains(where: { $0.claim != nil }) { part.kept.append((index, outcomes)) }
                }
                return part
            }
            for part in parts {
                claims += part.claims
                before.append(contentsOf: part.rows)
                for (index, outcomes) in part.kept { claimed[index] = outcomes }
            }
        }
        let (pools, paid) = allocate(claims)
        // Finished with what the pools pay: only the enterprises a pool scaled, from their kept
        // outcomes (their profile read again for the obligations and the row).
        let scaled = Set(paid.flatMap(\.keys)).sorted(), kept = claimed
        var again: [Int: WideRows.Row] = [:]
        for block in stride(from: 0, to: scaled.count, by: Self.block) {
            let finished: [[(Int, WideRows.Row)]] = Parallel.map(block..<min(block + Self.block, scaled.count), chunk: 256) { range in
                let kernel = self.kernel
                return range.map { position in
                    let index = scaled[position]
                    return (index, self.finish(index, waiting.profile(index), outcomes: kept[index]!, paid: paid, kernel: kernel))
                }
            }
            for (index, row) in finished.joined() { again[index] = row }
        }
        var rows = WideRowStore()
        for index in 0..<waiting.count {
            if let row = again[index] { rows.append(row) } else { rows.append(row: index, of: before) }
        }
        return (rows, pools)
    }

    /// An enterprise's outcomes (with its ranks) given what the pools pay its awards.
    private func finish(_ index: Int, _ profile: SlotProfile, outcomes: [KernelOutcome],
                        paid: [[Int: [Int: ExactDecimal]]], kernel: KernelEvaluator) -> WideRows.Row {
        let plan = kernel.plan(for: profile.region)
        var outcomes = outcomes
        for (pool, members) in plan.pools.enumerated() {
            for position in members { if let amount = paid[pool][index]?[plan.rules[position]] { outcomes[position].amount = amount } }
        }
        return WideRows.row(profile, plan: plan, outcomes: outcomes, obligations: kernel.obligations(profile, plan: plan, outcomes: outcomes))
    }

    /// An enterprise's claims on each pool: its eligible pooled awards after stacking (nil for an
    /// undetermined one, which the pool counts).
    private func claims(_ index: Int, _ profile: SlotProfile, _ plan: RegionPlan, _ outcomes: [KernelOutcome]) -> [(pool: Int, claim: PoolClaim?)] {
        var found: [(pool: Int, claim: PoolClaim?)] = []
        for (pool, members) in plan.pools.enumerated() {
            for position in members {
                let outcome = outcomes[position]
                if outcome.status == .undetermined { found.append((pool, nil)) }
                guard outcome.status == .eligible, let amount = outcome.amount, amount > .zero else { continue }
                let rule = policies.rules[plan.rules[position]]
                found.append((pool, PoolClaim(enterprise: index, creditCode: profile.creditCode, rule: rule.id, amount: amount, digits: rule.roundingDigits ?? 0)))
            }
        }
        return found
    }

    /// Every pool allocated; per pool, what an oversubscribed pool pays each enterprise's awards
    /// (by enterprise, then rule index).
    private func allocate(_ claims: [[(pool: Int, claim: PoolClaim?)]]) -> ([PoolOutcome], [[Int: [Int: ExactDecimal]]]) {
        var outcomes: [PoolOutcome] = []
        var paid: [[Int: [Int: ExactDecimal]]] = []
        for (poolIndex, pool) in policies.pools.enumerated() {
            let mine = claims.joined().filter { $0.pool == poolIndex }
            let (outcome, amounts) = BudgetPools.allocate(pool, policy: policies.policies[pool.policy].id, claims: mine.compactMap(\.claim),
                                                          undetermined: mine.count(where: { $0.claim == nil }))
            outcomes.append(outcome)
            var byEnterprise: [Int: [Int: ExactDecimal]] = [:]
            if outcome.demand > outcome.size {
                for (claim, amount) in amounts { byEnterprise[claim.enterprise, default: [:]][policies.ruleIndex[claim.rule]!] = amount }
            }
            paid.append(byEnterprise)
        }
        return (outcomes, paid)
    }
}
