import IncentiveSupport
import Testing

/// `appendFormatted` (the batch's byte writer) gives exactly `formatted(scale:)`'s text, on its
/// fast path (whole yuan or fen in 64 bits) and off it (thirds, huge numbers, negatives).
@Suite struct AppendFormattedTests {
    static let values: [ExactDecimal] = {
        var values: [ExactDecimal] = [.zero, ExactDecimal(1), ExactDecimal(-1)]
        var state: UInt64 = 42
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let numerator = Int128(Int64(bitPattern: state) >> Int((state >> 58) & 0x3F))
            for denominator: Int128 in [1, 2, 3, 10, 100, 1000, 7] {
                values.append(ExactDecimal(numerator: numerator, denominator: denominator)!)
            }
        }
        values.append(ExactDecimal(numerator: Int128.max / 3, denominator: 1)!)
        return values
    }()

    @Test("same text as formatted(scale:) for every scale 0–4", arguments: [0, 1, 2, 3, 4])
    func sameAsFormatted(scale: Int) {
        for value in Self.values {
            var bytes: [UInt8] = []
            value.appendFormatted(scale: scale, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == value.formatted(scale: scale), "\(value) at scale \(scale)")
        }
    }
}
