import IncentiveSupport

/// Per-year cells packed as `ValuePacking` packs their values (the same tags and bytes), but
/// written through a pointer and read back as cells: the cohort's enterprises hold about fifty
/// cells each, and going through `Value` and an append per byte cost more than evaluating them.
extension ValuePacking {
    /// The most bytes a cell takes: a tag and two 16-byte words (a fraction).
    private static let maximumCellBytes = 33

    /// Appends `cells` as `append` appends their values.
    static func appendCells(_ cells: ArraySlice<YearCell>, to bytes: inout [UInt8]) {
        // Twenty-four cells at a time: a temporary buffer above a kilobyte came from the heap.
        var start = cells.startIndex
        while start < cells.endIndex {
            let group = cells[start..<min(start + 24, cells.endIndex)]
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: group.count * maximumCellBytes) { buffer in
                var out = buffer.baseAddress!
                for cell in group { write(cell, to: &out) }
                bytes.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress, count: out - buffer.baseAddress!))
            }
            start = group.endIndex
        }
    }

    private static func write(_ cell: YearCell, to out: inout UnsafeMutablePointer<UInt8>) {
        switch cell {
        case .null: put(Tag.null.rawValue, &out)
        case .number(let number):
            if number.isInteger, let whole = Int64(exactly: number.numerator) {
                put(Tag.integer.rawValue, &out)
                putSigned(whole, &out)
            } else {
                put(Tag.fraction.rawValue, &out)
                putWord(UInt128(bitPattern: number.numerator), &out)
                putWord(UInt128(bitPattern: number.denominator), &out)
            }
        case .bool(let flag): put(flag ? Tag.trueValue.rawValue : Tag.falseValue.rawValue, &out)
        case .date(let date):
            put(Tag.date.rawValue, &out)
            putSigned(Int64(date.year), &out)
            put(UInt8(date.month), &out)
            put(UInt8(date.day), &out)
        }
    }

    @inline(__always) private static func put(_ byte: UInt8, _ out: inout UnsafeMutablePointer<UInt8>) {
        out.pointee = byte
        out += 1
    }

    /// As `appendSigned`: zigzag, then seven bits a byte.
    @inline(__always) private static func putSigned(_ value: Int64, _ out: inout UnsafeMutablePointer<UInt8>) {
        var rest = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while rest >= 0x80 {
            put(UInt8(truncatingIfNeeded: rest) | 0x80, &out)
            rest >>= 7
        }
        put(UInt8(rest), &out)
    }

    /// As `appendWord`: sixteen bytes, least significant first.
    private static func putWord(_ word: UInt128, _ out: inout UnsafeMutablePointer<UInt8>) {
        for shift in stride(from: 0, to: 128, by: 8) { put(UInt8(truncatingIfNeeded: word >> UInt128(shift)), &out) }
    }
}

extension ValuePacking.Reader {
    /// A cell written by `appendCells` (or a value `append` wrote that a cell holds).
    mutating func cell() -> YearCell {
        let tag = bytes[position]
        switch tag {
        case ValuePacking.Tag.null.rawValue:
            position += 1
            return .null
        case ValuePacking.Tag.integer.rawValue:
            position += 1
            return .number(ExactDecimal(Int(signed())))
        case ValuePacking.Tag.falseValue.rawValue:
            position += 1
            return .bool(false)
        case ValuePacking.Tag.trueValue.rawValue:
            position += 1
            return .bool(true)
        default:
            // Fractions and dates are rare: read as values.
            guard let cell = YearCell(value()) else { preconditionFailure("packed cells hold no text, list or title") }
            return cell
        }
    }
}
