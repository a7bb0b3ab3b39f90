import IncentiveSupport
import PolicyLanguage

/// What a batch decides over all its enterprises before any one of them can be finished: the
/// ranks of cohort rules and the allocation of budget pools. Kept per enterprise index: only the
/// enterprises a ranking or a pool touches have entries.
public struct Cohort: Sendable {
    var ranks: [RankKey: [Int: RankEntry]] = [:]
    /// How many enterprises each ranking ranked (undetermined ones excluded).
    var ranked: [RankKey: Int] = [:]
    /// Per enterprise, per pooled rule: the pool's index and the amount it pays.
    var allocations: [Int: [String: (pool: Int, amount: ExactDecimal)]] = [:]
    public internal(set) var pools: [PoolOutcome] = []
}

/// Evaluates many enterprises together (bureau batch): per-enterprise work runs on every core;
/// rankings and pools are decided over the whole batch in between. For every rule that neither
/// ranks nor shares a group or pool with a cohort rule, the result equals single evaluation.
public struct BatchEvaluator: Sendable {
    public let evaluator: Evaluator
    public let year: Int
    /// Rules that rank (`rank(…)` in a condition), with the expressions they rank by.
    let rankRules: [(rule: Int, expressions: [CheckedExpr])]

    /// - Parameter explains: whether results carry derivations and condition values in their
    ///   reasons; a wide CSV shows only amounts and runs much faster without them. Batches never
    ///   look for near misses (each costs re-evaluations).
    public init(policies: CheckedPolicySet, year: Int, explains: Bool = true) {
        evaluator = Evaluator(policies: policies, findsNearMisses: false, explains: explains)
        self.year = year
        rankRules = policies.rules.indices.filter { policies.rules[$0].usesRank }.map { ($0, CohortRanking.rankExpressions(of: policies.rules[$0])) }
    }

    var policies: CheckedPolicySet { evaluator.policies }

    /// Decides the rankings, then the pools (whose claims need the ranks).
    public func prepare(_ profiles: some ProfileSource) -> Cohort {
        var cohort = Cohort()
        cohort.ranks = rank(profiles)
        for (key, entries) in cohort.ranks {
            cohort.ranked[key] = entries.values.count(where: { if case .ranked = $0 { true } else { false } })
        }
        decidePools(profiles, into: &cohort)
        return cohort
    }

    /// One enterprise's estimate with the cohort's ranks and pool allocations applied.
    public func evaluate(_ profile: Profile, at index: Int, in cohort: Cohort) -> Estimate {
        evaluator.evaluate(profile, year: year, rank: rankLookup(index, cohort), pools: { estimate in
            applyPools(index, cohort, to: &estimate)
        })
    }

    /// Rules whose batch result may differ from the single one: those that rank, and those
    /// grouped or pooled with them or pooled at all.
    public var cohortDependentRules: Set<String> {
        var ids = Set(rankRules.map { policies.rules[$0.rule].id })
        for pool in policies.pools { pool.members.forEach { ids.insert(policies.rules[$0].id) } }
        for group in policies.groups where group.members.contains(where: { policies.rules[$0].usesRank }) {
            group.members.forEach { ids.insert(policies.rules[$0].id) }
        }
        return ids
    }

    private func inForce(_ rule: CheckedRule, region: String) -> Bool {
        policies.policies[rule.policy].covers(region: region) && rule.window.overlaps(year: year)
    }

    private func rank(_ profiles: some ProfileSource) -> [RankKey: [Int: RankEntry]] {
        guard !rankRules.isEmpty else { return [:] }
        typealias Found = (key: RankKey, enterprise: Int, candidate: CohortRanking.Candidate)
        let chunks: [[Found]] = Parallel.map(0..<profiles.count) { range in
            var found: [Found] = []
            for index in range {
                let region = profiles.region(at: index)
                var profile: Profile?
                for (ruleIndex, expressions) in rankRules {
                    let rule = policies.rules[ruleIndex]
                    guard inForce(rule, region: region) else { continue }
                    if profile == nil { profile = profiles.profile(at: index) }
                    for expression in expressions {
                        if let candidate = CohortRanking.value(of: expression, rule: rule, policies: policies, profile: profile!, year: year) {
                            found.append((RankKey(rule: ruleIndex, expression: expression.text), index, candidate))
                        }
                    }
                }
            }
            return found
        }
        var values: [RankKey: [(enterprise: Int, value: ExactDecimal)]] = [:]
        var ranks: [RankKey: [Int: RankEntry]] = [:]
        for found in chunks.joined() {
            switch found.candidate {
            case .value(let value): values[found.key, default: []].append((found.enterprise, value))
            case .undetermined(let missing): ranks[found.key, default: [:]][found.enterprise] = .undetermined(missing: missing)
            }
        }
        for (key, list) in values {
            for (enterprise, rank) in CohortRanking.competitionRanks(list) { ranks[key, default: [:]][enterprise] = .ranked(rank) }
        }
        return ranks
    }

    private func rankLookup(_ index: Int, _ cohort: Cohort) -> (CheckedRule) -> ((CheckedExpr, inout ExpressionEvaluator) -> Value)? {
        { rule in
            guard rule.usesRank, let ruleIndex = policies.ruleIndex[rule.id] else { return nil }
            return { inner, evaluator in
                switch cohort.ranks[RankKey(rule: ruleIndex, expression: inner.text)]?[index] {
                case .ranked(let rank)?:
                    let size = cohort.ranked[RankKey(rule: ruleIndex, expression: inner.text)] ?? 0
                    // Shown with the condition's values, as a fact would be: "rank(rd_expense) among 12 = 4".
                    evaluator.explanation.noteFact("rank(\(inner.text)) among \(size)", year: nil, value: .number(ExactDecimal(rank)))
                    evaluator.explanation.steps.append(Explanation.Step(label: "rank", detail: "rank(\(inner.text)) within the cohort (ties share a rank)", value: String(rank)))
                    return .number(ExactDecimal(rank))
                case .undetermined(let missing)?:
                    missing.forEach { evaluator.note($0) }
                    return .null
                case nil:
                    evaluator.note("a place in the cohort of \(rule.id)")
                    return .null
                }
            }
        }
    }

    private func decidePools(_ profiles: some ProfileSource, into cohort: inout Cohort) {
        guard !policies.pools.isEmpty else { return }
        let pooled = (0..<profiles.count).filter { index in
            let region = profiles.region(at: index)
            return policies.pools.contains { pool in pool.members.contains { inForce(policies.rules[$0], region: region) } }
        }
        let ranks = cohort
        typealias Claims = (claims: [[PoolClaim]], undetermined: [Int])
        let chunks: [Claims] = Parallel.map(pooled.indices) { range in
            var claims = Array(repeating: [PoolClaim](), count: policies.pools.count)
            var undetermined = Array(repeating: 0, count: policies.pools.count)
            for position in range {
                let index = pooled[position]
                let profile = profiles.profile(at: index)
                let estimate = evaluator.evaluate(profile, year: year, rank: rankLookup(index, ranks))
                for (poolIndex, pool) in policies.pools.enumerated() {
                    let ids = Set(pool.members.map { policies.rules[$0].id })
                    for result in estimate.results where ids.contains(result.rule) {
                        if result.status == .undetermined { undetermined[poolIndex] += 1 }
                        if result.status == .eligible, let amount = result.amount, amount > .zero {
                            claims[poolIndex].append(PoolClaim(enterprise: index, creditCode: profile.creditCode, rule: result.rule,
                                                               amount: amount, digits: result.digits ?? 0))
                        }
                    }
                }
            }
            return (claims, undetermined)
        }
        for (poolIndex, pool) in policies.pools.enumerated() {
            let claims = chunks.flatMap { $0.claims[poolIndex] }
            let undetermined = chunks.reduce(0) { $0 + $1.undetermined[poolIndex] }
            let (outcome, paid) = BudgetPools.allocate(pool, policy: policies.policies[pool.policy].id, claims: claims, undetermined: undetermined)
            cohort.pools.append(outcome)
            for (claim, amount) in paid { cohort.allocations[claim.enterprise, default: [:]][claim.rule] = (poolIndex, amount) }
        }
    }

    /// Sets each pooled award to what the pool pays, keeping the amount before the pool.
    private func applyPools(_ index: Int, _ cohort: Cohort, to estimate: inout Estimate) {
        guard let allocations = cohort.allocations[index] else { return }
        for position in estimate.results.indices {
            guard let (poolIndex, amount) = allocations[estimate.results[position].rule] else { continue }
            let pool = cohort.pools[poolIndex]
            let before = estimate.results[position].amount ?? .zero
            estimate.results[position].amountBeforePool = before
            if pool.demand > pool.size {
                estimate.results[position].amount = amount
                estimate.results[position].reasons.append(
                    "pool \(pool.id) (\(pool.title)) is oversubscribed: demand \(pool.demand.formatted(scale: 0)) > \(pool.size.formatted(scale: 0)); \(pool.method == .prorata ? "scaled pro rata (largest remainder)" : "paid in rank order"): \(before.formatted(scale: 0)) → \(amount.formatted(scale: 0))")
                estimate.results[position].explanation.steps.append(Explanation.Step(label: "pool", detail: "\(pool.id): \(pool.size) of \(pool.demand) demanded", value: amount.description))
            } else {
                estimate.results[position].reasons.append("pool \(pool.id) (\(pool.title)) suffices: demand \(pool.demand.formatted(scale: 0)) ≤ \(pool.size.formatted(scale: 0)); paid in full")
            }
        }
    }
}
