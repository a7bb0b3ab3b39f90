/// Turns policy text into tokens. Comments run from `#` to the end of the line. A number written
/// directly before `万`, `亿` or `%` takes that suffix (`40万`, `12%`), except that a `%` followed
/// by an operand with no space between is the remainder operator (`7%3`), as is `7 % 3`.
///
/// It reads UTF-8 bytes: everything the grammar names is ASCII except `万`, `亿` and the byte
/// order mark, so other text (Chinese names, comments, strings) is skipped or copied as bytes, and
/// only whitespace tests and error messages decode a scalar. Token ranges are still counted in
/// scalars (`SourceFile` converts).
public struct Lexer {
    private let source: SourceFile
    private let bytes: [UInt8]
    private let file: Int
    /// Byte offset of the next byte to read.
    private var index = 0
    public private(set) var diagnostics: [Diagnostic] = []

    public init(source: SourceFile, file: Int) {
        self.source = source
        self.bytes = source.bytes
        self.file = file
    }

    public mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            skipTrivia()
            guard index < bytes.count else {
                tokens.append(Token(.endOfInput, range(index, index)))
                return tokens
            }
            if let token = next() { tokens.append(token) }
        }
    }

    /// A range of byte offsets, as scalar offsets.
    private func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: file, start: source.scalarOffset(ofByte: start), end: source.scalarOffset(ofByte: end))
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func skipTrivia() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                index += 1
            } else if byte >= 0x80 {
                let (scalar, length) = scalar(at: index)
                guard scalar.properties.isWhitespace || scalar == "\u{FEFF}" else { return }
                index += length
            } else {
                return
            }
        }
    }

    /// The scalar whose UTF-8 encoding starts at a byte offset, and its length in bytes.
    private func scalar(at offset: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[offset]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = length == 1 ? UInt32(lead) : UInt32(lead) & (0xFF >> (length + 1))
        for next in bytes[(offset + 1)..<(offset + length)] { value = value << 6 | UInt32(next & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    private mutating func next() -> Token? {
        let start = index
        let byte = bytes[index]
        if Self.isDigit(byte) { return number(start) }
        if Self.isIdentifierStart(byte) {
            while let c = peek(), Self.isIdentifierPart(c) { index += 1 }
            return Token(.identifier(text(start, index)), range(start, index))
        }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { return string(start) }
        if let symbol = symbol(byte) {
            index += symbol.utf8.count
            return Token(.symbol(symbol), range(start, index))
        }
        let (scalar, length) = scalar(at: index)
        index += length
        diagnostics.append(Diagnostic("lex.unexpected-character", DiagnosticText("unexpected character '\(scalar)'", "无法识别的字符 '\(scalar)'"), at: range(start, index)))
        return nil
    }

    /// The symbol starting at the current byte, the longer one first, so `..` beats `.` and `??`
    /// beats `?`.
    private func symbol(_ byte: UInt8) -> String? {
        let second = peek(1)
        switch byte {
        case UInt8(ascii: "."): return second == UInt8(ascii: ".") ? ".." : "."
        case UInt8(ascii: "?"): return second == UInt8(ascii: "?") ? "??" : "?"
        case UInt8(ascii: "="): return second == UInt8(ascii: "=") ? "==" : "="
        case UInt8(ascii: "!"): return second == UInt8(ascii: "=") ? "!=" : nil
        case UInt8(ascii: "<"): return second == UInt8(ascii: "=") ? "<=" : "<"
        case UInt8(ascii: ">"): return second == UInt8(ascii: "=") ? ">=" : ">"
        case UInt8(ascii: "("): return "("
        case UInt8(ascii: ")"): return ")"
        case UInt8(ascii: "["): return "["
        case UInt8(ascii: "]"): return "]"
        case UInt8(ascii: "{"): return "{"
        case UInt8(ascii: "}"): return "}"
        case UInt8(ascii: ","): return ","
        case UInt8(ascii: ":"): return ":"
        case UInt8(ascii: ";"): return ";"
        case UInt8(ascii: "+"): return "+"
        case UInt8(ascii: "-"): return "-"
        case UInt8(ascii: "*"): return "*"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "%"): return "%"
        case UInt8(ascii: "^"): return "^"
        case UInt8(ascii: "@"): return "@"
        default: return nil
        }
    }

    private mutating func number(_ start: Int) -> Token {
        if let date = dateLiteral(start) { return date }
        while let c = peek(), Self.isDigit(c) { index += 1 }
        if peek() == UInt8(ascii: "."), let after = peek(1), Self.isDigit(after) {
            index += 1
            while let c = peek(), Self.isDigit(c) { index += 1 }
        }
        let digits = text(start, index)
        var suffix = Token.NumberSuffix.none
        var length = 1
        switch peek() {
        case 0xE4 where peek(1) == 0xB8 && peek(2) == 0x87: suffix = .wan; length = 3  // 万
        case 0xE4 where peek(1) == 0xBA && peek(2) == 0xBF: suffix = .yi; length = 3   // 亿
        case UInt8(ascii: "%") where !operandFollowsPercent(): suffix = .percent
        default: break
        }
        if suffix != .none { index += length }
        return Token(.number(digits, suffix), range(start, index))
    }

    /// `YYYY-MM-DD` written without spaces is a date, not a subtraction.
    private mutating func dateLiteral(_ start: Int) -> Token? {
        guard index + 10 <= bytes.count else { return nil }
        for offset in 0..<10 {
            let c = bytes[index + offset]
            if offset == 4 || offset == 7 ? c != UInt8(ascii: "-") : !Self.isDigit(c) { return nil }
        }
        if let c = peek(10), Self.isIdentifierPart(c) { return nil }
        index += 10
        return Token(.date(text(start, index)), range(start, index))
    }

    /// `10%3` is a remainder; `10%` followed by a space, an operator or the end is a percentage
    /// (and `10 % 3`, with a space before `%`, never reaches here).
    private func operandFollowsPercent() -> Bool {
        guard let c = peek(1) else { return false }
        return Self.isDigit(c) || Self.isIdentifierStart(c) || c == UInt8(ascii: "(")
    }

    /// A string in double quotes, or in single quotes as ZEN also writes them. Runs of bytes with
    /// no quote, escape or line end are copied at once.
    private mutating func string(_ start: Int) -> Token? {
        let quote = bytes[index]
        index += 1
        var value: [UInt8] = []
        while index < bytes.count {
            let runStart = index
            while index < bytes.count, bytes[index] != quote, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\\") { index += 1 }
            value.append(contentsOf: bytes[runStart..<index])
            guard index < bytes.count else { break }
            let c = bytes[index]
            if c == quote {
                index += 1
                return Token(.string(String(decoding: value, as: UTF8.self)), range(start, index))
            }
            if c == UInt8(ascii: "\n") { break }
            // A backslash: it escapes the scalar after it, if there is one.
            guard index + 1 < bytes.count else {
                value.append(c)
                index += 1
                continue
            }
            let escapeStart = index
            let (escaped, length) = scalar(at: index + 1)
            index += 1 + length
            switch escaped {
            case "n": value.append(UInt8(ascii: "\n"))
            case "t": value.append(UInt8(ascii: "\t"))
            case "\"": value.append(UInt8(ascii: "\""))
            case "'": value.append(UInt8(ascii: "'"))
            case "\\": value.append(UInt8(ascii: "\\"))
            default:
                diagnostics.append(Diagnostic("lex.bad-escape", DiagnosticText("unknown escape '\\\(escaped)' in string", "字符串中有未知的转义 '\\\(escaped)'"), at: range(escapeStart, index)))
            }
        }
        diagnostics.append(Diagnostic("lex.unterminated-string", DiagnosticText("string is not closed before the end of the line", "字符串在行尾之前没有结束"), at: range(start, index)))
        return Token(.string(String(decoding: value, as: UTF8.self)), range(start, index))
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "_")
    }

    static func isIdentifierPart(_ c: UInt8) -> Bool { isIdentifierStart(c) || isDigit(c) }
}
