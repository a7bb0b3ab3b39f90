import IncentiveSupport
import PolicyLanguage

/// Values as compact bytes and back, exactly: how a batch keeps the enterprises waiting for the
/// cohort (`ProfileCodec` on the general path, `PackedSlotProfiles` in the kernel). Reading them
/// back costs a fraction of reading their CSV rows again (no cell checks, no number parsing), and
/// they take less room than the rows (a whole number is a variable-length integer, not its digits).
enum ValuePacking {
    /// The first byte of a packed value (internal for `appendCells`, which writes the same bytes).
    enum Tag: UInt8 {
        case null, integer, fraction, falseValue, trueValue, date, text, list, range, titles
    }

    static func append(_ value: Value, to bytes: inout [UInt8]) {
        switch value {
        case .null: bytes.append(Tag.null.rawValue)
        case .number(let number):
            if number.isInteger, let whole = Int64(exactly: number.numerator) {
                bytes.append(Tag.integer.rawValue)
                appendSigned(whole, to: &bytes)
            } else {
                bytes.append(Tag.fraction.rawValue)
                appendWord(UInt128(bitPattern: number.numerator), to: &bytes)
                appendWord(UInt128(bitPattern: number.denominator), to: &bytes)
            }
        case .bool(let flag): bytes.append(flag ? Tag.trueValue.rawValue : Tag.falseValue.rawValue)
        case .date(let date):
            bytes.append(Tag.date.rawValue)
            appendDate(date, to: &bytes)
        case .text(let text):
            bytes.append(Tag.text.rawValue)
            appendText(text, to: &bytes)
        case .list(let items):
            bytes.append(Tag.list.rawValue)
            appendCount(items.count, to: &bytes)
            for item in items { append(item, to: &bytes) }
        case .range(let lower, let upper, let lowerClosed, let upperClosed):
            bytes.append(Tag.range.rawValue)
            append(lower, to: &bytes)
            append(upper, to: &bytes)
            bytes.append((lowerClosed ? 1 : 0) | (upperClosed ? 2 : 0))
        case .titles(let titles):
            bytes.append(Tag.titles.rawValue)
            appendCount(titles.count, to: &bytes)
            for title in titles {
                appendText(title.name, to: &bytes)
                bytes.append((title.year == nil ? 0 : 1) | (title.date == nil ? 0 : 2))
                if let year = title.year { appendSigned(Int64(year), to: &bytes) }
                if let date = title.date { appendDate(date, to: &bytes) }
            }
        }
    }

    static func appendText(_ text: String, to bytes: inout [UInt8]) {
        appendCount(text.utf8.count, to: &bytes)
        bytes.append(contentsOf: text.utf8)
    }

    static func appendCount(_ count: Int, to bytes: inout [UInt8]) {
        appendVarint(UInt64(count), to: &bytes)
    }

    static func appendSigned(_ value: Int64, to bytes: inout [UInt8]) {
        appendVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)), to: &bytes)
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private static func appendWord(_ word: UInt128, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 128, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt128(shift))) }
    }

    private static func appendDate(_ date: CivilDate, to bytes: inout [UInt8]) {
        appendSigned(Int64(date.year), to: &bytes)
        bytes.append(UInt8(date.month))
        bytes.append(UInt8(date.day))
    }

    /// Reads what `append` wrote, from `position` on.
    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int

        mutating func value() -> Value {
            let tag = Tag(rawValue: bytes[position])!
            position += 1
            switch tag {
            case .null: return .null
            case .integer: return .number(ExactDecimal(Int(signed())))
            case .fraction:
                let numerator = Int128(bitPattern: word()), denominator = Int128(bitPattern: word())
                return .number(ExactDecimal(numerator: numerator, denominator: denominator)!)
            case .falseValue: return .bool(false)
            case .trueValue: return .bool(true)
            case .date: return .date(date())
            case .text: return .text(text())
            case .list:
                let count = self.count()
                var items: [Value] = []
                items.reserveCapacity(count)
                for _ in 0..<count { items.append(value()) }
                return .list(items)
            case .range:
                let lower = value(), upper = value()
                let flags = bytes[position]
                position += 1
                return .range(lower: lower, upper: upper, lowerClosed: flags & 1 != 0, upperClosed: flags & 2 != 0)
            case .titles:
                let count = self.count()
                var titles: [Title] = []
                titles.reserveCapacity(count)
                for _ in 0..<count {
                    let name = text()
                    let flags = bytes[position]
                    position += 1
                    let year = flags & 1 != 0 ? Int(signed()) : nil
                    let date = flags & 2 != 0 ? date() : nil
                    titles.append(Title(name: name, year: year, date: date))
                }
                return .titles(titles)
            }
        }

        mutating func byte() -> UInt8 {
            defer { position += 1 }
            return bytes[position]
        }

        mutating func text() -> String {
            let count = self.count()
            defer { position += count }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + count]), as: UTF8.self)
        }

        @inline(__always) mutating func count() -> Int { Int(varint()) }

        @inline(__always) mutating func signed() -> Int64 {
            let raw = varint()
            // Wrapping operators: the checked ones added an overflow test to every number read.
            return Int64(bitPattern: (raw &>> 1) ^ (0 &- (raw & 1)))
        }

        /// Inlined, with a first byte below 0x80 taken at once (counts, lengths, small numbers): a
        /// cohort profile holds some fifty of them, and a call each cost about as much as the reading.
        @inline(__always) private mutating func varint() -> UInt64 {
            let first = bytes[position]
            if first < 0x80 {
                position += 1
                return UInt64(first)
            }
            var value: UInt64 = 0, shift: UInt64 = 0
            while true {
                let byte = bytes[position]
                position += 1
                // A masking shift: at most 63 for what `appendVarint` writes, and `<<` tested for more.
                value |= UInt64(byte & 0x7F) &<< shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        private mutating func word() -> UInt128 {
            var word: UInt128 = 0
            for shift in stride(from: 0, to: 128, by: 8) {
                word |= UInt128(bytes[position]) << UInt128(shift)
                position += 1
            }
            return word
        }

        private mutating func date() -> CivilDate {
            let year = Int(signed())
            let month = Int(bytes[position]), day = Int(bytes[position + 1])
            position += 2
            return CivilDate(year: year, month: month, day: day)!
        }
    }
}
