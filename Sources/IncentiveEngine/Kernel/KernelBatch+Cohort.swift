import IncentiveSupport
import PolicyLanguage

/// The enterprises whose region has a cohort rule: ranked (competition ranks within each rule's
/// cohort, `CohortRanking`), unpacked and evaluated with their ranks to claim from the pools
/// (`BudgetPools`) and to render their rows; those whose awards an oversubscribed pool scales are
/// finished again from the outcomes kept for them, with what the pools pay — `BatchEvaluator`'s
/// order, holding only packed profiles (and the outcomes of enterprises with a claim) between
/// the passes.
extension KernelBatch {
    /// This enterprise's value in each ranking of its region, appended to `values` by ranking
    /// number (`KernelEvaluator.firstRanking`) with `enterprise`: none when its cohort filter fails or
    /// the value is unknown (it is then not ranked).
    func rankValues(_ profile: SlotProfile, plan: RegionPlan, kernel: KernelEvaluator, enterprise: Int,
                    into values: inout [[(enterprise: Int, value: ExactDecimal)]]) {
        kernel.withFrame(profile) { frame in
            for ruleIndex in plan.rules {
                let rule = kernel.rules[ruleIndex]!
                for expression in rule.rankTexts.indices {
                    frame.reset(for: rule)
                    if case .number(let value)? = rule.rankValue(expression, &frame) {
                        values[kernel.firstRanking[ruleIndex] + expression].append((enterprise, value))
                    }
                }
            }
        }
    }

    /// - Parameter ranks: by ranking number (`KernelEvaluator.firstRanking`), each waiting
    ///   enterprise's rank.
    /// - Returns: the cohort's rows as they stand before the pools, the rows of the enterprises
    ///   an oversubscribed pool scaled (by cohort index, ascending, in `scaledIndices`), which
    ///   replace theirs, and the pools. (Copying a quarter of a million rows into one store took
    ///   0.15 s on one core at 1M: the output takes each row from where it is.)
    func finishCohort(_ waiting: PackedSlotProfiles, ranks: [[Int: Int]])
        -> (rows: WideRowStore, scaled: WideRowStore, scaledIndices: [Int], pools: [PoolOutcome]) {
        // Each waiting enterprise's rank by ranking number (0: not ranked), in one flat array,
        // ranking `first[rule] + expression` at `… * waiting.count + index`: a lookup is
        // arithmetic, not a hashed key, and touches no array another core counts.
        var ranked = [Int](repeating: 0, count: ranks.count * waiting.count)
        for (ranking, byEnterprise) in ranks.enumerated() {
            for (enterprise, rank) in byEnterprise { ranked[ranking * waiting.count + enterprise] = rank }
        }
        let first = kernel.firstRanking, table = ranked, count = waiting.count
        // Every waiting enterprise evaluated with its ranks: its claims on the pools, and its row
        // as it stands before them, which is final unless an oversubscribed pool scales one of
        // its awards. The outcomes of an enterprise with a claim are kept for that (in enterprise
        // order, as every list here: the calling thread joins them without hashing).
        let poolCount = policies.pools.count
        var before = WideRowStore()
        var claims = [[PoolClaim]](repeating: [], count: poolCount)
        var undetermined = [Int](repeating: 0, count: poolCount)
        var kept: [(index: Int, outcomes: [KernelOutcome])] = []
        for block in stride(from: 0, to: waiting.count, by: Self.block) {
            let parts = Parallel.map(block..<min(block + Self.block, waiting.count), chunk: 256) { range in
                var part = CohortPart(pools: poolCount)
                let kernel = self.kernel
                // The profile evaluated last, whose arrays the next one is unpacked into, and the
                // outcomes' array (copied only when kept).
                var spare: SlotProfile?, outcomes: [KernelOutcome] = []
                for index in range {
                    let profile = waiting.profile(index, spare: &spare)
                    let plan = kernel.plan(for: profile.region)
                    kernel.evaluate(profile, plan: plan, into: &outcomes) { rule, expression in
                        let found = table[(first[rule] + expression) * count + index]
                        return found == 0 ? .null : .number(ExactDecimal(found))
                    }
                    let claimed = self.claims(index, profile, plan, outcomes, into: &part)
                    let obligations = kernel.obligations(profile, plan: plan, outcomes: outcomes)
                    part.rows.append(region: profile.region) { WideRows.write(profile, plan: plan, outcomes: outcomes, obligations: obligations, to: &$0) }
                    if claimed { part.kept.append((index, outcomes)) }
                    spare = consume profile
                }
                return part
            }
            for part in parts {
                for pool in 0..<poolCount {
                    claims[pool] += part.claims[pool]
                    undetermined[pool] += part.undetermined[pool]
                }
                before.append(contentsOf: part.rows)
                kept += part.kept
            }
        }
        let (pools, payments) = allocate(claims, undetermined: undetermined)
        // Finished with what the pools pay: only the enterprises a pool scaled, each from its kept
        // outcomes (found by walking both lists in order) and its payments (a run of `payments`).
        var scaled: [(index: Int, kept: Int, payments: Range<Int>)] = []
        var keptPosition = 0, start = 0
        while start < payments.count {
            let index = payments[start].enterprise
            var end = start + 1
            while end < payments.count, payments[end].enterprise == index { end += 1 }
            while kept[keptPosition].index < index { keptPosition += 1 }
            scaled.append((index, keptPosition, start..<end))
            start = end
        }
        let toFinish = scaled, keptOutcomes = kept
        var again = WideRowStore()
        for block in stride(from: 0, to: toFinish.count, by: Self.block) {
            let finished: [[WideRows.Row]] = Parallel.map(block..<min(block + Self.block, toFinish.count), chunk: 256) { range in
                let kernel = self.kernel
                return range.map { position in
                    let entry = toFinish[position]
                    return self.finish(waiting.profile(entry.index), outcomes: keptOutcomes[entry.kept].outcomes,
                                       payments: payments[entry.payments], kernel: kernel)
                }
            }
            for part in finished { for row in part { again.append(row) } }
        }
        return (before, again, toFinish.map(\.index), pools)
    }

    /// What a worker gathers from consecutive waiting enterprises of the cohort.
    struct CohortPart {
        var claims: [[PoolClaim]]
        var undetermined: [Int]
        var rows = WideRowStore()
        var kept: [(index: Int, outcomes: [KernelOutcome])] = []

        init(pools: Int) {
            claims = Array(repeating: [], count: pools)
            undetermined = Array(repeating: 0, count: pools)
        }
    }

    /// A scaled payment: what an oversubscribed pool pays one of an enterprise's awards.
    struct ScaledPayment {
        let enterprise: Int
        let pool: Int
        let rule: Int
        let amount: ExactDecimal
    }

    /// An enterprise's outcomes (with its ranks) given what the pools pay its awards.
    private func finish(_ profile: SlotProfile, outcomes: [KernelOutcome], payments: ArraySlice<ScaledPayment>, kernel: KernelEvaluator) -> WideRows.Row {
        let plan = kernel.plan(for: profile.region)
        var outcomes = outcomes
        for payment in payments {
            for position in plan.pools[payment.pool] where plan.rules[position] == payment.rule { outcomes[position].amount = payment.amount }
        }
        return WideRows.row(profile, plan: plan, outcomes: outcomes, obligations: kernel.obligations(profile, plan: plan, outcomes: outcomes))
    }

    /// An enterprise's claims on each pool, added to the part: its eligible pooled awards after
    /// stacking, and its undetermined ones (which the pool counts); whether it made a claim.
    private func claims(_ index: Int, _ profile: SlotProfile, _ plan: RegionPlan, _ outcomes: [KernelOutcome], into part: inout CohortPart) -> Bool {
        var claimed = false
        for (pool, members) in plan.pools.enumerated() {
            for position in members {
                let outcome = outcomes[position]
                if outcome.status == .undetermined { part.undetermined[pool] += 1 }
                guard outcome.status == .eligible, let amount = outcome.amount, amount > .zero else { continue }
                // The rule's id and rounding read in place (a copy of the whole checked rule cost
                // more than the claim).
                let rule = plan.rules[position]
                part.claims[pool].append(PoolClaim(enterprise: index, creditCode: profile.creditCode, rule: policies.rules[rule].id, amount: amount,
                                                   digits: policies.rules[rule].roundingDigits ?? 0))
                claimed = true
            }
        }
        return claimed
    }

    /// Every pool allocated, and what the oversubscribed ones pay each claim, by enterprise (then
    /// pool, then rule index).
    private func allocate(_ claims: [[PoolClaim]], undetermined: [Int]) -> ([PoolOutcome], [ScaledPayment]) {
        var outcomes: [PoolOutcome] = []
        var scaled: [ScaledPayment] = []
        for (poolIndex, pool) in policies.pools.enumerated() {
            let (outcome, payments) = BudgetPools.payments(pool, policy: policies.policies[pool.policy].id, claims: claims[poolIndex],
                                                           undetermined: undetermined[poolIndex])
            outcomes.append(outcome)
            if outcome.demand > outcome.size {
                for (claim, amount) in payments {
                    scaled.append(ScaledPayment(enterprise: claim.enterprise, pool: poolIndex, rule: policies.ruleIndex[claim.rule]!, amount: amount))
                }
            }
        }
        scaled.sort { ($0.enterprise, $0.pool, $0.rule) < ($1.enterprise, $1.pool, $1.rule) }
        return (outcomes, scaled)
    }
}
