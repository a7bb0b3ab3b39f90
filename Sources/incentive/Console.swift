import Foundation

/// Standard output and error, and writing files atomically (temporary file, then rename).
enum Console {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes to `path`, or to standard output when path is nil or "-".
    static func emit(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            print(text)
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try Data((text.hasSuffix("\n") ? text : text + "\n").utf8).write(to: temporary)
        if FileManager.default.fileExists(atPath: url.path) {
            _ = try FileManager.default.replaceItemAt(url, withItemAt: temporary)
        } else {
            try FileManager.default.moveItem(at: temporary, to: url)
        }
    }

    static func readFile(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Arguments.UsageError(message: "\(path): no such file or it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Arguments.UsageError(message: "\(path): not UTF-8 text")
        }
        return text
    }
}
