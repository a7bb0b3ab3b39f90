import IncentiveSupport

/// A CSV file cut into records and runs of records (an enterprise's rows, by the bytes of the
/// credit-code cell), a chunk at a time, counting rows as `CSVReader` does (the header is row 1;
/// blank lines count).
struct RecordStream {
    struct Record: Sendable {
        let row: Int
        /// The record's bytes: without its line break when simple (no quotes), with it otherwise.
        let bytes: [UInt8]
        let simple: Bool
        /// Where `bytes` start in the file.
        var offset = 0

        var isASCII: Bool { !bytes.contains { $0 >= 0x80 } }

        /// The fields' byte ranges of a simple record (cells between commas); nil otherwise.
        var fields: [Range<Int>]? { simple ? RecordStream.fields(bytes) : nil }

        /// The record as `CSVReader` gives it, or nil when it is not valid UTF-8.
        func csv() -> CSVRecord? {
            guard isASCII || String(validating: bytes, as: UTF8.self) != nil else { return nil }
            if let fields {
                return CSVRecord(row: row, fields: fields.map { String(decoding: bytes[$0], as: UTF8.self) }, problem: nil)
            }
            guard let parsed = CSVReader(bytes: bytes).next() else { return CSVRecord(row: row, fields: [""], problem: nil) }
            return CSVRecord(row: row, fields: parsed.fields, problem: parsed.problem)
        }
    }

    struct Run: Sendable {
        let key: UInt64
        var records: [Record]

        /// A run starting with `record`, with room for the three or four rows an enterprise has.
        init(key: UInt64, first record: Record) {
            self.key = key
            records = []
            records.reserveCapacity(4)
            records.append(record)
        }

        init(key: UInt64, records: [Record]) {
            self.key = key
            self.records = records
        }
    }

    private let source: ByteChunkReader
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private var row = 0
    /// Where `buffer` starts in the file.
    private var bufferStart = 0
    private var held: Run?
    /// False when the file starts as another encoding than UTF-8 (the general path reads it).
    private(set) var isUTF8 = true

    init(source: ByteChunkReader) {
        self.source = source
        if let first = source.next() {
            buffer = first
            let sniffed = TextEncoding.sniff(first.prefix(1 << 16))
            isUTF8 = sniffed.encoding == .utf8
            if sniffed.bom { position = 3 }
        } else {
            finished = true
        }
    }

    /// The first record, as the header.
    mutating func headerRecord() -> CSVRecord? {
        nextRecord(codeColumn: nil)?.record.csv()
    }

    /// Up to `count` complete runs; nil at the end of the file.
    mutating func nextRuns(codeColumn: Int, count: Int) -> [Run]? {
        var runs: [Run] = []
        runs.reserveCapacity(count)
        if let held { runs.append(held); self.held = nil }
        while let (record, key) = nextRecord(codeColumn: codeColumn) {
            if let last = runs.last, last.key == key {
                runs[runs.count - 1].records.append(record)
            } else if runs.count == count {
                held = Run(key: key, first: record)
                return runs
            } else {
                runs.append(Run(key: key, first: record))
            }
        }
        return runs.isEmpty ? nil : runs
    }

    private mutating func nextRecord(codeColumn: Int?) -> (record: Record, key: UInt64)? {
        while true {
            let found = buffer.withUnsafeBufferPointer { CSVRecordScanner.next(in: $0, from: position, final: finished) }
            switch found {
            case .blank(let next):
                row += 1
                position = next
            case .record(let start, let end, let next, let simple):
                row += 1
                position = next
                let bytes = Array(buffer[start..<(simple ? end : next)])
                let record = Record(row: row, bytes: bytes, simple: simple, offset: bufferStart + start)
                guard let codeColumn else { return (record, 0) }
                let code: ArraySlice<UInt8>
                if simple {
                    code = Self.field(codeColumn, of: bytes)
                } else {
                    let parsed = CSVReader(bytes: bytes).next()?.fields ?? []
                    code = codeColumn < parsed.count ? ArraySlice(parsed[codeColumn].utf8) : []
                }
                return (record, Self.hash(Self.trimmed(code)))
            case .incomplete:
                guard !finished else { return nil }
                guard let chunk = source.next() else { finished = true; continue }
                bufferStart += position
                buffer = Array(buffer[position...]) + chunk
                position = 0
            }
        }
    }

    /// The bytes of field `column` of a simple record (empty when it has fewer fields).
    private static func field(_ column: Int, of bytes: [UInt8]) -> ArraySlice<UInt8> {
        var start = 0, current = 0
        for (index, byte) in bytes.enumerated() where byte == 0x2C {
            if current == column { return bytes[start..<index] }
            current += 1
            start = index + 1
        }
        return current == column ? bytes[start...] : []
    }

    static func fields(_ bytes: [UInt8]) -> [Range<Int>] {
        var fields: [Range<Int>] = []
        fields.reserveCapacity(32)
        bytes.withUnsafeBufferPointer { CSVRecordScanner.fields(of: $0, into: &fields) }
        return fields
    }

    /// The credit-code cell as `ProfileRowReader` reads it (`trimmingWhitespace`), so that "CODE"
    /// and "CODE " are one enterprise's rows here as there.
    private static func trimmed(_ code: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = code.first, let last = code.last, !(first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F) else { return code }
        return ArraySlice(String(decoding: code, as: UTF8.self).trimmingWhitespace().utf8)
    }

    /// FNV-1a: a collision only sends the file down the general path.
    private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
