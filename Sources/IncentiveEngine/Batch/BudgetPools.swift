import IncentiveSupport
import PolicyLanguage

/// A pool decided over a batch: what it held, what the cohort asked of it, and what it paid.
public struct PoolOutcome: Sendable, Hashable {
    public let id: String
    public let title: String
    public let policy: String
    public let method: PoolMethod
    public let size: ExactDecimal
    /// The sum of the members' paid amounts after caps, stacking and limits, before the pool.
    public let demand: ExactDecimal
    public let paid: ExactDecimal
    /// Awards asking the pool for money.
    public let claims: Int
    /// Member outcomes still undetermined (a fact absent): they ask nothing until decided.
    public let undetermined: Int

    /// What share of the demand is paid: 1 when the pool suffices.
    public var ratio: ExactDecimal {
        demand.isZero || demand <= size ? .one : (paid.dividing(demand) ?? .one)
    }
}

/// One award asking a pool for money: which enterprise, which rule, how much.
struct PoolClaim: Sendable {
    let enterprise: Int
    let creditCode: String
    let rule: String
    let amount: ExactDecimal
    let digits: Int
}

/// Budget pools (资金池): after every enterprise's caps and group stacking, the pool's claims are
/// summed; when they exceed the pool, `prorata` scales each by size ÷ demand, rounded to the yuan
/// with the largest remainder so the pool pays exactly its size (never more); `rank` pays the
/// largest claims first, in full, until the money runs out. Ties are broken by credit code, never
/// by input order, so shuffling a batch changes no one's payment.
enum BudgetPools {
    static func allocate(_ pool: CheckedPool, policy: String, claims: [PoolClaim], undetermined: Int) -> (PoolOutcome, [PoolClaim: ExactDecimal]) {
        let (outcome, payments) = payments(pool, policy: policy, claims: claims, undetermined: undetermined)
        return (outcome, Dictionary(payments.lazy.map { ($0.claim, $0.amount) }, uniquingKeysWith: { $1 }))
    }

    /// The same, each claim with what it is paid, in the order the pool pays them (by credit code,
    /// or by amount for a `rank` pool that is oversubscribed): the batch kernel reads them in a
    /// list rather than hashing a claim per enterprise.
    static func payments(_ pool: CheckedPool, policy: String, claims unordered: [PoolClaim], undetermined: Int)
        -> (PoolOutcome, [(claim: PoolClaim, amount: ExactDecimal)]) {
        let claims = unordered.sorted { $0.creditCode < $1.creditCode || ($0.creditCode == $1.creditCode && $0.rule < $1.rule) }
        var demand = ExactDecimal.zero
        for claim in claims { demand = demand.adding(claim.amount) ?? demand }
        var paid: [(claim: PoolClaim, amount: ExactDecimal)] = []
        paid.reserveCapacity(claims.count)
        if demand <= pool.size {
            for claim in claims { paid.append((claim, claim.amount)) }
        } else {
            switch pool.decl.method {
            case .prorata:
                let digits = claims.map(\.digits).min() ?? 0
                let scaled = Apportionment.scale(claims.map(\.amount), to: pool.size, digits: digits) ?? claims.map(\.amount)
                for (claim, amount) in zip(claims, scaled) { paid.append((claim, amount)) }
            case .rank:
                var left = pool.size
                for claim in claims.sorted(by: { $0.amount > $1.amount || ($0.amount == $1.amount && $0.creditCode < $1.creditCode) }) {
                    let amount = min(claim.amount, left)
                    paid.append((claim, amount))
                    left = left.subtracting(amount) ?? .zero
                }
            }
        }
        var total = ExactDecimal.zero
        for payment in paid { total = total.adding(payment.amount) ?? total }
        let outcome = PoolOutcome(id: pool.decl.id, title: pool.decl.title, policy: policy, method: pool.decl.method, size: pool.size,
                                  demand: demand, paid: total, claims: claims.count, undetermined: undetermined)
        return (outcome, paid)
    }
}

extension PoolClaim: Hashable {
    static func == (a: PoolClaim, b: PoolClaim) -> Bool { a.enterprise == b.enterprise && a.rule == b.rule }
    func hash(into hasher: inout Hasher) { hasher.combine(enterprise); hasher.combine(rule) }
}
