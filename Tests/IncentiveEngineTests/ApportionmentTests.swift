import IncentiveEngine
import IncentiveSupport
import Testing

/// Pro-rata scaling with the largest remainder: the total is paid exactly, never more.
@Suite struct ApportionmentTests {
    func amounts(_ values: [Int]) -> [ExactDecimal] { values.map { ExactDecimal($0) } }

    @Test func demandWithinTheTotalIsNotScaled() {
        #expect(Apportionment.scale(amounts([100, 200]), to: ExactDecimal(300), digits: 0) == nil)
    }

    @Test func oversubscriptionPaysExactlyTheTotal() throws {
        let scaled = try #require(Apportionment.scale(amounts([300_000, 300_000, 300_000]), to: ExactDecimal(800_000), digits: 0))
        #expect(scaled == amounts([266_667, 266_667, 266_666]))
    }

    @Test func remaindersGoToTheLargestFractionsFirst() throws {
        // 10 × (100/350), 20 × …, 320 × …: exact 2.857, 5.714, 91.428 → floors 2, 5, 91 (98); two left:
        // remainders .857 and .714 win over .428.
        let scaled = try #require(Apportionment.scale(amounts([10, 20, 320]), to: ExactDecimal(100), digits: 0))
        #expect(scaled == amounts([3, 6, 91]))
    }

    @Test("random oversubscribed demands never pay more or less than the pool", arguments: 1...50)
    func neverOverspends(seed: Int) throws {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % 500_000) + 1
        }
        let demands = (0..<(seed % 30 + 2)).map { _ in ExactDecimal(next()) }
        var demand = ExactDecimal.zero
        for d in demands { demand = demand.adding(d)! }
        let pool = ExactDecimal(Int(demand.intValue! / 3) + 1)
        let scaled = try #require(Apportionment.scale(demands, to: pool, digits: 0), "seed \(seed)")
        var paid = ExactDecimal.zero
        for s in scaled { paid = paid.adding(s)! }
        #expect(paid == pool, "seed \(seed)")
        for (d, s) in zip(demands, scaled) { #expect(s <= d && s.isInteger, "seed \(seed)") }
    }
}
