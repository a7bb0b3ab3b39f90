import Foundation
import PolicyLanguage

/// The lexer as it was before it read UTF-8 bytes: one `Unicode.Scalar` at a time, ranges counted
/// in scalars. Kept only as an oracle: `ByteLexerTests` hold the byte lexer to its tokens, ranges
/// and diagnostics on the corpus and on generated text.
struct ReferenceLexer {
    private let scalars: [Unicode.Scalar]
    private let file: Int
    private var index = 0
    private(set) var diagnostics: [Diagnostic] = []

    init(text: String, file: Int) {
        self.scalars = Array(text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars)
        self.file = file
    }

    mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            skipTrivia()
            guard index < scalars.count else {
                tokens.append(Token(.endOfInput, range(index, index)))
                return tokens
            }
            if let token = next() { tokens.append(token) }
        }
    }

    private func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: file, start: start, end: end)
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func skipTrivia() {
        while let scalar = peek() {
            if scalar == "#" {
                while let c = peek(), c != "\n" { index += 1 }
            } else if scalar.properties.isWhitespace || scalar == "\u{FEFF}" {
                index += 1
            } else {
                return
            }
        }
    }

    private mutating func next() -> Token? {
        let start = index
        let scalar = scalars[index]
        if Self.isDigit(scalar) { return number(start) }
        if Self.isIdentifierStart(scalar) {
            while let c = peek(), Self.isIdentifierPart(c) { index += 1 }
            return Token(.identifier(text(start, index)), range(start, index))
        }
        if scalar == "\"" || scalar == "'" { return string(start) }
        for symbol in Self.symbols where matches(symbol) {
            index += symbol.unicodeScalars.count
            return Token(.symbol(symbol), range(start, index))
        }
        index += 1
        diagnostics.append(Diagnostic("lex.unexpected-character", DiagnosticText("unexpected character '\(scalar)'", "无法识别的字符 '\(scalar)'"), at: range(start, index)))
        return nil
    }

    /// Longest first, so `..` beats `.` and `??` beats `?`.
    private static let symbols = ["..", "??", "==", "!=", "<=", ">=", "(", ")", "[", "]", "{", "}", ",", ":", ";",
                                  ".", "?", "+", "-", "*", "/", "%", "^", "<", ">", "=", "@"]

    private func matches(_ symbol: String) -> Bool {
        for (offset, scalar) in symbol.unicodeScalars.enumerated() where peek(offset) != scalar {
            return false
        }
        return true
    }

    private mutating func number(_ start: Int) -> Token {
        if let date = dateLiteral(start) { return date }
        while let c = peek(), Self.isDigit(c) { index += 1 }
        if peek() == ".", let after = peek(1), Self.isDigit(after) {
            index += 1
            while let c = peek(), Self.isDigit(c) { index += 1 }
        }
        let digits = text(start, index)
        var suffix = Token.NumberSuffix.none
        switch peek() {
        case "万": suffix = .wan
        case "亿": suffix = .yi
        case "%" where !operandFollowsPercent(): suffix = .percent
        default: break
        }
        if suffix != .none { index += 1 }
        return Token(.number(digits, suffix), range(start, index))
    }

    /// `YYYY-MM-DD` written without spaces is a date, not a subtraction.
    private mutating func dateLiteral(_ start: Int) -> Token? {
        let pattern: [Bool] = [true, true, true, true, false, true, true, false, true, true]
        for (offset, isDigit) in pattern.enumerated() {
            guard let c = peek(offset) else { return nil }
            if isDigit ? !Self.isDigit(c) : c != "-" { return nil }
        }
        if let c = peek(10), Self.isDigit(c) || Self.isIdentifierPart(c) { return nil }
        index += 10
        return Token(.date(text(start, index)), range(start, index))
    }

    /// `10%3` is a remainder; `10%` followed by a space, an operator or the end is a percentage
    /// (and `10 % 3`, with a space before `%`, never reaches here).
    private func operandFollowsPercent() -> Bool {
        guard let c = peek(1) else { return false }
        return Self.isDigit(c) || Self.isIdentifierStart(c) || c == "("
    }

    /// A string in double quotes, or in single quotes as ZEN also writes them.
    private mutating func string(_ start: Int) -> Token? {
        let quote = scalars[index]
        index += 1
        var value = String.UnicodeScalarView()
        while let c = peek() {
            if c == quote {
                index += 1
                return Token(.string(String(value)), range(start, index))
            }
            if c == "\n" { break }
            if c == "\\", let escaped = peek(1) {
                index += 2
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\"": value.append("\"")
                case "'": value.append("'")
                case "\\": value.append("\\")
                default:
                    diagnostics.append(Diagnostic("lex.bad-escape", DiagnosticText("unknown escape '\\\(escaped)' in string", "字符串中有未知的转义 '\\\(escaped)'"), at: range(index - 2, index)))
                }
                continue
            }
            value.append(c)
            index += 1
        }
        diagnostics.append(Diagnostic("lex.unterminated-string", DiagnosticText("string is not closed before the end of the line", "字符串在行尾之前没有结束"), at: range(start, index)))
        return Token(.string(String(value)), range(start, index))
    }

    private func text(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || isDigit(c) }
}
