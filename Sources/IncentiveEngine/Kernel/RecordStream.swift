import IncentiveSupport

/// A CSV file cut into records and runs of records (an enterprise's rows, by the bytes of the
/// credit-code cell), a chunk at a time, counting rows as `CSVReader` does (the header is row 1;
/// blank lines count).
struct RecordStream {
    struct Record: Sendable {
        let row: Int
        /// The buffer the record's bytes are in (the piece of the file it was cut from, shared by
        /// the records of that piece: a copy and an allocation per record cost more than reading
        /// its cells), and where: without the line break when simple (no quotes), with it otherwise.
        let storage: [UInt8]
        let range: Range<Int>
        let simple: Bool
        /// Where the bytes start in the file.
        var offset = 0

        /// A record of bytes of its own.
        init(row: Int, bytes: [UInt8], simple: Bool, offset: Int = 0) {
            self.init(row: row, storage: bytes, range: 0..<bytes.count, simple: simple, offset: offset)
        }

        init(row: Int, storage: [UInt8], range: Range<Int>, simple: Bool, offset: Int) {
            self.row = row
            self.storage = storage
            self.range = range
            self.simple = simple
            self.offset = offset
        }

        /// The record's bytes, counted from 0.
        func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
            try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
        }

        var isUTF8: Bool { withBytes { UTF8Validation.isValid($0) } }

        /// The fields' byte ranges of a simple record (cells between commas, counted from the
        /// record's first byte), written to `fields`: how many; nil for a record that is not
        /// simple or has more fields than `fields` holds.
        func cutFields(into fields: UnsafeMutableBufferPointer<Range<Int>>) -> Int? {
            guard simple else { return nil }
            return withBytes { CSVRecordScanner.fields(of: $0, into: fields) }
        }

        /// The record as `CSVReader` gives it, or nil when it is not valid UTF-8.
        func csv() -> CSVRecord? {
            guard isUTF8 else { return nil }
            let bytes = Array(storage[range])
            if simple {
                var fields: [Range<Int>] = []
                withBytes { CSVRecordScanner.fields(of: $0, into: &fields) }
                return CSVRecord(row: row, fields: fields.map { String(decoding: bytes[$0], as: UTF8.self) }, problem: nil)
            }
            guard let parsed = CSVReader(bytes: bytes).next() else { return CSVRecord(row: row, fields: [""], problem: nil) }
            return CSVRecord(row: row, fields: parsed.fields, problem: parsed.problem)
        }
    }

    struct Run: Sendable {
        let key: UInt64
        /// A run's records: of a block's one array (`nextRuns`), not an array per enterprise to
        /// allocate and free.
        let records: ArraySlice<Record>

        init(key: UInt64, records: ArraySlice<Record>) {
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
    /// The first record of the next block's first run, met at the end of the last block.
    private var held: (record: Record, key: UInt64)?
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
        // The block's records in one array, and where each run starts in it.
        var records: [Record] = [], starts: [(key: UInt64, start: Int)] = []
        records.reserveCapacity(4 * count)
        starts.reserveCapacity(count)
        if let held {
            starts.append((held.key, 0))
            records.append(held.record)
            self.held = nil
        }
        while let (record, key) = nextRecord(codeColumn: codeColumn) {
            if starts.last?.key != key {
                if starts.count == count {
                    held = (record, key)
                    break
                }
                starts.append((key, records.count))
            }
            records.append(record)
        }
        guard !starts.isEmpty else { return nil }
        return starts.indices.map { index in
            let end = index + 1 < starts.count ? starts[index + 1].start : records.count
            return Run(key: starts[index].key, records: records[starts[index].start..<end])
        }
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
                let record = Record(row: row, storage: buffer, range: start..<(simple ? end : next), simple: simple, offset: bufferStart + start)
                guard let codeColumn else { return (record, 0) }
                let code: ArraySlice<UInt8>
                if simple {
                    code = buffer[record.withBytes { Self.field(codeColumn, of: $0) }.shifted(by: start)]
                } else {
                    let parsed = CSVReader(bytes: Array(buffer[record.range])).next()?.fields ?? []
                    code = codeColumn < parsed.count ? ArraySlice(parsed[codeColumn].utf8) : []
                }
                return (record, Self.hash(Self.trimmed(code)))
            case .incomplete:
                guard !finished else { return nil }
                guard let joined = source.next(after: buffer[position...]) else { finished = true; continue }
                bufferStart += position
                buffer = joined
                position = 0
            }
        }
    }

    /// Where field `column` of a simple record is (empty when it has fewer fields).
    private static func field(_ column: Int, of bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0, current = 0
        for index in bytes.indices where bytes[index] == 0x2C {
            if current == column { return start..<index }
            current += 1
            start = index + 1
        }
        return current == column ? start..<bytes.count : 0..<0
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

extension Range<Int> {
    /// The same range `offset` further on (a field's place in a record as its place in the piece
    /// of the file the record was cut from).
    func shifted(by offset: Int) -> Range<Int> { lowerBound + offset ..< upperBound + offset }
}
