@testable import IncentiveEngine
import IncentiveSupport
import TestSupport
import Testing

/// `SlotRowReader`'s shortcuts against what `FactReader` does the long way.
@Suite struct SlotRowReaderTests {
    @Test("a name said to need no trimming is its own trimmed text; the shortcut is taken for a good share")
    func untrimmedNames() {
        var random = SplitMix64(seed: 21)
        let pieces = ["浙", "江", "样本", "科技", "A", "1", "(", " ", "\t", "\u{3000}", "\u{00A0}", "\u{2003}", "\u{205F}", "é", "𠀀", "가", "\u{1680}", "\u{0085}"]
        var taken = 0
        for _ in 0..<20_000 {
            let name = (0..<(1 + random.below(6))).map { _ in pieces[random.below(pieces.count)] }.joined()
            let bytes = Array(name.utf8)
            guard bytes.withUnsafeBufferPointer(SlotRowReader.untrimmed) else { continue }
            taken += 1
            #expect(name.trimmingWhitespace() == name, "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(taken > 3000, "the shortcut is taken for \(taken) names")
    }
}
