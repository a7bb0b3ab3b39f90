import Foundation
import IncentiveSupport
import Testing

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

    @Test("a line that is not GB18030 text refuses the whole file")
    func brokenLine() throws {
        let gb = try #require(TextEncoding.gb18030.encode("名称,年度\n德清,2023\n"))
        #expect(try Self.transcode(gb + [0xFF, 0xFF, 0x0A] + gb, chunkSize: 1 << 20).0 == false)
        #expect(try Self.transcode(gb + [0x81], chunkSize: 1 << 20).0 == false, "a character cut off at the end")
    }
}
