import Foundation
@testable import IncentiveSupport
import Testing
import TestSupport

/// GB18030 files rewritten as UTF-8 for the batch kernel: the same text, decided as `CSVReader`
/// decides the encoding, and refused whole when a line is not GB18030.
@Suite struct GB18030TranscoderTests {
    static let text = "名称,地区,年度\r\n德清甲科技有限公司,330521,2023\r\n\"引号,\"\"乙\"\"\",330726,2022\r\n𠀀丙,330482,2021"

    /// The transcoder's output and verdict over `bytes` read `chunkSize` bytes at a time.
    static func transcode(_ bytes: [UInt8], chunkSize: Int) throws -> (Bool, [UInt8]) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gb18030-\(UUID().uuidString).csv")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var out: [UInt8] = []
        let done = GB18030Transcoder.utf8(from: try ByteChunkReader(path: file.path, chunkSize: chunkSize)) { out += $0 }
        return (done, out)
    }

    @Test("GB18030 text comes back as the same text in UTF-8, whatever the chunk size", arguments: [5, 7, 64, 1 << 20])
    func sameText(chunkSize: Int) throws {
        let gb = try #require(TextEncoding.gb18030.encode(Self.text))
        #expect(gb != Array(Self.text.utf8), "the fixture's bytes differ between the two encodings")
        let (done, out) = try Self.transcode(gb, chunkSize: chunkSize)
        #expect(done)
        #expect(out == Array(Self.text.utf8))
        // With a final line break too.
        let (doneLF, outLF) = try Self.transcode(gb + [0x0A], chunkSize: chunkSize)
        #expect(doneLF && outLF == Array((Self.text + "\n").utf8))
    }

    @Test("UTF-8 (with or without BOM), ASCII-only starts and empty files are not GB18030")
    func notGB18030() throws {
        #expect(try Self.transcode(Array(Self.text.utf8), chunkSize: 1 << 20).0 == false)
        #expect(try Self.transcode([0xEF, 0xBB, 0xBF] + Array(Self.text.utf8), chunkSize: 1 << 20).0 == false)
        // The first chunk all ASCII: CSVReader's decision is not made there, so neither is this one's.
        #expect(try Self.transcode(Array("a,b\n".utf8) + TextEncoding.gb18030.encode("德清")!, chunkSize: 4).0 == false)
        #expect(try Self.transcode([], chunkSize: 1 << 20).0 == false)
    }

    /// Foundation's UTF-8 of a block, or nil when it does not decode it.
    static func foundation(_ bytes: [UInt8]) -> [UInt8]? {
        String(data: Data(bytes), encoding: TextEncoding.foundationGB18030).map { Array($0.utf8) }
    }

    @Test("every two-byte code turns into the UTF-8 Foundation gives, and takes the table's way")
    func everyTwoByteCode() {
        var tabled = 0
        for lead in UInt8(0x81)...0xFE {
            for trail in UInt8(0x40)...0xFE {
                let bytes: [UInt8] = [0x61, lead, trail, 0x2C]
                #expect(GB18030Transcoder.utf8(bytes[...]) == Self.foundation(bytes), "\(lead) \(trail)")
                #expect(TextEncoding.gb18030.decode(bytes[...]).map { Array($0.utf8) } == Self.foundation(bytes), "\(lead) \(trail)")
                if GB18030Table.utf8(bytes[...]) != nil { tabled += 1 }
            }
        }
        // 126 lead bytes × 190 trail bytes (0x7F is no trail byte).
        #expect(tabled == 126 * 190)
    }

    @Test("blocks of ASCII, two- and four-byte codes and stray bytes: Foundation's UTF-8, or refused as Foundation refuses them")
    func mixedBlocks() {
        var random = SplitMix64(seed: 0x2545_F491_4F6C_DD1D)
        func next(_ bound: Int) -> Int { random.below(bound) }
        var decoded = 0
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<next(12) {
                switch next(20) {
                case 0: bytes += [UInt8(0x81 + next(4)), UInt8(0x30 + next(10)), UInt8(0x81 + next(126)), UInt8(0x30 + next(10))]
                case 1: bytes.append([0x80, 0xFF, 0x81, 0x7F][next(4)])
                case 2...9: bytes += [UInt8(0x81 + next(126)), UInt8([0x40 + next(63), 0x80 + next(127)][next(2)])]
                default: bytes.append([0x2C, 0x0A, 0x22, 0x61, 0x32][next(5)])
                }
            }
            let expected = Self.foundation(bytes)
            #expect(GB18030Transcoder.utf8(bytes[...]) == expected, "\(bytes)")
            #expect(TextEncoding.gb18030.decode(bytes[...]).map { Array($0.utf8) } == expected, "\(bytes)")
            if expected != nil { decoded += 1 }
        }
        #expect(decoded > 1000, "most blocks are GB18030 text")
    }

    @Test("a line that is not GB18030 text refuses the whole file")
    func brokenLine() throws {
        let gb = try #require(TextEncoding.gb18030.encode("名称,年度\n德清,2023\n"))
        #expect(try Self.transcode(gb + [0xFF, 0xFF, 0x0A] + gb, chunkSize: 1 << 20).0 == false)
        #expect(try Self.transcode(gb + [0x81], chunkSize: 1 << 20).0 == false, "a character cut off at the end")
    }
}
