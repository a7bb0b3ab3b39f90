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
        let file = try OutputFile(path: path)
        file.write(text.hasSuffix("\n") ? text : text + "\n")
        do { try file.commit() } catch {
            file.abandon()
            throw error
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
