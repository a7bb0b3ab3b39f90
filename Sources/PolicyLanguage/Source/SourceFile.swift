#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One policy source: its name as shown in diagnostics and its text, with line starts indexed so
/// that an offset turns into `line:column` without rescanning.
///
/// Offsets in `SourceRange` count Unicode scalars (columns in diagnostics are scalars), but the
/// lexer and `slice` work on UTF-8 bytes: building a `String` from bytes is a copy, from scalars
/// an encoding per scalar. Two tables convert between them; an ASCII-only file needs neither.
public struct SourceFile: Sendable {
    public let name: String
    public let text: String
    /// The text's UTF-8 bytes, what the lexer reads.
    let bytes: [UInt8]
    /// Byte offset of each scalar offset (one entry per scalar, then the end); empty when every
    /// scalar is one byte.
    private let byteOfScalar: [Int32]
    /// Scalar offset of each byte offset (one entry per byte, then the end); empty when every
    /// scalar is one byte. A continuation byte gets the offset of the scalar it belongs to.
    private let scalarOfByte: [Int32]
    /// Scalar offsets where lines begin.
    private let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        // Line endings are normalized so CRLF files give the same columns, digests and ranges.
        let bytes = Self.withoutCarriageReturnsBeforeLineFeeds(Array(text.utf8))
        self.bytes = bytes
        self.text = bytes.count == text.utf8.count ? text : String(decoding: bytes, as: UTF8.self)
        var starts = [0]
        var byteOfScalar: [Int32] = []
        var scalarOfByte: [Int32] = []
        if Self.containsNonASCII(bytes) {
            // Filled through pointers: appending element by element cost more than lexing.
            var scalars = 0
            scalarOfByte = Array(unsafeUninitializedCapacity: bytes.count + 1) { table, count in
                var scalar: Int32 = -1
                for (offset, byte) in bytes.enumerated() {
                    if byte & 0xC0 != 0x80 { scalar += 1 }
                    table[offset] = scalar
                }
                table[bytes.count] = scalar + 1
                scalars = Int(scalar + 1)
                count = bytes.count + 1
            }
            byteOfScalar = Array(unsafeUninitializedCapacity: scalars + 1) { table, count in
                var scalar = 0
                for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
                    table[scalar] = Int32(offset)
                    scalar += 1
                    if byte == UInt8(ascii: "\n") { starts.append(scalar) }
                }
                table[scalars] = Int32(bytes.count)
                count = scalars + 1
            }
        } else {
            for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        }
        self.byteOfScalar = byteOfScalar
        self.scalarOfByte = scalarOfByte
        self.lineStarts = starts
    }

    /// `text.replacingOccurrences(of: "\r\n", with: "\n")`, on bytes: a CR is dropped when an LF
    /// follows it; a lone CR stays.
    private static func withoutCarriageReturnsBeforeLineFeeds(_ bytes: [UInt8]) -> [UInt8] {
        // `memchr` finds there is no CR (the usual file) many bytes at a time.
        let first: Int? = bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let found = memchr(base, 0x0D, raw.count) else { return nil }
            return UnsafeRawPointer(found) - base
        }
        guard let first else { return bytes }
        var out = Array(bytes[..<first])
        out.reserveCapacity(bytes.count)
        var index = first
        while index < bytes.count {
            let byte = bytes[index]
            if byte != UInt8(ascii: "\r") || index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n") { out.append(byte) }
            index += 1
        }
        return out
    }

    /// Whether a byte is outside ASCII, eight bytes at a time (an ASCII file needs no offset tables).
    private static func containsNonASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                if raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return true }
                offset += 8
            }
            return raw[offset...].contains { $0 >= 0x80 }
        }
    }

    /// The number of scalars in the text.
    var scalarCount: Int { byteOfScalar.isEmpty ? bytes.count : byteOfScalar.count - 1 }

    /// The byte offset where a scalar offset (0...scalarCount) begins.
    func byteOffset(ofScalar offset: Int) -> Int { byteOfScalar.isEmpty ? offset : Int(byteOfScalar[offset]) }

    /// The scalar offset of a byte offset (0...bytes.count) that starts a scalar.
    func scalarOffset(ofByte offset: Int) -> Int { scalarOfByte.isEmpty ? offset : Int(scalarOfByte[offset]) }

    /// 1-based line and column (in characters) of a scalar offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// The text of a 1-based line, without its newline.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let start = byteOffset(ofScalar: lineStarts[number - 1])
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The source text of a range.
    public func slice(_ range: SourceRange) -> String {
        let count = scalarCount
        let start = min(max(0, range.start), count)
        let end = min(count, range.end)
        guard start < end else { return "" }
        return String(decoding: bytes[byteOffset(ofScalar: start)..<byteOffset(ofScalar: end)], as: UTF8.self)
    }
}
