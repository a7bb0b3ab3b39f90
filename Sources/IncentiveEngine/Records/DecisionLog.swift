#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IncentiveSupport

/// An append-only file of decision records, one canonical JSON line each, hash-chained.
///
/// Every append runs under an exclusive `flock` held across *read the last digest → write →
/// fsync*, so two processes (or two threads with their own `DecisionLog`) appending at once never
/// interleave bytes, never chain two records to the same predecessor, and never lose one. The file
/// is opened with `O_APPEND`: earlier bytes are never rewritten. An append returns only after
/// `fsync`, so a command that reports success has its record on disk.
///
/// A crash can still leave a partial last line (power loss, disk full). The next append does not
/// glue onto it and does not truncate it (that would rewrite the log): it first writes a newline,
/// so the torn bytes stay on a line of their own, then chains its record to the last *complete*
/// record and marks it `"follows_partial_line": true`. Replay reports the torn line as `partial`
/// (only when the record after it carries that mark; otherwise a broken line is `tampered`).
public struct DecisionLog: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Appends one record made from `body` (without `prev`/`digest`); returns it sealed.
    @discardableResult
    public func append(_ body: [JSONMember]) throws(Failure) -> DecisionRecord {
        try append([body])[0]
    }

    /// Appends records in order under one lock and one fsync (for a batch), each chained to the one
    /// before it.
    @discardableResult
    public func append(_ bodies: [[JSONMember]]) throws(Failure) -> [DecisionRecord] {
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot open") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure("cannot lock") }
        }
        defer { flock(fd, LOCK_UN) }

        let tail = try LogTail.read(fd: fd, path: path)
        var prev = tail.lastDigest
        var bytes: [UInt8] = tail.endsWithPartialLine ? [UInt8(ascii: "\n")] : []
        var sealed: [DecisionRecord] = []
        for (index, body) in bodies.enumerated() {
            var members = body.filter { $0.key != "prev" && $0.key != "digest" && $0.key != "follows_partial_line" }
            members.append(JSONMember(key: "prev", value: .string(prev)))
            if index == 0 && tail.endsWithPartialLine {
                members.append(JSONMember(key: "follows_partial_line", value: .bool(true)))
            }
            let record = DecisionRecord(body: .object(members))
            bytes.append(contentsOf: record.line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            sealed.append(record)
            prev = record.digest
        }
        try writeAll(fd, bytes)
        guard fsync(fd) == 0 else { throw failure("cannot sync") }
        if tail.size == 0 { syncDirectory() }
        return sealed
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write")
            }
            offset += written
        }
    }

    /// A new file's directory entry must be durable too, or a crash could lose the whole log.
    private func syncDirectory() {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    private func failure(_ what: String) -> Failure {
        Failure(message: "\(path): \(what) the decision log: \(String(cString: strerror(errno)))")
    }
}
