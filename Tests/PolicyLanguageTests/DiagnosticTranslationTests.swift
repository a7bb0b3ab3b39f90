import Foundation
import PolicyLanguage
import Testing

/// Every diagnostic of the golden corpus is said in both languages: the Chinese text is there, is
/// not the English one left untranslated, and keeps every quoted name and number the English one
/// gives (a translation that dropped the misspelt name or the expected value would still read
/// well, and be useless).
@Suite struct DiagnosticTranslationTests {
    /// Every diagnostic the corpus gives, bad files and good ones (warnings) alike.
    static func corpusDiagnostics() throws -> [(file: String, diagnostic: Diagnostic)] {
        var found: [(String, Diagnostic)] = []
        for relative in DiagnosticCorpusTests.policies(in: "bad") + DiagnosticCorpusTests.policies(in: "good") {
            let sources = [try DiagnosticCorpusTests.source("facts.policy"), try DiagnosticCorpusTests.source(relative)]
            found += PolicyLoader.diagnose(sources: sources).diagnostics.map { (relative, $0) }
        }
        return found
    }

    /// Text that is only a name or a number reads the same in any language.
    static func isOnlyNameOrNumber(_ text: String) -> Bool {
        let bare = text.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        return !bare.isEmpty && bare.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "._-@".unicodeScalars.contains($0) }
    }

    /// The quoted pieces ('name', "text") and the numbers of a message, in order of appearance.
    /// An English possessive ("a rule's amount") is not the start of a quote.
    static func anchors(_ message: String) -> [String] {
        let text = message.replacingOccurrences(of: #"(?<=[a-z])'s\b"#, with: "s", options: .regularExpression)
        let pattern = try! NSRegularExpression(pattern: #"'[^']*'|"[^"]*"|[0-9]+(\.[0-9]+)?"#)
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).map { String(text[Range($0.range, in: text)!]) }
    }

    static func check(_ text: DiagnosticText, _ where: String) {
        #expect(!text.chinese.trimmingCharacters(in: .whitespaces).isEmpty, "\(`where`): no Chinese text")
        #expect(text.chinese != text.english || isOnlyNameOrNumber(text.english), "\(`where`): Chinese equals English: \(text.english)")
        #expect(text.chinese.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } || isOnlyNameOrNumber(text.english),
                "\(`where`): no Chinese character in \(text.chinese)")
        #expect(anchors(text.chinese).sorted() == anchors(text.english).sorted(),
                "\(`where`): names and numbers differ:\n  \(text.english)\n  \(text.chinese)")
    }

    @Test func everyCorpusDiagnosticIsTranslated() throws {
        let found = try Self.corpusDiagnostics()
        #expect(found.count >= 30, "the corpus should exercise many messages")
        for (file, diagnostic) in found {
            Self.check(diagnostic.text, "\(file) \(diagnostic.code)")
            if let help = diagnostic.help { Self.check(help, "\(file) \(diagnostic.code) help") }
        }
    }

    @Test func theCorpusCoversEveryDiagnosticCode() throws {
        let codes = Set(try Self.corpusDiagnostics().map(\.diagnostic.code))
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/PolicyLanguage").standardizedFileURL
        var written = Set<String>()
        let pattern = try NSRegularExpression(pattern: #""((?:lex|parse|check)\.[a-z-]+)""#)
        for case let url as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)! where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                written.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        #expect(written.count >= 40, "codes found in the sources: \(written.sorted())")
        #expect(written.subtracting(codes).isEmpty, "codes no corpus file gives: \(written.subtracting(codes).sorted())")
    }

    @Test func theTranslationCheckCanFail() {
        #expect(!Self.isOnlyNameOrNumber("unknown name 'x'"))
        #expect(Self.isOnlyNameOrNumber("'rd_expense'"))
        #expect(Self.anchors("unknown name 'rd' (24 digits)") == ["'rd'", "24"])
        #expect(Self.anchors("a rule's amount must be money, found integer ('1')") == ["'1'"])
        #expect(Self.anchors("未知的名称（24 位）") != Self.anchors("unknown name 'rd' (24 digits)"))
    }
}
