import Foundation
import IncentiveSupport
import PolicyLanguage

/// Reads one simple CSV record (no quotes) straight from its bytes into slots: numbers, dates and
/// booleans without building strings. Only what it is sure `ProfileRowReader` reads the same way
/// is read here; a row with anything else (a bad cell, a bad credit code, odd spacing) is left to
/// `ProfileRowReader` (`Outcome.general`), so messages and values are the general path's own.
struct SlotRowReader: Sendable {
    /// A column as the hot loop needs it: plain values only (copying a `FactDecl` costs a retain
    /// of each of its strings).
    struct Column {
        enum Kind { case ignored, year, statics, perYear }
        enum Role { case plain, creditCode, region, name, industry }
        enum Read { case number, integer, money, bool, date, dates, titles, text }
        let kind: Kind
        let role: Role
        let read: Read
        let slot: Int
        let signed: Bool
    }

    /// A reader as a class, for `PerThread`.
    final class Shared {
        let reader: SlotRowReader
        init(_ reader: SlotRowReader) { self.reader = reader }
    }

    let header: ProfileRowReader.Header
    private let columns: [Column]
    /// The columns of static facts, and of the year; per per-year slot, its column (-1: none).
    private let staticColumns: [Int]
    /// The first and last static column when every column between them is static too.
    private let staticSpan: ClosedRange<Int>?
    private let yearColumn: Int?
    private let columnOfYearSlot: [Int]
    /// The number of static slots, held here: reading `slots.statics` for each row would count
    /// references on an array every thread's reader shares.
    private let staticCount: Int
    /// Per column, its fact: for cells read by `FactReader`.
    private let facts: [FactDecl?]
    /// The region and industry texts made so far (this reader's: one per thread).
    private let codeTexts = CodeTexts()

    init(header: ProfileRowReader.Header, slots: FactSlots) {
        self.header = header
        facts = header.columns.map { column in
            switch column {
            case .staticFact(let fact), .yearFact(let fact): return fact
            default: return nil
            }
        }
        hasIgnoredColumns = header.columns.contains { if case .ignored = $0 { true } else { false } }
        let columns: [Column] = header.columns.map { column in
            switch column {
            case .ignored: return Column(kind: .ignored, role: .plain, read: .text, slot: -1, signed: false)
            case .year: return Column(kind: .year, role: .plain, read: .text, slot: -1, signed: false)
            case .staticFact(let fact), .yearFact(let fact):
                let role: Column.Role = ["credit_code": .creditCode, "region": .region, "name": .name, "industry": .industry][fact.name] ?? .plain
                let read: Column.Read
                switch fact.type {
                case .money: read = .money
                case .integer: read = .integer
                case .number, .percent: read = .number
                case .bool: read = .bool
                case .date: read = .date
                case .list(.date): read = .dates
                case .titles: read = .titles
                default: read = .text
                }
                return Column(kind: fact.perYear ? .perYear : .statics, role: role, read: read, slot: slots.slot(of: fact), signed: fact.signed)
            }
        }
        self.columns = columns
        staticColumns = columns.indices.filter { columns[$0].kind == .statics }
        if let first = staticColumns.first, let last = staticColumns.last, last - first + 1 == staticColumns.count {
            staticSpan = first...last
        } else {
            staticSpan = nil
        }
        yearColumn = columns.firstIndex { $0.kind == .year }
        var columnOfYearSlot = [Int](repeating: -1, count: slots.perYear.count)
        for (index, column) in columns.enumerated() where column.kind == .perYear { columnOfYearSlot[column.slot] = index }
        self.columnOfYearSlot = columnOfYearSlot
        staticCount = slots.statics.count
    }

    enum Outcome {
        /// The row is in the enterprise's profile.
        case read
        /// Read it with `ProfileRowReader`.
        case general
        /// Not valid UTF-8: the whole file goes the general way (which may read it as GB18030).
        case notUTF8
        /// The row repeats a year of the enterprise, or disagrees with its rows on a static fact:
        /// the file goes the general way, which reports which.
        case conflict
    }

    /// An enterprise's first row read this way, whose static cells a later row usually repeats
    /// byte for byte: those are taken as read (their values are in the profile already).
    struct Reference {
        /// The record's storage, where the record starts in it, and its fields' ranges (from the
        /// record's first byte) in a buffer the caller keeps for as long as the reference: an
        /// array of them was an allocation for every enterprise.
        let bytes: [UInt8]
        let start: Int
        let fields: UnsafeBufferPointer<Range<Int>>

        init(_ record: RecordStream.Record, fields: UnsafeBufferPointer<Range<Int>>) {
            bytes = record.storage
            start = record.range.lowerBound
            self.fields = fields
        }

        /// The bytes of field `index`.
        func cell(_ index: Int) -> ArraySlice<UInt8> {
            bytes[fields[index].shifted(by: start)]
        }

        /// Where fields `columns` are in `bytes`, from the first's start to the last's end.
        func span(_ columns: ClosedRange<Int>) -> Range<Int> {
            (fields[columns.lowerBound].lowerBound..<fields[columns.upperBound].upperBound).shifted(by: start)
        }
    }

    /// Reads the row straight into the enterprise's profile (nil before its first row): the year,
    /// the per-year cells, appended to the profile's cells, and the static cells that are not the
    /// reference's bytes. Nothing changes in the profile unless every cell is read (but for a
    /// conflict, which leaves the whole file to the general path). Which invalid
    /// cell is met first does not matter: any makes the row the general path's (and a cell that
    /// is not UTF-8 makes the file the general path's whichever way it is found).
    ///
    /// An enterprise's first row takes the arrays of `spare` (an enterprise done with), emptied,
    /// rather than allocating its own: three allocations and frees an enterprise fewer.
    func read(_ bytes: UnsafeBufferPointer<UInt8>, fields: UnsafeBufferPointer<Range<Int>>, reference: Reference?, into profile: inout SlotProfile?,
              spare: inout SlotProfile?) -> Outcome {
        guard fields.count == columns.count, let yearColumn else { return .general }
        let yearCell = UnsafeBufferPointer(rebasing: bytes[fields[yearColumn]])
        guard yearCell.count == 4, let year = Self.digits(yearCell), (1900...2999).contains(year) else { return .general }
        var notUTF8 = false
        guard profile != nil else {
            var cells: [YearCell] = []
            if spare != nil {
                swap(&cells, &spare!.cells)
                cells.removeAll(keepingCapacity: true)
            } else {
                cells.reserveCapacity(4 * columnOfYearSlot.count)
            }
            guard readYearCells(bytes, fields: fields, into: &cells, &notUTF8) else { return notUTF8 ? .notUTF8 : .general }
            return first(bytes, fields: fields, year: year, cells: cells, spare: &spare, into: &profile)
        }
        // A later row: its static cells that differ from the reference's bytes, read first and
        // merged only once all are read. When the static columns are side by side (as in the
        // contract), one comparison of their whole span usually says that none differs.
        var changes: [(slot: Int, value: Value, name: String?)] = []
        var allSame = false
        if let span = staticSpan, let reference {
            let cells = fields[span.lowerBound].lowerBound..<fields[span.upperBound].upperBound
            allSame = Self.same(reference.bytes[reference.span(span)], UnsafeBufferPointer(rebasing: bytes[cells]))
        }
        for index in staticColumns where !allSame {
            let cell = UnsafeBufferPointer(rebasing: bytes[fields[index]])
            if let reference, Self.same(reference.cell(index), cell) { continue }
            switch staticCell(cell, index, &notUTF8) {
            case .invalid: return notUTF8 ? .notUTF8 : .general
            case .value(let value):
                guard !value.isNull else { continue }
                var name: String?
                if columns[index].role == .name, case .text(let text) = value { name = text }
                changes.append((columns[index].slot, value, name))
            }
        }
        guard !profile!.years.contains(year) else { return .conflict }
        guard readYearCells(bytes, fields: fields, into: &profile!.cells, &notUTF8) else { return notUTF8 ? .notUTF8 : .general }
        for change in changes where !profile!.merge(static: change.slot, change.value, name: change.name) { return .conflict }
        profile!.years.append(year)
        return .read
    }

    /// Appends the row's per-year cells, in slot order; false, with nothing appended, when one
    /// cannot be read. The row's cells are gathered on the stack and appended at once (an append
    /// a cell checked the array's uniqueness and capacity every time).
    private func readYearCells(_ bytes: UnsafeBufferPointer<UInt8>, fields: UnsafeBufferPointer<Range<Int>>, into cells: inout [YearCell], _ notUTF8: inout Bool) -> Bool {
        withUnsafeTemporaryAllocation(of: YearCell.self, capacity: columnOfYearSlot.count) { row in
            for (slot, index) in columnOfYearSlot.enumerated() {
                var cell = YearCell.null
                if index >= 0 {
                    guard let read = yearCell(UnsafeBufferPointer(rebasing: bytes[fields[index]]), columns[index], index, &notUTF8) else {
                        row.baseAddress!.deinitialize(count: slot)
                        return false
                    }
                    cell = read
                }
                (row.baseAddress! + slot).initialize(to: cell)
            }
            cells.append(contentsOf: UnsafeBufferPointer(row))
            row.baseAddress!.deinitialize(count: row.count)
            return true
        }
    }

    /// A per-year cell: a whole number of up to 18 digits (most cells) straight to its cell,
    /// anything else as `readCell` reads it (a `Value` turned into a cell costs a copy and a
    /// switch, for every per-year cell of a row).
    @inline(__always) private func yearCell(_ cell: UnsafeBufferPointer<UInt8>, _ column: Column, _ index: Int, _ notUTF8: inout Bool) -> YearCell? {
        if cell.isEmpty { return .null }
        switch column.read {
        case .number, .integer, .money:
            // No sign and no decimals: money's and integers' checks pass.
            if cell.count <= 18, let whole = Self.wholeNumber(cell) { return .number(ExactDecimal(whole)) }
        default: break
        }
        return readCell(cell, column, index, &notUTF8).flatMap(YearCell.init)
    }

    /// The enterprise's profile from its first row.
    /// - Parameter spare: its statics and years, when there is one, are taken and emptied.
    private func first(_ bytes: UnsafeBufferPointer<UInt8>, fields: UnsafeBufferPointer<Range<Int>>, year: Int, cells: consuming [YearCell],
                       spare: inout SlotProfile?, into profile: inout SlotProfile?) -> Outcome {
        var notUTF8 = false
        var statics: [Value] = [], years: [Int] = []
        if var spare = spare.take(), spare.statics.count == staticCount {
            swap(&statics, &spare.statics)
            for slot in statics.indices { statics[slot] = .null }
            swap(&years, &spare.years)
            years.removeAll(keepingCapacity: true)
        } else {
            statics = .nulls(staticCount)
            years.reserveCapacity(4)
        }
        var creditCode = "", name: String?, region = ""
        for index in staticColumns {
            guard case .value(let value) = staticCell(UnsafeBufferPointer(rebasing: bytes[fields[index]]), index, &notUTF8) else {
                return notUTF8 ? .notUTF8 : .general
            }
            if case .text(let text) = value {
                switch columns[index].role {
                case .creditCode: creditCode = text
                case .region: region = text
                case .name: name = text
                case .industry, .plain: break
                }
            }
            statics[columns[index].slot] = value
        }
        guard !creditCode.isEmpty, !region.isEmpty else { return .general }
        years.append(year)
        // Built in place: a profile built, then assigned, was copied (six references counted up)
        // and the first one destroyed.
        profile = .some(SlotProfile(creditCode: creditCode, name: name, region: region, statics: statics, yearStride: columnOfYearSlot.count,
                                    years: years, cells: cells))
        return .read
    }

    private enum StaticCell { case value(Value), invalid }

    /// A static cell's value, with the checks its role asks for (a valid credit code, region or
    /// industry code). A code of plain ASCII with nothing to trim is checked on its bytes, before
    /// any text is made, and a region or industry met before is not made again (`CodeTexts`).
    private func staticCell(_ cell: UnsafeBufferPointer<UInt8>, _ index: Int, _ notUTF8: inout Bool) -> StaticCell {
        let column = columns[index]
        if column.read == .text, column.role != .plain, column.role != .name, Self.isVisibleASCII(cell) {
            switch column.role {
            case .creditCode:
                guard CreditCode.isValid(cell) else { return .invalid }
                return .value(.text(String(decoding: cell, as: UTF8.self)))
            case .region:
                guard ProfileReader.isRegionCode(cell) else { return .invalid }
                return .value(.text(codeTexts.text(cell)))
            case .industry:
                guard ProfileReader.isIndustryCode(cell) else { return .invalid }
                return .value(.text(codeTexts.text(cell)))
            case .name, .plain: break
            }
        }
        guard let known = readCell(cell, column, index, &notUTF8) else { return .invalid }
        switch column.role {
        case .creditCode:
            guard case .text(let code) = known, CreditCode.problem(with: code) == nil else { return .invalid }
        case .region:
            guard case .text(let code) = known, ProfileReader.isRegionCode(code) else { return .invalid }
        case .industry:
            if case .text(let code) = known, !ProfileReader.isIndustryCode(code) { return .invalid }
        case .name, .plain: break
        }
        return .value(known)
    }

    /// Whether a cell is not empty and every byte is visible ASCII (nothing to trim, nothing to
    /// decode): its text is its bytes.
    static func isVisibleASCII(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        !cell.isEmpty && cell.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// Adds a row read the general way to the enterprise's profile (nil before its first row);
    /// false when it repeats a year or disagrees with the profile on a static fact.
    static func merge(_ row: SlotProfile, into profile: inout SlotProfile?, slots: FactSlots) -> Bool {
        guard profile != nil else { profile = row; return true }
        guard let year = row.years.first, !profile!.years.contains(year) else { return false }
        for slot in row.statics.indices where !row.statics[slot].isNull {
            guard profile!.merge(static: slot, row.statics[slot], name: slots.statics[slot].name == "name" ? row.name : nil) else { return false }
        }
        profile!.years.append(year)
        profile!.cells.append(contentsOf: row.cells(ofYearAt: 0))
        return true
    }

    /// A cell's value (`.null` when empty), or nil when `FactReader` would find it invalid or the
    /// row must be read the general way (`notUTF8` set when the bytes are not UTF-8).
    @inline(__always) private func readCell(_ cell: UnsafeBufferPointer<UInt8>, _ column: Column, _ index: Int, _ notUTF8: inout Bool) -> Value? {
        if cell.isEmpty { return .null }
        let first = cell[0], last = cell[cell.count - 1]
        let plain = first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F
        if plain {
            switch column.read {
            case .number, .integer, .money:
                if let (number, scale) = Self.number(cell) { return check(number, scale: scale, column) }
            case .bool:
                if cell.count == 1 { return first == 0x31 ? .bool(true) : first == 0x30 ? .bool(false) : nil }
                if Self.equalsIgnoringCase(cell, "true") { return .bool(true) }
                if Self.equalsIgnoringCase(cell, "false") { return .bool(false) }
            case .date:
                if cell.count == 10 { return Self.date(cell).map { .date($0) } }
            case .dates:
                if let dates = Self.dates(cell) { return .list(dates) }
            case .titles:
                if let titles = Self.titles(cell) { return .titles(titles) }
            case .text:
                if column.role != .plain, !cell.contains(where: { $0 >= 0x80 }) { return .text(String(decoding: cell, as: UTF8.self)) }
            }
        }
        guard UTF8Validation.isValid(cell) else { notUTF8 = true; return nil }
        let text = String(decoding: cell, as: UTF8.self)
        // A name that starts and ends with a CJK ideograph or visible ASCII has nothing to trim:
        // `FactReader` would give it back as it is.
        if column.role == .name, Self.untrimmed(cell) { return .text(text) }
        switch FactReader.readText(text, as: facts[index]!) {
        case .value(let value): return value
        case .absent: return .null
        case .invalid: return nil
        }
    }

    /// Whether valid UTF-8 starts and ends with a scalar that is not whitespace, decided only
    /// for visible ASCII and the ideographs of U+4000–U+9FFF (lead bytes E4–E9); false otherwise.
    static func untrimmed(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = cell.count
        guard count > 0 else { return false }
        let visible: ClosedRange<UInt8> = 0x21...0x7E, ideograph: ClosedRange<UInt8> = 0xE4...0xE9
        guard visible.contains(cell[0]) || ideograph.contains(cell[0]) else { return false }
        if visible.contains(cell[count - 1]) { return true }
        return count >= 3 && ideograph.contains(cell[count - 3]) && cell[count - 2] & 0xC0 == 0x80 && cell[count - 1] & 0xC0 == 0x80
    }

    /// `FactReader.readNumber`'s checks on a number read from bytes with `scale` decimals.
    private func check(_ number: ExactDecimal, scale: Int, _ column: Column) -> Value? {
        if column.read == .integer, scale > 0, !number.isInteger { return nil }
        if column.read == .money, scale > 2, number.rounded(scale: 2) != number { return nil }
        if number.isNegative, !column.signed { return nil }
        return .number(number)
    }

    /// Digits only, at most 18 of them (checked by the caller), as a number; nil for anything else.
    /// The first eight of a longer cell are checked and combined a word at a time (`eightDigits`):
    /// a digit at a time is a chain of dependent steps, and amounts are mostly 7 to 9 digits long.
    @inline(__always) static func wholeNumber(_ cell: UnsafeBufferPointer<UInt8>) -> Int? {
        var whole: UInt64 = 0, index = 0
        if cell.count >= 8 {
            guard let first = eightDigits(UnsafeRawPointer(cell.baseAddress!).loadUnaligned(as: UInt64.self)) else { return nil }
            whole = first
            index = 8
        }
        while index < cell.count {
            let digit = cell[index] &- 0x30
            if digit > 9 { return nil }
            whole = whole &* 10 &+ UInt64(digit)
            index += 1
        }
        return Int(whole)
    }

    /// Eight ASCII digits, the first in the lowest byte (as loaded from memory on this
    /// little-endian machine), as their number; nil unless every byte is a digit. The check and
    /// the three multiplications are Lemire's (simdjson's `parse_eight_digits_unrolled`).
    @inline(__always) static func eightDigits(_ loaded: UInt64) -> UInt64? {
        let word = UInt64(littleEndian: loaded)
        // Each byte 0x30–0x39: its high nibble is 3, and adding 6 leaves it 3.
        let highNibbles = (word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
        guard highNibbles == 0x3333_3333_3333_3333 else { return nil }
        var value = word & 0x0F0F_0F0F_0F0F_0F0F
        value = (value &* 2561) >> 8
        value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        return ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
    }

    /// `-?[0-9]+(\.[0-9]+)?` with at most 30 digits, exactly, and its number of decimals; nil for
    /// anything else. Up to 18 digits are gathered in 64 bits.
    static func number(_ cell: UnsafeBufferPointer<UInt8>) -> (ExactDecimal, scale: Int)? {
        // Most cells are whole numbers of up to 18 digits: one tight loop, no sign, no point.
        if !cell.isEmpty, cell.count <= 18, let whole = wholeNumber(cell) { return (ExactDecimal(whole), 0) }
        var index = 0, negative = false
        if cell[0] == 0x2D { negative = true; index = 1 }
        var small: UInt64 = 0, large: Int128 = 0, digits = 0, scale = 0, point = false
        while index < cell.count {
            let byte = cell[index]
            if byte == 0x2E {
                guard !point, digits > 0 else { return nil }
                point = true
            } else {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                digits += 1
                if digits <= 18 {
                    small = small &* 10 &+ UInt64(byte - 0x30)
                } else {
                    if digits == 19 { large = Int128(small) }
                    large = large * 10 + Int128(byte - 0x30)
                }
                if point { scale += 1 }
                guard digits <= 30 else { return nil }
            }
            index += 1
        }
        guard digits > 0, !(point && scale == 0) else { return nil }
        var value = digits <= 18 ? Int128(small) : large
        if negative { value = -value }
        if scale == 0 {
            if digits <= 18 { return (ExactDecimal(Int(negative ? -Int64(small) : Int64(small))), 0) }
            return ExactDecimal(numerator: value, denominator: 1).map { ($0, 0) }
        }
        var denominator: Int128 = 1
        for _ in 0..<scale { denominator *= 10 }
        return ExactDecimal(numerator: value, denominator: denominator).map { ($0, scale) }
    }

    /// `YYYY-MM-DD;YYYY-MM-DD…` with nothing else (no spaces, no empty parts).
    static func dates(_ cell: UnsafeBufferPointer<UInt8>) -> [Value]? {
        var dates: [Value] = []
        dates.reserveCapacity(cell.count / 11 + 1)
        let read = allParts(of: cell) { part in
            guard let date = date(part) else { return false }
            dates.append(.date(date))
            return true
        }
        return read ? dates : nil
    }

    /// Calls `body` with each part of `cell` between semicolons (empty ones too), in order, until
    /// it returns false; whether it took every part. The parts in place, not an array of them
    /// (`split` made one per cell).
    @inline(__always) static func allParts(of cell: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var start = 0
        for index in 0...cell.count where index == cell.count || cell[index] == 0x3B {
            guard body(UnsafeBufferPointer(rebasing: cell[start..<index])) else { return false }
            start = index + 1
        }
        return true
    }

    static func date(_ cell: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard cell.count == 10, cell[4] == 0x2D, cell[7] == 0x2D,
              let y = digits(UnsafeBufferPointer(rebasing: cell[0..<4])), let m = digits(UnsafeBufferPointer(rebasing: cell[5..<7])),
              let d = digits(UnsafeBufferPointer(rebasing: cell[8..<10])) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    /// `name@YYYY` or `name@YYYY-MM-DD`, separated by `;`, in plain ASCII with no spaces; anything
    /// else is left to `Title(parsing:)`.
    static func titles(_ cell: UnsafeBufferPointer<UInt8>) -> [Title]? {
        var titles: [Title] = []
        let read = allParts(of: cell) { part in
            guard let at = part.firstIndex(of: 0x40), at > 0,
                  part.allSatisfy({ $0 > 0x20 && $0 < 0x7F }), part[(at + 1)...].firstIndex(of: 0x40) == nil else { return false }
            let name = String(decoding: part[..<at], as: UTF8.self)
            let when = UnsafeBufferPointer(rebasing: part[(at + 1)...])
            if when.count == 4, let year = digits(when), year >= 1000 {
                titles.append(Title(name: name, year: year, date: nil))
            } else if let date = date(when) {
                titles.append(Title(name: name, year: nil, date: date))
            } else {
                return false
            }
            return true
        }
        return read ? titles : nil
    }

    /// Whether two cells hold the same bytes.
    static func same(_ a: ArraySlice<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { a in a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
    }

    /// Whether some column is not read (unknown to the contract): its bytes are then checked as
    /// UTF-8 with the whole record, as `CSVReader` decodes every field.
    let hasIgnoredColumns: Bool

    static func digits(_ cell: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !cell.isEmpty else { return nil }
        var value = 0
        for byte in cell {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func equalsIgnoringCase(_ cell: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard cell.count == word.utf8CodeUnitCount else { return false }
        for index in 0..<cell.count where cell[index] | 0x20 != word.utf8Start[index] { return false }
        return true
    }
}
