@testable import IncentiveEngine
import IncentiveSupport
import Testing

@Suite struct CohortRankingTests {
    /// R&D of 2023 in 万 for twelve Deqing enterprises; 2022 the same (no growth, so the growth
    /// ranking has no cohort), all counted in R&D statistics before (no newly-counted award).
    static let rd = [900, 800, 800, 700, 600, 500, 400, 300, 200, 100, 100, 50]

    @Test("competition ranks: ties share a rank and the next skips (1, 2, 2, 4 … 10, 10, 12)")
    func competitionRanks() {
        let ranks = CohortRanking.competitionRanks(Self.rd.enumerated().map { ($0.offset, ExactDecimal($0.element)) })
        #expect((0..<12).map { ranks[$0]! } == [1, 2, 2, 4, 5, 6, 7, 8, 9, 10, 10, 12])
    }

    @Test("top-10 by total R&D: a tie at 10 lets 11 Deqing enterprises qualify, the 12th not")
    func topTenWithTies() {
        var csv = BatchFixtures.deqingHeader
        for (serial, wan) in Self.rd.enumerated() { csv += BatchFixtures.deqing(serial, rd: "\(wan * 10000)", rdBefore: "\(wan * 10000)") }
        let (input, estimates, cohort) = BatchFixtures.batch(csv)
        #expect(input.issues.isEmpty)
        for serial in 0..<11 {
            let result = estimates[BatchFixtures.code(serial)]!.result("deqing.rd-top10-total")!
            #expect(result.status == .eligible, "enterprise \(serial)")
            #expect(result.amount == ExactDecimal(300_000))
        }
        let twelfth = estimates[BatchFixtures.code(11)]!.result("deqing.rd-top10-total")!
        #expect(twelfth.status == .ineligible)
        #expect(twelfth.reasons.first?.english.contains("rank(rd_expense) among 12 = 12") == true)
        // No growth: out of the growth cohort (its filter fails), so ineligible, not undetermined.
        #expect(estimates[BatchFixtures.code(0)]!.result("deqing.rd-top10-growth")!.status == .ineligible)
        // 11 × 30万 = 330万 fits the 1000万 pool: paid in full.
        #expect(cohort.pools.map(\.demand) == [ExactDecimal(3_300_000)])
        #expect(cohort.pools.map(\.paid) == [ExactDecimal(3_300_000)])
    }

    @Test("a zero-R&D enterprise is outside the cohort and vetoed; it does not push anyone down")
    func vetoInsideCohort() {
        var csv = BatchFixtures.deqingHeader
        for (serial, wan) in Self.rd.prefix(11).enumerated() { csv += BatchFixtures.deqing(serial, rd: "\(wan * 10000)", rdBefore: "\(wan * 10000)") }
        csv += BatchFixtures.deqing(20, rd: "0", rdBefore: "0", counted: "true", countedBefore: "false")
        let (_, estimates, _) = BatchFixtures.batch(csv)
        let zero = estimates[BatchFixtures.code(20)]!
        #expect(zero.result("deqing.rd-top10-total")!.status == .ineligible)
        #expect(zero.result("deqing.rd-top10-total")!.reasons.first?.english.hasPrefix("not in the cohort") == true)
        // Newly counted would pay 10万, but the veto strikes it.
        #expect(zero.result("deqing.rd-newly-counted")!.status == .ineligible)
        #expect(zero.result("deqing.rd-newly-counted")!.reasons.map(\.english) == ["vetoed by deqing.veto-no-rd (无研发投入的企业实行科技奖励一票否决)"])
        // All eleven with R&D still rank ≤ 10 (the tie at 10 included).
        #expect((0..<11).allSatisfy { estimates[BatchFixtures.code($0)]!.result("deqing.rd-top10-total")!.status == .eligible })
    }

    @Test("an enterprise whose ranked value is absent is undetermined and not ranked")
    func undeterminedValue() {
        var csv = BatchFixtures.deqingHeader
        for (serial, wan) in Self.rd.prefix(10).enumerated() { csv += BatchFixtures.deqing(serial, rd: "\(wan * 10000)", rdBefore: "\(wan * 10000)") }
        csv += BatchFixtures.deqing(30, rd: "", rdBefore: "100000")
        csv += BatchFixtures.deqing(31, rd: "10000", rdBefore: "10000")
        let (_, estimates, _) = BatchFixtures.batch(csv)
        let absent = estimates[BatchFixtures.code(30)]!.result("deqing.rd-top10-total")!
        #expect(absent.status == .undetermined)
        #expect(absent.missing.contains("rd_expense of 2023"))
        // Ten ranked above it; the 1万 enterprise is rank 11, not pushed to 12 by the unknown one.
        let last = estimates[BatchFixtures.code(31)]!.result("deqing.rd-top10-total")!
        #expect(last.status == .ineligible)
        #expect(last.reasons.first?.english.contains("rank(rd_expense) among 11 = 11") == true)
    }

    @Test("growth ranking: by (R&D − R&D before) ÷ R&D before, among those that grew")
    func growth() {
        var csv = BatchFixtures.deqingHeader
        // Growth 100%, 50%, 50%, 10%; one shrank (outside the growth cohort).
        csv += BatchFixtures.deqing(0, rd: "200000", rdBefore: "100000")
        csv += BatchFixtures.deqing(1, rd: "300000", rdBefore: "200000")
        csv += BatchFixtures.deqing(2, rd: "150000", rdBefore: "100000")
        csv += BatchFixtures.deqing(3, rd: "110000", rdBefore: "100000")
        csv += BatchFixtures.deqing(4, rd: "90000", rdBefore: "100000")
        let (_, estimates, _) = BatchFixtures.batch(csv)
        for serial in 0..<4 { #expect(estimates[BatchFixtures.code(serial)]!.result("deqing.rd-top10-growth")!.status == .eligible) }
        #expect(estimates[BatchFixtures.code(2)]!.result("deqing.rd-top10-growth")!.reasons.isEmpty == false)
        let shrank = estimates[BatchFixtures.code(4)]!.result("deqing.rd-top10-growth")!
        #expect(shrank.status == .ineligible)
        #expect(shrank.reasons.first?.english.hasPrefix("not in the cohort") == true)
    }
}
