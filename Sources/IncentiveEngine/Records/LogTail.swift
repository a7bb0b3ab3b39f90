#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The end of a decision log as the next append needs it: the digest of the last complete record
/// (the chain continues from there), and whether the file ends in a partial line. Reads backwards
/// in growing chunks, so an append costs about one record's worth of reading, not the whole log.
struct LogTail {
    let size: Int
    let lastDigest: String
    let endsWithPartialLine: Bool

    static func read(fd: Int32, path: String) throws(DecisionLog.Failure) -> LogTail {
        let end = lseek(fd, 0, SEEK_END)
        guard end >= 0 else { throw DecisionLog.Failure(message: "\(path): cannot seek the decision log") }
        let size = Int(end)
        guard size > 0 else { return LogTail(size: 0, lastDigest: DecisionRecord.genesis, endsWithPartialLine: false) }
        var chunk = 65_536
        while true {
            let start = max(0, size - chunk)
            var buffer = [UInt8](repeating: 0, count: size - start)
            var got = 0
            while got < buffer.count {
                let n = buffer[got...].withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(start + got)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw DecisionLog.Failure(message: "\(path): cannot read the decision log") }
                got += n
            }
            let partial = buffer.last != UInt8(ascii: "\n")
            // Complete lines: those ending in a newline and (unless at the file start) starting after one.
            var lineEnd = buffer.lastIndex(of: UInt8(ascii: "\n"))
            while let stop = lineEnd {
                let newlineBefore = buffer[..<stop].lastIndex(of: UInt8(ascii: "\n"))
                guard newlineBefore != nil || start == 0 else { break }
                let lineStart = newlineBefore.map { $0 + 1 } ?? 0
                if lineStart < stop, let record = try? DecisionRecord.parse(line: String(decoding: buffer[lineStart..<stop], as: UTF8.self)) {
                    return LogTail(size: size, lastDigest: record.digest, endsWithPartialLine: partial)
                }
                lineEnd = newlineBefore
            }
            if start == 0 { return LogTail(size: size, lastDigest: DecisionRecord.genesis, endsWithPartialLine: partial) }
            chunk *= 4
        }
    }
}
