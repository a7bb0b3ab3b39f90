import Foundation
import IncentiveSupport
#if canImport(Glibc)
import Glibc
#endif

/// An input as a file that can be read more than once, and as UTF-8 for the batch kernel.
///
/// `batch` decides the format from the first bytes and then opens the file again, and the fast
/// path may hand a file to the general path, which reads it from the start; a pipe (`-` for
/// standard input, `<(…)`, a named FIFO) gives its bytes once, so it is first copied, a mebibyte
/// at a time, into a temporary file. A GB18030 file can likewise be rewritten as UTF-8
/// (`utf8Copy(of:)`). A copy is removed by `remove()` (call it in a `defer`, which also keeps the
/// spool alive while the copy is read) or at the latest when the spool goes; a file is otherwise
/// read where it is.
final class InputSpool {
    /// The path to read: the input itself, or its copy.
    let path: String
    private let copy: String?

    private init(path: String, copy: String?) {
        self.path = path
        self.copy = copy
    }

    /// - Parameter input: the path the user gave (`-` is standard input).
    convenience init(_ input: String) throws {
        if Self.kind(input) == S_IFDIR {
            throw Arguments.UsageError("\(input) is a directory; expected a CSV or JSON Lines file", "\(input) 是目录；应为 CSV 或 JSON Lines 文件")
        }
        guard input == "-" || [S_IFIFO, S_IFCHR, S_IFSOCK].contains(Self.kind(input)) else {
            self.init(path: input, copy: nil)
            return
        }
        let source = input == "-" ? 0 : open(input, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw Self.failure(input, String(cString: strerror(errno))) }
        defer { if input != "-" { close(source) } }
        let (target, copyPath) = try Self.temporaryFile(for: input)
        defer { close(target) }
        do {
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(source, $0.baseAddress!, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { throw CopyError(reason: "read failed: " + String(cString: strerror(errno))) }
                if count == 0 { break }
                try Self.write(chunk[..<count], to: target)
            }
        } catch {
            unlink(copyPath)
            throw Self.failure(input, "\(error)")
        }
        self.init(path: copyPath, copy: copyPath)
    }

    /// A UTF-8 copy of a GB18030 file (`GB18030Transcoder`); nil when the file is not GB18030
    /// text throughout, which is then read as it is. `converting` is called once the file is
    /// known to be GB18030, before the first bytes are written (for a progress line).
    static func utf8Copy(of path: String, converting: () -> Void = {}) throws -> InputSpool? {
        let source = try ByteChunkReader(path: path)
        let (target, copyPath) = try temporaryFile(for: path)
        defer { close(target) }
        let done: Bool
        var started = false
        do {
            done = try GB18030Transcoder.utf8(from: source) { bytes in
                if !started { started = true; converting() }
                try write(bytes[...], to: target)
            }
        } catch {
            unlink(copyPath)
            throw failure(path, "\(error)")
        }
        guard done else { unlink(copyPath); return nil }
        return InputSpool(path: copyPath, copy: copyPath)
    }

    deinit { remove() }

    /// Deletes the copy, if one was made (again is harmless).
    func remove() {
        if let copy { unlink(copy) }
    }

    /// What `path` is (`S_IFREG`, `S_IFIFO`, …), nil when it cannot be found (the reader then
    /// names the problem). A FIFO, a character device or a socket cannot be read twice.
    static func kind(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    private struct CopyError: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// A new file in `$TMPDIR` (or /tmp), open for writing, and its path.
    private static func temporaryFile(for input: String) throws -> (Int32, String) {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/incentive-input-XXXXXX".utf8CString)
        let target = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard target >= 0 else { throw failure(input, "no temporary file in \(directory): \(String(cString: strerror(errno)))") }
        return (target, String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// All of `bytes` to `target`; fails when a write does (a full disk, say).
    private static func write(_ bytes: ArraySlice<UInt8>, to target: Int32) throws(CopyError) {
        var written = 0
        while written < bytes.count {
            let done = bytes.withUnsafeBytes { Glibc.write(target, $0.baseAddress! + written, bytes.count - written) }
            if done < 0, errno == EINTR { continue }
            guard done > 0 else { throw CopyError(reason: "copy failed: " + String(cString: strerror(errno))) }
            written += done
        }
    }

    private static func failure(_ input: String, _ reason: String) -> Arguments.UsageError {
        let name = input == "-" ? "standard input" : input
        return Arguments.UsageError("\(name): cannot be read (\(reason))", "\(input == "-" ? "标准输入" : input)：无法读取（\(reason)）")
    }
}
