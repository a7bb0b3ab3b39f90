@testable import IncentiveEngine
import IncentiveSupport
@testable import PolicyLanguage
import Testing

@Suite struct BudgetPoolTests {
    @Test("40 qualifying × 30万 = 1200万 > 1000万: each scaled to 250000, the pool pays exactly 10,000,000")
    func evenScaling() {
        var csv = BatchFixtures.deqingHeader
        // All tie at rank 1 on total R&D: forty qualify for 30万.
        for serial in 0..<40 { csv += BatchFixtures.deqing(serial, rd: "1000000", rdBefore: "1000000") }
        let (_, estimates, cohort) = BatchFixtures.batch(csv)
        #expect(cohort.pools.count == 1)
        let pool = cohort.pools[0]
        #expect(pool.demand == ExactDecimal(12_000_000))
        #expect(pool.paid == ExactDecimal(10_000_000))
        #expect(pool.claims == 40)
        for serial in 0..<40 {
            let result = estimates[BatchFixtures.code(serial)]!.result("deqing.rd-top10-total")!
            #expect(result.amountBeforePool == ExactDecimal(300_000))
            #expect(result.amount == ExactDecimal(250_000))
        }
    }

    @Test("37 × 30万 + 3 × 10万 = 1140万: floors sum to 9,999,966; the 34 yuan left go to the largest remainders")
    func largestRemainder() {
        var csv = BatchFixtures.deqingHeader
        for serial in 0..<37 { csv += BatchFixtures.deqing(serial, rd: "1000000", rdBefore: "1000000") }
        // Newly counted in 2023 (10万), small R&D: ranked 38th, no growth.
        for serial in 37..<40 { csv += BatchFixtures.deqing(serial, rd: "100000", rdBefore: "100000", countedBefore: "false") }
        let (_, estimates, cohort) = BatchFixtures.batch(csv)
        #expect(cohort.pools[0].demand == ExactDecimal(11_400_000))
        #expect(cohort.pools[0].paid == ExactDecimal(10_000_000))
        // 300000 × 1000/1140 = 263157.894…, 100000 × 1000/1140 = 87719.298…: the 30万 awards hold the
        // larger remainders; equal remainders go in credit-code order, so the first 34 codes get 263158.
        let codes = (0..<37).map { BatchFixtures.code($0) }.sorted()
        var total = ExactDecimal.zero
        for (position, code) in codes.enumerated() {
            let amount = estimates[code]!.result("deqing.rd-top10-total")!.amount!
            #expect(amount == ExactDecimal(position < 34 ? 263_158 : 263_157), "\(code)")
            total = total.adding(amount)!
        }
        for serial in 37..<40 {
            let result = estimates[BatchFixtures.code(serial)]!.result("deqing.rd-newly-counted")!
            #expect(result.status == .eligible)
            #expect(result.amount == ExactDecimal(87_719))
            total = total.adding(result.amount!)!
        }
        #expect(total == ExactDecimal(10_000_000))
    }

    @Test("the obligation (两个50%) follows the amount after the pool")
    func obligationAfterPool() {
        var csv = BatchFixtures.deqingHeader
        for serial in 0..<40 { csv += BatchFixtures.deqing(serial, rd: "1000000", rdBefore: "1000000") }
        let (_, estimates, _) = BatchFixtures.batch(csv)
        let obligation = estimates[BatchFixtures.code(0)]!.obligations.first { $0.id == "deqing.two-fifty" }
        // 50% × 250000 paid (no tax savings: taxable income absent makes those undetermined).
        #expect(obligation?.amount == ExactDecimal(125_000))
    }

    @Test("rank method: the largest claims are paid in full until the pool runs out")
    func rankMethod() throws {
        let pool = try #require(BatchFixtures.policies.pools.first)
        let claims = [(1, "A", 300_000), (2, "B", 100_000), (3, "C", 300_000)].map {
            PoolClaim(enterprise: $0.0, creditCode: $0.1, rule: "r", amount: ExactDecimal($0.2), digits: 0)
        }
        let rankPool = CheckedPool(decl: PoolDecl(id: pool.decl.id, title: pool.decl.title, size: pool.decl.size, provenance: pool.decl.provenance,
                                                  method: .rank, members: pool.decl.members, memberRanges: pool.decl.memberRanges, range: pool.decl.range),
                                   policy: pool.policy, size: ExactDecimal(500_000), members: pool.members)
        let (outcome, paid) = BudgetPools.allocate(rankPool, policy: "p", claims: claims, undetermined: 0)
        #expect(outcome.paid == ExactDecimal(500_000))
        #expect(paid[claims[0]] == ExactDecimal(300_000))
        #expect(paid[claims[2]] == ExactDecimal(200_000))
        #expect(paid[claims[1]] == ExactDecimal(0))
    }
}
