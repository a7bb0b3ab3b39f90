import Foundation
import PolicyLanguage
import Testing
import TestSupport

/// The lexer reads UTF-8 bytes and `SourceFile` slices bytes, while ranges count scalars: held to
/// the scalar lexer they replaced (`ReferenceLexer`) and to scalar slicing, on every policy in the
/// repository and on generated text full of what bytes make easy to get wrong (multibyte names,
/// strings and escapes, CRLF and lone CR, a byte order mark, Unicode spaces, 万 and 亿 suffixes).
@Suite struct ByteLexerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Pieces glued at random; each is something one of the two lexers treats specially.
    static let pieces = [
        "a", "x_1", "Z", "7", "40", "1.5", "2020-01-01", "2020-1-01", "万", "亿", "%", "%3", "(", ")", "[", "]", "{", "}",
        ".", "..", "?", "??", "=", "==", "!", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "^", "@", ",", ":", ";",
        " ", "\t", "\n", "\r\n", "\r", "\r\r\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{85}", "\u{A0}", "\u{3000}", "\u{2028}", "\u{FEFF}",
        "#", "# 注释\n", "\"", "'", "\\", "\\n", "\\\"", "\\中", "\\😀", "\"研发费用\"", "'单引号'", "中文", "研发", "é", "e\u{301}",
        "😀", "𠀀", "$", "`", "\u{7F}", "\u{0}",
    ]

    static func random(_ seed: UInt64) -> String {
        var generator = SplitMix64(seed: seed)
        return (0..<(1 + generator.below(40))).map { _ in pieces[generator.below(pieces.count)] }.joined()
    }

    static func expectSameAsReference(_ text: String, _ comment: Comment) {
        var lexer = Lexer(source: SourceFile(name: "<test>", text: text), file: 2)
        var reference = ReferenceLexer(text: text, file: 2)
        let tokens = lexer.tokenize()
        let expected = reference.tokenize()
        #expect(tokens == expected, comment)
        #expect(lexer.diagnostics == reference.diagnostics, comment)
    }

    static func expectSameSlices(_ text: String, _ comment: Comment) {
        let source = SourceFile(name: "<test>", text: text)
        let scalars = Array(text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars)
        func string(_ part: ArraySlice<Unicode.Scalar>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: part)
            return String(view)
        }
        #expect(source.text == string(scalars[...]), comment)
        for start in 0...scalars.count {
            for end in start...min(scalars.count, start + 4) {
                #expect(source.slice(SourceRange(file: 0, start: start, end: end)) == string(scalars[start..<end]), comment)
            }
        }
        #expect(source.slice(SourceRange(file: 0, start: 0, end: scalars.count + 5)) == string(scalars[...]), comment)
        // Split as scalars: as a `String`, a CR left before an LF would join it in one character.
        let lines = scalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            #expect(source.line(index + 1) == string(line), comment)
        }
        #expect(source.line(lines.count + 1) == "", comment)
    }

    @Test("generated text lexes to the scalar lexer's tokens, ranges and diagnostics", arguments: PropertySeeds.seeds(400))
    func generated(seed: UInt64) {
        let text = Self.random(seed)
        Self.expectSameAsReference(text, "seed \(seed): \(text.debugDescription)")
    }

    @Test("generated text slices, lines and CRLF normalization match scalar slicing", arguments: PropertySeeds.seeds(100))
    func slices(seed: UInt64) {
        let text = Self.random(seed)
        Self.expectSameSlices(text, "seed \(seed): \(text.debugDescription)")
    }

    @Test("every policy in the repository lexes as the scalar lexer lexed it")
    func repositoryPolicies() throws {
        let folders = ["Policies", "Tests/PolicyLanguageTests/Corpus"].map { Self.repository.appendingPathComponent($0) }
        var count = 0
        for folder in folders {
            let walker = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
            for case let url as URL in walker where url.pathExtension == "policy" {
                let text = try String(contentsOf: url, encoding: .utf8)
                Self.expectSameAsReference(text, "\(url.lastPathComponent)")
                Self.expectSameAsReference(text.replacingOccurrences(of: "\n", with: "\r\n"), "\(url.lastPathComponent) with CRLF")
                Self.expectSameAsReference("\u{FEFF}# 前言：中文注释 😀\n" + text, "\(url.lastPathComponent) after a BOM and a Chinese line")
                count += 1
            }
        }
        #expect(count > 20)
    }

    @Test("a diagnostic after Chinese text on its line points at the scalar column")
    func columnAfterChinese() throws {
        let source = SourceFile(name: "<test>", text: "\u{FEFF}# 说明\r\nx = \"研发\" ! 1")
        var lexer = Lexer(source: source, file: 0)
        _ = lexer.tokenize()
        let diagnostic = try #require(lexer.diagnostics.first)
        #expect(diagnostic.code == "lex.unexpected-character")
        let (line, column) = source.location(of: diagnostic.range.start)
        #expect(line == 2)
        #expect(column == 10)
        #expect(source.slice(diagnostic.range) == "!")
        #expect(source.line(2) == "x = \"研发\" ! 1")
    }

    @Test("a multibyte escape is reported over the backslash and the whole scalar")
    func multibyteEscape() {
        let source = SourceFile(name: "<test>", text: "\"中\\文\" 😀")
        var lexer = Lexer(source: source, file: 0)
        let tokens = lexer.tokenize()
        #expect(tokens.map(\.kind) == [.string("中"), .endOfInput])
        #expect(lexer.diagnostics.map(\.code) == ["lex.bad-escape", "lex.unexpected-character"])
        #expect(lexer.diagnostics.map { source.slice($0.range) } == ["\\文", "😀"])
        #expect(lexer.diagnostics.last?.message == "unexpected character '😀'")
    }
}
