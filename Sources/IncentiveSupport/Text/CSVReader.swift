/// One CSV record: its row number (the header is row 1, as in a spreadsheet), its fields, and
/// what is wrong with it when it is malformed (the fields are then what could be read).
public struct CSVRecord: Sendable {
    public let row: Int
    public var fields: [String]
    public var problem: String?

    public init(row: Int, fields: [String], problem: String?) {
        self.row = row
        self.fields = fields
        self.problem = problem
    }
}

/// A streaming RFC 4180 reader: fields separated by commas, records by CRLF or LF, fields in
/// double quotes may hold commas, line breaks and doubled quotes. It parses bytes, not text: in
/// UTF-8 and GB18030 alike the bytes `,` `"` CR and LF never occur inside a multi-byte character,
/// so each field is decoded alone once its bytes are known. One chunk of the file is held at a time.
public final class CSVReader {
    private let source: ByteChunkReader
    private var chunk: [UInt8] = []
    private var position = 0
    private var finished = false
    private var row = 0
    public private(set) var encoding: TextEncoding = .utf8
    private var encodingDecided = false

    public convenience init(path: String) throws {
        self.init(source: try ByteChunkReader(path: path))
    }

    public convenience init(bytes: [UInt8]) {
        self.init(source: ByteChunkReader(bytes: bytes))
    }

    public init(source: ByteChunkReader) {
        self.source = source
        if let first = source.next() {
            chunk = first
            let sniffed = TextEncoding.sniff(first.prefix(1 << 16))
            encoding = sniffed.encoding
            encodingDecided = sniffed.decided
            if sniffed.bom { position = 3 }
        } else {
            finished = true
        }
    }

    @inline(__always) private func byte() -> UInt8? {
        if position == chunk.count {
            guard !finished, let next = source.next() else { finished = true; return nil }
            chunk = next
            position = 0
        }
        let value = chunk[position]
        position += 1
        return value
    }

    @inline(__always) private func peek() -> UInt8? {
        if position == chunk.count {
            guard !finished, let next = source.next() else { finished = true; return nil }
            chunk = next
            position = 0
        }
        return chunk[position]
    }

    /// The next record, or nil at the end of the input. Blank lines are skipped.
    public func next() -> CSVRecord? {
        while true {
            guard let first = peek() else { return nil }
            if first == 0x0A || first == 0x0D {
                _ = byte()
                if first == 0x0D, peek() == 0x0A { _ = byte() }
                row += 1
                continue
            }
            return record()
        }
    }

    private func record() -> CSVRecord {
        row += 1
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        field.reserveCapacity(32)
        var problem: String?
        var quoted = false, inQuotes = false, afterQuote = false
        loop: while true {
            guard let b = byte() else {
                if inQuotes { problem = "a quoted field is not closed before the end of the file" }
                fields.append(field)
                break
            }
            if inQuotes {
                if b == 0x22 {
                    if peek() == 0x22 { _ = byte(); field.append(0x22) } else { inQuotes = false; afterQuote = true }
                } else {
                    field.append(b)
                }
                continue
            }
            switch b {
            case 0x2C:
                fields.append(field)
                field.removeAll(keepingCapacity: true)
                quoted = false; afterQuote = false
            case 0x0A:
                fields.append(field)
                break loop
            case 0x0D:
                if peek() == 0x0A { _ = byte() }
                fields.append(field)
                break loop
            case 0x22:
                if field.isEmpty && !quoted {
                    quoted = true; inQuotes = true
                } else {
                    problem = problem ?? "a double quote inside a field that does not start with one (write \"\" inside a quoted field)"
                    field.append(b)
                }
            default:
                if afterQuote {
                    problem = problem ?? "text after the closing quote of a field"
                }
                field.append(b)
            }
        }
        var decoded: [String] = []
        decoded.reserveCapacity(fields.count)
        for (index, bytes) in fields.enumerated() {
            if let text = decode(bytes[...]) {
                decoded.append(text)
            } else {
                problem = problem ?? "field \(index + 1) is not valid \(encoding.rawValue) text"
                decoded.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        return CSVRecord(row: row, fields: decoded, problem: problem)
    }

    /// Decodes a field; while the file has been all ASCII, the first non-ASCII field decides
    /// between UTF-8 and GB18030.
    private func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        if !encodingDecided, bytes.contains(where: { $0 >= 0x80 }) {
            encodingDecided = true
            if TextEncoding.utf8.decode(bytes) == nil, TextEncoding.gb18030.decode(bytes) != nil { encoding = .gb18030 }
        }
        return encoding.decode(bytes)
    }
}

/// Lines of a text file (JSON Lines), streamed: LF or CRLF, a UTF-8 BOM skipped, with line numbers.
public final class LineReader {
    private let source: ByteChunkReader
    private var chunk: [UInt8] = []
    private var position = 0
    private var line = 0
    private var finished = false

    public convenience init(path: String) throws { self.init(source: try ByteChunkReader(path: path)) }
    public convenience init(bytes: [UInt8]) { self.init(source: ByteChunkReader(bytes: bytes)) }

    public init(source: ByteChunkReader) {
        self.source = source
        if let first = source.next() {
            chunk = first
            if first.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        } else {
            finished = true
        }
    }

    /// The next line (without its terminator) and its number, or nil at the end.
    public func next() -> (line: Int, text: String)? {
        var bytes: [UInt8] = []
        var sawAny = false
        while true {
            if position == chunk.count {
                guard !finished, let next = source.next() else {
                    finished = true
                    if !sawAny { return nil }
                    break
                }
                chunk = next
                position = 0
            }
            sawAny = true
            if let newline = chunk[position...].firstIndex(of: 0x0A) {
                bytes += chunk[position..<newline]
                position = newline + 1
                break
            }
            bytes += chunk[position...]
            position = chunk.count
        }
        line += 1
        if bytes.last == 0x0D { bytes.removeLast() }
        return (line, String(decoding: bytes, as: UTF8.self))
    }
}
