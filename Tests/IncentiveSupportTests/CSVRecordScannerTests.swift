import IncentiveSupport
import Testing

/// The scanner reads eight bytes at a time; these hold it to a byte-at-a-time reading on random
/// records of every length around the word size, with the special bytes at every offset.
@Suite struct CSVRecordScannerTests {
    /// Records where special bytes are common, and records of mostly plain bytes (which the
    /// scanner passes over a word at a time) with a special one here and there.
    static func randomRecords() -> [[UInt8]] {
        records(alphabet: [0x61, 0x31, 0x2C, 0x2C, 0x22, 0x0D, 0x0A, 0xE6, 0xB5, 0x80, 0x7F, 0xAC])
            + records(alphabet: [0x61, 0x31, 0x2C, 0x23, 0x7E, 0xE6, 0xB5, 0x80, 0xFF] + Array(repeating: 0x39, count: 40) + [0x0A, 0x22, 0x0D, 0x20, 0x21, 0x00])
    }

    static func records(alphabet: [UInt8]) -> [[UInt8]] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        return (0..<3000).map { _ in (0..<next(40)).map { _ in alphabet[next(alphabet.count)] } }
    }

    @Test("hasByte(in:below:) answers as a byte-at-a-time check, borrows or not")
    func hasByteBelow() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let edges: [UInt8] = [0x00, 0x01, 0x0A, 0x0D, 0x20, 0x21, 0x22, 0x23, 0x24, 0x2C, 0x39, 0x7F, 0x80, 0x81, 0xE6, 0xFF]
        for _ in 0..<20000 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            let bytes = (0..<8).map { edges[Int((state >> ($0 * 4)) & 0xF)] }
            let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << ($1.offset * 8) }
            for limit: UInt8 in [0x01, 0x23, 0x80] {
                #expect(CSVRecordScanner.hasByte(in: word, below: limit) == bytes.contains { $0 < limit }, "\(bytes) below \(limit)")
            }
        }
    }

    @Test("fields: a range between each pair of commas, as a byte-at-a-time split gives")
    func fieldsMatchAPlainSplit() {
        for record in Self.randomRecords() {
            var fields: [Range<Int>] = []
            record.withUnsafeBufferPointer { CSVRecordScanner.fields(of: $0, into: &fields) }
            var expected: [Range<Int>] = [], start = 0
            for (index, byte) in record.enumerated() where byte == 0x2C { expected.append(start..<index); start = index + 1 }
            expected.append(start..<record.count)
            #expect(fields == expected, "\(record)")
        }
    }

    @Test("fields into a buffer: the same ranges while they fit; nil, having written only what fits, when there are more")
    func fieldsIntoABuffer() {
        for record in Self.randomRecords() {
            var expected: [Range<Int>] = []
            record.withUnsafeBufferPointer { CSVRecordScanner.fields(of: $0, into: &expected) }
            for capacity in [expected.count - 1, expected.count, expected.count + 1] where capacity >= 0 {
                var buffer = [Range<Int>](repeating: -1 ..< -1, count: capacity)
                let count = buffer.withUnsafeMutableBufferPointer { out in record.withUnsafeBufferPointer { CSVRecordScanner.fields(of: $0, into: out) } }
                if capacity < expected.count {
                    #expect(count == nil, "\(record), room for \(capacity)")
                    #expect(buffer == Array(expected.prefix(capacity)), "\(record)")
                } else {
                    #expect(count == expected.count, "\(record), room for \(capacity)")
                    #expect(Array(buffer.prefix(expected.count)) == expected, "\(record)")
                }
            }
        }
    }

    @Test("next: a simple record ends at the first LF (or CRLF); a quote or a lone CR hands it to the full reader")
    func nextMatchesAByteAtATimeReading() {
        for record in Self.randomRecords() where record.first != 0x0A && record.first != 0x0D {
            let found = record.withUnsafeBufferPointer { CSVRecordScanner.next(in: $0, from: 0, final: true) }
            // The first byte that decides: LF ends a simple record, CRLF too; a quote or another CR does not.
            var expectedSimple: CSVRecordScanner.Found?
            for index in record.indices {
                let byte = record[index]
                if byte == 0x0A { expectedSimple = .record(start: 0, end: index, next: index + 1, simple: true); break }
                if byte == 0x0D, index + 1 < record.count, record[index + 1] == 0x0A {
                    expectedSimple = .record(start: 0, end: index, next: index + 2, simple: true); break
                }
                if byte == 0x22 || byte == 0x0D { break }
                if index == record.count - 1 { expectedSimple = .record(start: 0, end: record.count, next: record.count, simple: true) }
            }
            if let expectedSimple {
                #expect(found == expectedSimple, "\(record)")
            } else if case .record(_, _, _, let simple) = found {
                #expect(!simple || record.isEmpty, "\(record)")
            }
        }
    }
}
