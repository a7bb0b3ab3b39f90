/// Writes `JSONValue`s as text. Numbers are always written as their stored source text.
public enum JSONWriter {
    /// Deterministic form for hashing: object keys sorted by their UTF-8 bytes, no insignificant
    /// whitespace, minimal string escaping (raw UTF-8 for everything but `"`, `\` and control characters).
    public static func canonical(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        writeCanonical(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Indented form in source order: `"key": value`, `[]`/`{}` when empty, no trailing newline.
    public static func pretty(_ value: JSONValue, indent: Int = 2) -> String {
        var out: [UInt8] = []
        writePretty(value, indent: max(0, indent), level: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Source order, no whitespace.
    public static func compact(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        writeCompact(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The JSON string literal for `string`, with quotes and minimal escaping.
    public static func quoted(_ string: String) -> String {
        var out: [UInt8] = []
        appendQuoted(string, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Implementation

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendQuoted(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: copy their bytes at once (records are mostly strings, and
        // writing them canonically is most of what hashing and replaying a record costs).
        let copied: Bool? = string.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for c in string.utf8 {
            switch c {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
            case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0x00..<0x20:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hexDigits[Int(c >> 4)], hexDigits[Int(c & 0x0F)]])
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendScalar(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let s): appendQuoted(s, into: &out)
        case .array, .object: break
        }
    }

    /// Orders keys by UTF-8 bytes; equal keys (only possible in values built in code) are ordered
    /// by the canonical text of their values so the output stays deterministic.
    private static func canonicalOrder(_ members: [JSONMember]) -> [JSONMember] {
        members.sorted { a, b in
            if a.key.utf8.elementsEqual(b.key.utf8) {
                return canonical(a.value).utf8.lexicographicallyPrecedes(canonical(b.value).utf8)
            }
            return a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
        }
    }

    private static func writeCanonical(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, e) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeCanonical(e, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, m) in canonicalOrder(members).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendQuoted(m.key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeCanonical(m.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            appendScalar(value, into: &out)
        }
    }

    private static func writeCompact(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, e) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeCompact(e, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendQuoted(m.key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeCompact(m.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            appendScalar(value, into: &out)
        }
    }

    private static func newline(level: Int, indent: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * indent))
    }

    private static func writePretty(_ value: JSONValue, indent: Int, level: Int, into out: inout [UInt8]) {
        switch value {
        case .array(let elements):
            if elements.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, e) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level: level + 1, indent: indent, into: &out)
                writePretty(e, indent: indent, level: level + 1, into: &out)
            }
            newline(level: level, indent: indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level: level + 1, indent: indent, into: &out)
                appendQuoted(m.key, into: &out)
                out.append(contentsOf: ": ".utf8)
                writePretty(m.value, indent: indent, level: level + 1, into: &out)
            }
            newline(level: level, indent: indent, into: &out)
            out.append(UInt8(ascii: "}"))
        default:
            appendScalar(value, into: &out)
        }
    }
}
