import Foundation
import IncentiveEngine
import IncentiveSupport
import PolicyLanguage

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
            throw Arguments.UsageError("\(path): no such file or it cannot be read", "\(path)：文件不存在或无法读取")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Arguments.UsageError("\(path): not UTF-8 text", "\(path)：不是 UTF-8 文本")
        }
        return text
    }

    /// A file or folder that cannot be read, said in the language asked for (a system reason stays
    /// as the system gives it).
    static func describe(_ error: Error) -> String {
        if let failed = error as? ByteChunkReader.OpenError {
            return Language.say("\(failed.path): \(failed.reason)", "\(failed.path)：无法打开（\(failed.reason)）")
        }
        if let failed = error as? PolicyLoader.LoadError { return Language.say(failed.message, failed.chinese) }
        if let failed = error as? PolicySnapshot.Invalid { return failed.reason.text(english: Language.english) }
        return "\(error)"
    }
}
