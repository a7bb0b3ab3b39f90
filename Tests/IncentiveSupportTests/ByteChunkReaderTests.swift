import Foundation
import IncentiveSupport
import Testing

/// `ByteChunkReader.next(after:)`, which the batch's record stream uses to carry the unfinished
/// end of one chunk into the next without copying the chunk again.
@Suite struct ByteChunkReaderTests {
    /// Reads `reader` to the end, keeping the last `keep` bytes of each buffer as the leftover
    /// joined to the next chunk, and checks each join on the way.
    static func readAll(_ reader: ByteChunkReader, keep: Int, chunkSize: Int?) -> [UInt8] {
        var buffer = reader.next() ?? []
        var read: [UInt8] = []
        while true {
            let kept = min(keep, buffer.count)
            read += buffer.dropLast(kept)
            guard let joined = reader.next(after: buffer.suffix(kept)) else { return read + buffer.suffix(kept) }
            #expect(Array(joined.prefix(kept)) == Array(buffer.suffix(kept)), "the leftover comes first")
            #expect(joined.count > kept, "a chunk is never empty")
            if let chunkSize { #expect(joined.count <= kept + chunkSize) }
            buffer = joined
        }
    }

    @Test("the leftover, then the next chunk; nil at the end; the file's bytes in order", arguments: [1, 2, 7, 64, 1000])
    func nextAfterLeftover(chunkSize: Int) throws {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(getpid())-\(chunkSize).bin")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        for keep in [0, 1, 3, 20] {
            #expect(Self.readAll(try ByteChunkReader(path: url.path, chunkSize: chunkSize), keep: keep, chunkSize: chunkSize) == bytes, "keep \(keep)")
        }
    }

    @Test("bytes in memory come as one chunk after the leftover")
    func inMemory() {
        let reader = ByteChunkReader(bytes: Array("abcdef".utf8))
        #expect(reader.next(after: ArraySlice(Array("xy".utf8))) == Array("xyabcdef".utf8))
        #expect(reader.next(after: []) == nil)
    }
}
