@testable import IncentiveSupport
import Testing
import TestSupport

/// `UTF8Validation` against the standard library's own verdict (`String(validating:as:)`).
@Suite struct UTF8ValidationTests {
    static func agrees(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) } == (String(validating: bytes, as: UTF8.self) != nil)
    }

    @Test("every one- and two-byte sequence, and every lead byte with the edges of its continuation ranges")
    func edges() {
        for first in 0...255 {
            #expect(Self.agrees([UInt8(first)]), "\(first)")
            for second in 0...255 { #expect(Self.agrees([UInt8(first), UInt8(second)]), "\(first) \(second)") }
            for second: UInt8 in [0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0] {
                for third: UInt8 in [0x7F, 0x80, 0xBF, 0xC0] {
                    #expect(Self.agrees([UInt8(first), second, third]), "\(first) \(second) \(third)")
                    for fourth: UInt8 in [0x41, 0x80, 0xBF, 0xC0] { #expect(Self.agrees([UInt8(first), second, third, fourth])) }
                }
            }
        }
        #expect(Self.agrees(Array("浙江样本0科技有限公司 😀 é".utf8)))
        #expect(Self.agrees([]))
    }

    @Test("random mixes of ASCII, Chinese, four-byte characters and stray bytes, cut anywhere")
    func randomMixes() {
        var random = SplitMix64(seed: 8)
        let pieces: [[UInt8]] = [Array("a,1".utf8), Array("中".utf8), Array("𠀀".utf8), Array("é".utf8), [0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF]]
        var invalid = 0
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(8) { bytes += pieces[random.below(pieces.count)] }
            if random.below(4) == 0, !bytes.isEmpty { bytes.removeLast(random.below(min(3, bytes.count)) + 1) }
            #expect(Self.agrees(bytes), "\(bytes)")
            if String(validating: bytes, as: UTF8.self) == nil { invalid += 1 }
        }
        #expect(invalid > 1000 && invalid < 4500)
    }
}
