@testable import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import TestSupport
import Testing

/// `SlotRowReader`'s shortcuts against what `FactReader` does the long way.
@Suite struct SlotRowReaderTests {
    @Test("a name said to need no trimming is its own trimmed text; the shortcut is taken for a good share")
    func untrimmedNames() {
        var random = SplitMix64(seed: 21)
        let pieces = ["浙", "江", "样本", "科技", "A", "1", "(", " ", "\t", "\u{3000}", "\u{00A0}", "\u{2003}", "\u{205F}", "é", "𠀀", "가", "\u{1680}", "\u{0085}"]
        var taken = 0
        for _ in 0..<20_000 {
            let name = (0..<(1 + random.below(6))).map { _ in pieces[random.below(pieces.count)] }.joined()
            let bytes = Array(name.utf8)
            guard bytes.withUnsafeBufferPointer(SlotRowReader.untrimmed) else { continue }
            taken += 1
            #expect(name.trimmingWhitespace() == name, "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(taken > 3000, "the shortcut is taken for \(taken) names")
    }

    @Test("codes checked on their bytes agree with the checks on text; region and industry texts found again are the cell's text")
    func codeCells() {
        var random = SplitMix64(seed: 22)
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZaz -é".utf8)
        let texts = CodeTexts()
        var validCodes = 0
        for _ in 0..<20_000 {
            // A valid credit code, sometimes with one byte changed or one dropped.
            var code = Array(String(CreditCodeTests.code(&random)).utf8)
            switch random.below(4) {
            case 0: code[random.below(18)] = alphabet[random.below(alphabet.count)]
            case 1: code.remove(at: random.below(18))
            default: break
            }
            let text = String(decoding: code, as: UTF8.self)
            let byBytes = code.withUnsafeBufferPointer { CreditCode.isValid($0) }
            #expect(byBytes == (CreditCode.problem(with: text) == nil), "\(text)")
            if byBytes { validCodes += 1 }
            // Short cells of digits, letters and others, as regions and industries.
            let cell = (0..<random.below(8)).map { _ in alphabet[random.below(24)] }
            let cellText = String(decoding: cell, as: UTF8.self)
            cell.withUnsafeBufferPointer { bytes in
                let digits = cell.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                #expect(ProfileReader.isRegionCode(bytes) == (cell.count == 6 && digits && cell.first != 0x30), "\(cellText)")
                let industry = cell.first.map { $0 >= 0x41 && $0 <= 0x54 } == true && [1, 3, 4, 5].contains(cell.count)
                    && cell.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                #expect(ProfileReader.isIndustryCode(bytes) == industry, "\(cellText)")
                // More distinct cells than the cache holds: each is its own text, found or made.
                #expect(texts.text(bytes) == cellText)
            }
        }
        #expect(validCodes > 8000)
    }

    @Test("whole numbers read eight digits at a time are the digits read one at a time; any other byte, anywhere, is not a number")
    func wholeNumbers() {
        var random = SplitMix64(seed: 23)
        // Digits, and the bytes around them and around the check's carries.
        let others: [UInt8] = [0x2F, 0x3A, 0x2E, 0x2D, 0x20, 0x00, 0x3F, 0x40, 0x7F, 0x80, 0xF9, 0xFA, 0xFF, 0x06, 0x36]
        var numbers = 0
        for _ in 0..<50_000 {
            var cell = (0..<(1 + random.below(18))).map { _ in UInt8(0x30 + random.below(10)) }
            if random.below(3) == 0 { cell[random.below(cell.count)] = others[random.below(others.count)] }
            var expected: Int? = 0
            for byte in cell {
                guard let so = expected, (0x30...0x39).contains(byte) else { expected = nil; break }
                expected = so * 10 + Int(byte - 0x30)
            }
            if expected != nil { numbers += 1 }
            #expect(cell.withUnsafeBufferPointer(SlotRowReader.wholeNumber) == expected, "\(cell)")
        }
        #expect(numbers > 25_000)
    }

    @Test("dates and titles cut at semicolons in place: every part read, an empty or bad part anywhere is not this reader's")
    func datesAndTitles() {
        func dates(_ text: String) -> [Value]? { Array(text.utf8).withUnsafeBufferPointer(SlotRowReader.dates) }
        func titles(_ text: String) -> [Title]? { Array(text.utf8).withUnsafeBufferPointer(SlotRowReader.titles) }
        let march = CivilDate(year: 2022, month: 3, day: 15)!, may = CivilDate(year: 2021, month: 5, day: 6)!
        #expect(dates("2022-03-15") == [.date(march)])
        #expect(dates("2022-03-15;2021-05-06") == [.date(march), .date(may)])
        for bad in ["2022-03-15;", ";2022-03-15", "2022-03-15;;2021-05-06", ";", "2022-3-15", "2022-03-15;x"] { #expect(dates(bad) == nil, "\(bad)") }
        #expect(titles("tech-sme@2023") == [Title(name: "tech-sme", year: 2023, date: nil)])
        #expect(titles("tech-sme@2023;provincial-tech-leader@2021-05-06")
            == [Title(name: "tech-sme", year: 2023, date: nil), Title(name: "provincial-tech-leader", year: nil, date: may)])
        for bad in ["tech-sme@2023;", "@2023", "a@b@2023", "tech-sme@23", "tech sme@2023", ";tech-sme@2023"] { #expect(titles(bad) == nil, "\(bad)") }
    }
}
