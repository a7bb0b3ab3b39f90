import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An input file as something that can be read more than once. `batch` decides the format from
/// the first bytes and then opens the file again, and the fast path may hand a file to the general
/// path, which reads it from the start; a pipe (`-` for standard input, `<(…)`, a named FIFO)
/// gives its bytes once. Such an input is first copied, in chunks, into a temporary file that is
/// removed by `remove()` (call it in a `defer`, which also keeps the spool alive while the copy
/// is read) or at the latest when the spool goes; a file is read where it is.
final class InputSpool {
    /// The path to read: the input itself, or its copy.
    let path: String
    private let copy: String?

    /// - Parameter input: the path the user gave (`-` is standard input).
    init(_ input: String) throws {
        if Self.kind(input) == S_IFDIR {
            throw Arguments.UsageError("\(input) is a directory; expected a CSV or JSON Lines file", "\(input) 是目录；应为 CSV 或 JSON Lines 文件")
        }
        guard input == "-" || [S_IFIFO, S_IFCHR, S_IFSOCK].contains(Self.kind(input)) else {
            path = input
            copy = nil
            return
        }
        let source = input == "-" ? 0 : open(input, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw Self.failure(input, String(cString: strerror(errno))) }
        defer { if input != "-" { close(source) } }
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/incentive-input-XXXXXX".utf8CString)
        let target = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard target >= 0 else { throw Self.failure(input, "no temporary file in \(directory): \(String(cString: strerror(errno)))") }
        let copyPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { close(target) }
        do {
            try Self.copy(from: source, to: target)
        } catch {
            unlink(copyPath)
            throw Self.failure(input, error.reason)
        }
        path = copyPath
        copy = copyPath
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

    private struct CopyError: Error { let reason: String }

    /// Every byte of `source` into `target`, a mebibyte at a time; fails when a read or a write
    /// does (a full disk, say).
    private static func copy(from source: Int32, to target: Int32) throws(CopyError) {
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(source, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw CopyError(reason: "read failed: " + String(cString: strerror(errno))) }
            if count == 0 { return }
            var written = 0
            while written < count {
                let done = chunk.withUnsafeBytes { write(target, $0.baseAddress! + written, count - written) }
                if done < 0, errno == EINTR { continue }
                guard done > 0 else { throw CopyError(reason: "copy failed: " + String(cString: strerror(errno))) }
                written += done
            }
        }
    }

    private static func failure(_ input: String, _ reason: String) -> Arguments.UsageError {
        let name = input == "-" ? "standard input" : input
        return Arguments.UsageError("\(name): cannot be read (\(reason))", "\(input == "-" ? "标准输入" : input)：无法读取（\(reason)）")
    }
}
