import Testing
import TestSupport
@testable import IncentiveSupport

/// `ExactDecimal(parsing:)` reads short whole numbers on a path of its own; it must give what
/// the general path gives, at and around its limits (18 digits, leading and trailing zeros).
@Suite struct ExactDecimalParsingFastPathTests {
    static let edges = [
        "0", "00", "000000000000000000", "7", "10", "1200", "0012", "999999999999999999", "100000000000000000",
        "9999999999999999999", "1000000000000000000", "0000000000000000001", "123456789012345678901234", "", "-5", "+5", "5.", "5e2", "1_0", "٣",
    ]

    @Test("edges parse as on the general path", arguments: edges)
    func edge(_ text: String) {
        #expect(ExactDecimal(parsing: text) == ExactDecimal(parsingGeneral: text))
    }

    @Test("random digit strings parse as on the general path", arguments: PropertySeeds.seeds(20))
    func random(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        for _ in 0..<200 {
            let length = 1 + generator.below(22)
            let text = String((0..<length).map { _ in Character(String(generator.below(10))) })
            #expect(ExactDecimal(parsing: text) == ExactDecimal(parsingGeneral: text), "seed \(seed): \(text)")
        }
    }
}
