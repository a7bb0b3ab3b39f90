/// A syntax error in JSON text, with the 1-based line and column (counted in Characters) where it was found.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 JSON parser. Numbers are kept as their exact source text, object members keep
/// their source order and key positions, duplicate keys are rejected, and nesting is limited to
/// `maximumDepth` so hostile input can never overflow the stack.
public enum JSONParser {
    /// Containers may nest this deep; one more level is a syntax error.
    public static let maximumDepth = 256

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in
                var parser = Parser(bytes: buffer, validateUTF8: false)
                return try parser.parseDocument()
            }
        }
        return try result.get()
    }

    /// Parses UTF-8 bytes; invalid UTF-8 is a syntax error.
    public static func parse(bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in
                var parser = Parser(bytes: buffer, validateUTF8: true)
                return try parser.parseDocument()
            }
        }
        return try result.get()
    }
}

private enum ASCII {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
}

private struct Parser {
    let b: UnsafeBufferPointer<UInt8>
    let validateUTF8: Bool
    var pos = 0
    var line = 1
    var lineStart = 0
    var depth = 0
    // Column checkpoint for member keys, so columns on long lines are computed incrementally.
    var checkpointLine = 0
    var checkpointOffset = 0
    var checkpointColumn = 1

    init(bytes: UnsafeBufferPointer<UInt8>, validateUTF8: Bool) {
        self.b = bytes
        self.validateUTF8 = validateUTF8
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
            pos = 3
            lineStart = 3
        }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if pos < b.count {
            throw error(at: pos, "expected end of input after the JSON value, found \(describe(at: pos))")
        }
        return value
    }

    // MARK: Positions and messages

    mutating func skipWhitespace() {
        while pos < b.count {
            let c = b[pos]
            if c == ASCII.space || c == ASCII.tab || c == ASCII.carriageReturn {
                pos += 1
            } else if c == ASCII.newline {
                pos += 1
                line += 1
                lineStart = pos
            } else {
                break
            }
        }
    }

    /// Number of Characters in bytes[start..<end] (which lie on one line).
    func characterCount(from start: Int, to end: Int) -> Int {
        var i = start
        while i < end && b[i] < 0x80 { i += 1 }
        if i == end { return end - start }
        // Count the ASCII prefix directly, except its last byte, which may combine with what follows.
        let split = max(start, i - 1)
        return (split - start) + String(decoding: UnsafeBufferPointer(rebasing: b[split..<end]), as: UTF8.self).count
    }

    func column(at offset: Int) -> Int {
        1 + characterCount(from: lineStart, to: min(offset, b.count))
    }

    mutating func memberColumn(at offset: Int) -> Int {
        if checkpointLine != line || checkpointOffset < lineStart || offset < checkpointOffset {
            checkpointLine = line
            checkpointOffset = lineStart
            checkpointColumn = 1
        }
        checkpointColumn += characterCount(from: checkpointOffset, to: offset)
        checkpointOffset = offset
        return checkpointColumn
    }

    func error(at offset: Int, _ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: column(at: offset), message: message)
    }

    func endOfInput(expected: String) -> JSONSyntaxError {
        error(at: b.count, "unexpected end of input, expected \(expected)")
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let s = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - s.count)) + s
    }

    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
            || c == UInt8(ascii: "_") || c == ASCII.dot || c == ASCII.plus || c == ASCII.minus
    }

    /// Describes what is found at `offset`, for "expected …, found …" messages.
    func describe(at offset: Int) -> String {
        guard offset < b.count else { return "end of input" }
        let c = b[offset]
        if (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) {
            var end = offset
            while end < b.count && end - offset < 24 && Parser.isWordByte(b[end]) { end += 1 }
            return "'" + String(decoding: UnsafeBufferPointer(rebasing: b[offset..<end]), as: UTF8.self) + "'"
        }
        if c < 0x20 || c == 0x7F { return "control character U+\(Parser.hex(UInt32(c), digits: 4))" }
        if c < 0x80 { return "'\(Character(Unicode.Scalar(c)))'" }
        if let (scalar, _) = decodeScalar(at: offset) {
            return "'\(Character(scalar))' (U+\(Parser.hex(scalar.value, digits: 4)))"
        }
        return "invalid UTF-8 byte 0x\(Parser.hex(UInt32(c), digits: 2))"
    }

    /// Decodes one well-formed UTF-8 scalar at `offset`; nil if the bytes there are not valid UTF-8.
    func decodeScalar(at offset: Int) -> (Unicode.Scalar, Int)? {
        let c0 = b[offset]
        func cont(_ i: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> UInt32? {
            guard i < b.count, b[i] >= lo, b[i] <= hi else { return nil }
            return UInt32(b[i] & 0x3F)
        }
        var value: UInt32
        var length: Int
        switch c0 {
        case 0x00...0x7F:
            return (Unicode.Scalar(c0), 1)
        case 0xC2...0xDF:
            guard let c1 = cont(offset + 1) else { return nil }
            value = (UInt32(c0 & 0x1F) << 6) | c1
            length = 2
        case 0xE0...0xEF:
            let lo: UInt8 = c0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = c0 == 0xED ? 0x9F : 0xBF
            guard let c1 = cont(offset + 1, lo, hi), let c2 = cont(offset + 2) else { return nil }
            value = (UInt32(c0 & 0x0F) << 12) | (c1 << 6) | c2
            length = 3
        case 0xF0...0xF4:
            let lo: UInt8 = c0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = c0 == 0xF4 ? 0x8F : 0xBF
            guard let c1 = cont(offset + 1, lo, hi), let c2 = cont(offset + 2), let c3 = cont(offset + 3) else {
                return nil
            }
            value = (UInt32(c0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
            length = 4
        default:
            return nil
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// Length of the valid UTF-8 sequence starting at `offset` (a non-ASCII byte inside a string).
    func utf8SequenceLength(at offset: Int) throws(JSONSyntaxError) -> Int {
        guard let (_, length) = decodeScalar(at: offset) else {
            throw error(at: offset, "invalid UTF-8 byte 0x\(Parser.hex(UInt32(b[offset]), digits: 2)) in string")
        }
        return length
    }

    // MARK: Values

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard pos < b.count else { throw endOfInput(expected: "a JSON value") }
        switch b[pos] {
        case ASCII.openBrace:
            return try parseObject()
        case ASCII.openBracket:
            return try parseArray()
        case ASCII.quote:
            return .string(try parseString())
        case ASCII.minus, ASCII.zero...ASCII.nine:
            return .number(try parseNumber())
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return .null
        default:
            throw error(at: pos, "expected a JSON value, found \(describe(at: pos))")
        }
    }

    mutating func parseLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected -> Bool in
            guard pos + count <= b.count else { return false }
            for i in 0..<count where b[pos + i] != expected[i] { return false }
            return true
        }
        guard matches else {
            if pos + count > b.count && literal.withUTF8Buffer({ expected in
                (pos..<b.count).allSatisfy { b[$0] == expected[$0 - pos] }
            }) {
                throw endOfInput(expected: "'\(literal)'")
            }
            throw error(at: pos, "expected a JSON value, found \(describe(at: pos))")
        }
        pos += count
    }

    mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw error(at: pos, "nesting deeper than \(JSONParser.maximumDepth) levels")
        }
    }

    mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        pos += 1
        skipWhitespace()
        var members: [JSONMember] = []
        var keys: Set<String>? = nil
        if pos < b.count && b[pos] == ASCII.closeBrace {
            pos += 1
            depth -= 1
            return .object(members)
        }
        while true {
            let expectedKey = members.isEmpty ? "a string key or '}'" : "a string key after ','"
            guard pos < b.count else { throw endOfInput(expected: expectedKey) }
            guard b[pos] == ASCII.quote else {
                throw error(at: pos, "expected \(expectedKey), found \(describe(at: pos))")
            }
            let keyOffset = pos
            let keyLine = line
            let keyColumn = memberColumn(at: pos)
            let key = try parseString()
            // Duplicate check: linear for small objects, a set beyond that.
            var duplicate = false
            if keys == nil && members.count < 12 {
                for m in members where m.key == key { duplicate = true; break }
            } else {
                if keys == nil { keys = Set(members.map(\.key)) }
                duplicate = !keys!.insert(key).inserted
            }
            if duplicate {
                throw error(at: keyOffset, "duplicate key \(JSONWriter.quoted(key))")
            }
            skipWhitespace()
            guard pos < b.count else { throw endOfInput(expected: "':' after object key") }
            guard b[pos] == ASCII.colon else {
                throw error(at: pos, "expected ':' after object key, found \(describe(at: pos))")
            }
            pos += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key: key, value: value, line: keyLine, column: keyColumn))
            skipWhitespace()
            guard pos < b.count else { throw endOfInput(expected: "',' or '}' after object member") }
            let c = b[pos]
            if c == ASCII.comma {
                pos += 1
                skipWhitespace()
                continue
            }
            if c == ASCII.closeBrace {
                pos += 1
                break
            }
            throw error(at: pos, "expected ',' or '}' after object member, found \(describe(at: pos))")
        }
        depth -= 1
        return .object(members)
    }

    mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        pos += 1
        skipWhitespace()
        var elements: [JSONValue] = []
        if pos < b.count && b[pos] == ASCII.closeBracket {
            pos += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            if pos < b.count && b[pos] == ASCII.closeBracket && !elements.isEmpty {
                throw error(at: pos, "expected a JSON value after ',', found ']'")
            }
            elements.append(try parseValue())
            skipWhitespace()
            guard pos < b.count else { throw endOfInput(expected: "',' or ']' after array element") }
            let c = b[pos]
            if c == ASCII.comma {
                pos += 1
                skipWhitespace()
                continue
            }
            if c == ASCII.closeBracket {
                pos += 1
                break
            }
            throw error(at: pos, "expected ',' or ']' after array element, found \(describe(at: pos))")
        }
        depth -= 1
        return .array(elements)
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= ASCII.zero && c <= ASCII.nine }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = pos
        if b[pos] == ASCII.minus { pos += 1 }
        guard pos < b.count else { throw endOfInput(expected: "a digit after '-'") }
        if b[pos] == ASCII.zero {
            pos += 1
            if pos < b.count && Parser.isDigit(b[pos]) {
                var end = pos
                while end < b.count && Parser.isDigit(b[end]) { end += 1 }
                let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
                throw error(at: start, "leading zeros are not allowed in numbers, found '\(text)'")
            }
        } else if Parser.isDigit(b[pos]) {
            while pos < b.count && Parser.isDigit(b[pos]) { pos += 1 }
        } else {
            throw error(at: pos, "expected a digit after '-', found \(describe(at: pos))")
        }
        if pos < b.count && b[pos] == ASCII.dot {
            pos += 1
            guard pos < b.count else { throw endOfInput(expected: "a digit after '.' in number") }
            guard Parser.isDigit(b[pos]) else {
                throw error(at: pos, "expected a digit after '.' in number, found \(describe(at: pos))")
            }
            while pos < b.count && Parser.isDigit(b[pos]) { pos += 1 }
        }
        if pos < b.count && (b[pos] == UInt8(ascii: "e") || b[pos] == UInt8(ascii: "E")) {
            pos += 1
            if pos < b.count && (b[pos] == ASCII.plus || b[pos] == ASCII.minus) { pos += 1 }
            guard pos < b.count else { throw endOfInput(expected: "a digit in exponent") }
            guard Parser.isDigit(b[pos]) else {
                throw error(at: pos, "expected a digit in exponent, found \(describe(at: pos))")
            }
            while pos < b.count && Parser.isDigit(b[pos]) { pos += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: b[start..<pos]), as: UTF8.self)
    }

    /// Parses a string starting at the opening quote at `pos`.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        pos += 1
        let contentStart = pos
        var i = pos
        // Fast path: no escapes.
        while i < b.count {
            let c = b[i]
            if c == ASCII.quote {
                pos = i + 1
                return String(decoding: UnsafeBufferPointer(rebasing: b[contentStart..<i]), as: UTF8.self)
            }
            if c == ASCII.backslash || c < 0x20 { break }
            if c >= 0x80 && validateUTF8 {
                i += try utf8SequenceLength(at: i)
            } else {
                i += 1
            }
        }
        var buffer = [UInt8](UnsafeBufferPointer(rebasing: b[contentStart..<i]))
        buffer.reserveCapacity(buffer.count + 32)
        pos = i
        while pos < b.count {
            let c = b[pos]
            if c == ASCII.quote {
                pos += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if c == ASCII.backslash {
                try parseEscape(into: &buffer)
            } else if c < 0x20 {
                throw error(at: pos, "expected '\"' or more string content, found unescaped control character U+\(Parser.hex(UInt32(c), digits: 4)) in string")
            } else if c >= 0x80 && validateUTF8 {
                let n = try utf8SequenceLength(at: pos)
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: b[pos..<(pos + n)]))
                pos += n
            } else {
                buffer.append(c)
                pos += 1
            }
        }
        throw endOfInput(expected: "'\"' to close the string")
    }

    mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        let escapeStart = pos
        pos += 1
        guard pos < b.count else { throw endOfInput(expected: "an escape character after '\\'") }
        let c = b[pos]
        pos += 1
        switch c {
        case ASCII.quote: buffer.append(ASCII.quote)
        case ASCII.backslash: buffer.append(ASCII.backslash)
        case ASCII.slash: buffer.append(ASCII.slash)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try parseHex4()
            var scalarValue = unit
            if unit >= 0xD800 && unit <= 0xDBFF {
                // Must be followed by an escaped low surrogate.
                guard pos + 1 < b.count, b[pos] == ASCII.backslash, b[pos + 1] == UInt8(ascii: "u") else {
                    throw error(at: escapeStart, "unpaired surrogate '\\u\(Parser.hex(unit, digits: 4))' in string (expected a following low surrogate '\\uDC00'...'\\uDFFF')")
                }
                pos += 2
                let low = try parseHex4()
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw error(at: escapeStart, "unpaired surrogate '\\u\(Parser.hex(unit, digits: 4))' in string (expected a following low surrogate '\\uDC00'...'\\uDFFF', found '\\u\(Parser.hex(low, digits: 4))')")
                }
                scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw error(at: escapeStart, "unpaired surrogate '\\u\(Parser.hex(unit, digits: 4))' in string (a low surrogate must follow a high surrogate)")
            }
            let scalar = Unicode.Scalar(scalarValue)!
            buffer.append(contentsOf: UTF8.encode(scalar)!)
        default:
            pos = escapeStart
            let found = c < 0x20 || c >= 0x7F ? describe(at: escapeStart + 1) : "'\\\(Character(Unicode.Scalar(c)))'"
            throw error(at: escapeStart, "invalid escape in string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, found \(found)")
        }
    }

    mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard pos < b.count else { throw endOfInput(expected: "4 hex digits after '\\u'") }
            let c = b[pos]
            let digit: UInt32
            switch c {
            case ASCII.zero...ASCII.nine: digit = UInt32(c - ASCII.zero)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default:
                throw error(at: pos, "expected 4 hex digits after '\\u', found \(describe(at: pos))")
            }
            value = value << 4 | digit
            pos += 1
        }
        return value
    }
}
