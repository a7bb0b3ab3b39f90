import IncentiveSupport
import PolicyLanguage

/// The cohort decisions one enterprise's batch result rests on: its place in each ranking (rank and
/// how many were ranked, or the facts that left it unranked) and, per pooled award, the pool's
/// outcome (size, demand, paid) and the amount allocated to it.
///
/// Why: a batch result depends on the other enterprises, which one record does not hold. The batch
/// records these decisions in the enterprise's record (member `cohort`), and `replay` re-evaluates
/// the enterprise with them as given inputs, through the same batch code path (a one-enterprise
/// `Cohort` rebuilt from them). The record's digest covers them, so editing a recorded rank or pool
/// figure is tampering; replay proves the result follows from the input, the policies *and these
/// decisions*, not that the decisions themselves were right (that needs the whole cohort).
public struct CohortDecisions: Sendable, Hashable {
    public struct Rank: Sendable, Hashable {
        public let rule: String
        /// The ranked expression's text, as the rule writes it (`rd_expense`).
        public let by: String
        /// nil when the enterprise could not be ranked (`missing` says why).
        public let rank: Int?
        /// How many enterprises the ranking ranked.
        public let among: Int?
        public let missing: [String]
    }

    public struct Allocation: Sendable, Hashable {
        public let rule: String
        public let pool: PoolOutcome
        public let amount: ExactDecimal
    }

    public var ranks: [Rank]
    public var allocations: [Allocation]

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The decisions a prepared batch took for enterprise `index`, in a fixed order.
    init(index: Int, cohort: Cohort, policies: CheckedPolicySet) {
        var ranks: [Rank] = []
        for (key, entries) in cohort.ranks {
            guard let entry = entries[index] else { continue }
            let rule = policies.rules[key.rule].id
            switch entry {
            case .ranked(let rank): ranks.append(Rank(rule: rule, by: key.expression, rank: rank, among: cohort.ranked[key] ?? 0, missing: []))
            case .undetermined(let missing): ranks.append(Rank(rule: rule, by: key.expression, rank: nil, among: nil, missing: missing))
            }
        }
        self.ranks = ranks.sorted { ($0.rule, $0.by) < ($1.rule, $1.by) }
        allocations = (cohort.allocations[index] ?? [:]).map { rule, allocation in
            Allocation(rule: rule, pool: cohort.pools[allocation.pool], amount: allocation.amount)
        }.sorted { $0.rule < $1.rule }
    }

    /// A one-enterprise cohort (the enterprise at index 0) holding exactly these decisions. Rankings
    /// of rules the policies no longer have are left out: the replay then shows the difference.
    func cohort(policies: CheckedPolicySet) -> Cohort {
        var cohort = Cohort()
        for rank in ranks {
            guard let rule = policies.ruleIndex[rank.rule] else { continue }
            let key = RankKey(rule: rule, expression: rank.by)
            if let place = rank.rank {
                cohort.ranks[key, default: [:]][0] = .ranked(place)
                cohort.ranked[key] = rank.among ?? 0
            } else {
                cohort.ranks[key, default: [:]][0] = .undetermined(missing: rank.missing)
            }
        }
        for allocation in allocations {
            let position = cohort.pools.firstIndex(of: allocation.pool) ?? cohort.pools.count
            if position == cohort.pools.count { cohort.pools.append(allocation.pool) }
            cohort.allocations[0, default: [:]][allocation.rule] = (position, allocation.amount)
        }
        return cohort
    }

    public var isEmpty: Bool { ranks.isEmpty && allocations.isEmpty }

    /// One line per decision, for the replay report ("rank 3 among 12 in …").
    public var summary: [String] {
        ranks.map { rank in
            if let place = rank.rank { return "rank \(place) among \(rank.among ?? 0) in \(rank.rule) by \(rank.by)" }
            return "not ranked in \(rank.rule) by \(rank.by) (missing \(rank.missing.joined(separator: ", ")))"
        } + allocations.map { allocation in
            let pool = allocation.pool
            return "pool \(pool.id): size \(pool.size), demand \(pool.demand), paid \(pool.paid); \(allocation.amount) allocated to \(allocation.rule)"
        }
    }
}

extension BatchEvaluator {
    /// The cohort decisions behind enterprise `index`'s result in a prepared batch.
    public func decisions(at index: Int, in cohort: Cohort) -> CohortDecisions {
        CohortDecisions(index: index, cohort: cohort, policies: policies)
    }

    /// One enterprise evaluated as in its batch, with the batch's decisions about it given.
    public func evaluate(_ profile: Profile, given decisions: CohortDecisions) -> Estimate {
        evaluate(profile, at: 0, in: decisions.cohort(policies: policies))
    }
}
