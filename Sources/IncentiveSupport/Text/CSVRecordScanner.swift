/// Finds where CSV records end in a buffer of bytes, as `CSVReader` would split them, without
/// building fields: the batch's fast path cuts a chunk into records on one thread and parses the
/// records on every core. A record with no quote and no CR but the one before its LF is `simple`:
/// its fields are the bytes between commas. Others are handed to `CSVReader` whole.
public enum CSVRecordScanner {
    public enum Found: Equatable {
        /// A blank line (`CSVReader` skips it but counts its row).
        case blank(next: Int)
        /// A record's bytes `start..<end` (without its line break), and where the next one starts.
        case record(start: Int, end: Int, next: Int, simple: Bool)
        /// The record is not complete in the buffer (more bytes are needed, unless at the end).
        case incomplete
    }

    /// The record starting at `start`; at the end of the input (`final`), an unterminated record
    /// is complete.
    public static func next(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool) -> Found {
        let count = buffer.count
        guard start < count else { return .incomplete }
        let first = buffer[start]
        if first == 0x0A { return .blank(next: start + 1) }
        if first == 0x0D {
            if start + 1 < count { return .blank(next: buffer[start + 1] == 0x0A ? start + 2 : start + 1) }
            return final ? .blank(next: start + 1) : .incomplete
        }
        var index = start
        // Eight bytes at a time to the first LF, CR or quote. A word with no byte below 0x23 (most:
        // digits, commas, letters and UTF-8 are all above) has none of the three, and that is one
        // test instead of three.
        while index + 8 <= count {
            let word = Self.word(buffer, index)
            if !Self.hasByte(in: word, below: 0x23) { index += 8; continue }
            let special = Self.bytes(of: word, equalTo: 0x0A) | Self.bytes(of: word, equalTo: 0x0D) | Self.bytes(of: word, equalTo: 0x22)
            if special != 0 { index += special.trailingZeroBitCount >> 3; break }
            index += 8
        }
        while index < count {
            let byte = buffer[index]
            if byte == 0x0A { return .record(start: start, end: index, next: index + 1, simple: true) }
            if byte == 0x0D, index + 1 < count, buffer[index + 1] == 0x0A { return .record(start: start, end: index, next: index + 2, simple: true) }
            if byte == 0x22 || byte == 0x0D { return quoted(in: buffer, from: start, final: final) }
            index += 1
        }
        return final ? .record(start: start, end: count, next: count, simple: true) : .incomplete
    }

    /// The fields of a simple record (its bytes between commas), as ranges of `record`.
    public static func fields(of record: UnsafeBufferPointer<UInt8>, into fields: inout [Range<Int>]) {
        // As many as it has commas, and one more.
        var commas = 0
        for byte in record where byte == 0x2C { commas += 1 }
        let found = [Range<Int>](unsafeUninitializedCapacity: commas + 1) { buffer, initialized in
            initialized = Self.fields(of: record, into: buffer)!
        }
        fields += found
    }

    /// The fields of a simple record written to `fields`: how many, or nil when there are more
    /// than `fields` holds (and only that many were written). Written through a pointer: an
    /// array's append, a comma at a time, checked its uniqueness and capacity each time.
    public static func fields(of record: UnsafeBufferPointer<UInt8>, into fields: UnsafeMutableBufferPointer<Range<Int>>) -> Int? {
        let count = record.count, capacity = fields.count
        var start = 0, index = 0, found = 0
        while index + 8 <= count {
            var commas = bytes(of: word(record, index), equalTo: 0x2C)
            while commas != 0 {
                let comma = index + commas.trailingZeroBitCount >> 3
                guard found < capacity else { return nil }
                fields[found] = start..<comma
                found += 1
                start = comma + 1
                commas &= commas &- 1
            }
            index += 8
        }
        while index < count {
            if record[index] == 0x2C {
                guard found < capacity else { return nil }
                fields[found] = start..<index
                found += 1
                start = index + 1
            }
            index += 1
        }
        guard found < capacity else { return nil }
        fields[found] = start..<count
        return found + 1
    }

    /// Eight bytes from `index`, the first in the lowest bits.
    @inline(__always) static func word(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self))
    }

    /// Whether some byte of `word` is below `limit` (at most 0x80): exact as a whole, though the
    /// bits above the first such byte may be set by borrows (so only the answer is used).
    @inline(__always) public static func hasByte(in word: UInt64, below limit: UInt8) -> Bool {
        (word &- 0x0101_0101_0101_0101 &* UInt64(limit)) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// The high bit set in exactly those bytes of `word` that equal `byte` (no carries cross bytes:
    /// each byte's low seven bits plus 0x7F stay below 0x100).
    @inline(__always) static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return ~((((x & low) &+ low) | x) | low)
    }

    /// `CSVReader`'s state machine, to find the end of a record that has quotes or CRs.
    private static func quoted(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool) -> Found {
        let count = buffer.count
        var index = start
        var fieldEmpty = true, quoted = false, inQuotes = false
        while index < count {
            let byte = buffer[index]
            index += 1
            if inQuotes {
                if byte == 0x22 {
                    if index < count, buffer[index] == 0x22 { index += 1; fieldEmpty = false } else if index == count, !final { return .incomplete } else { inQuotes = false }
                } else {
                    fieldEmpty = false
                }
                continue
            }
            switch byte {
            case 0x2C: fieldEmpty = true; quoted = false
            case 0x0A: return .record(start: start, end: index - 1, next: index, simple: false)
            case 0x0D:
                if index < count { return .record(start: start, end: index - 1, next: buffer[index] == 0x0A ? index + 1 : index, simple: false) }
                return final ? .record(start: start, end: index - 1, next: index, simple: false) : .incomplete
            case 0x22:
                if fieldEmpty && !quoted { quoted = true; inQuotes = true } else { fieldEmpty = false }
            default: fieldEmpty = false
            }
        }
        return final ? .record(start: start, end: count, next: count, simple: false) : .incomplete
    }
}
