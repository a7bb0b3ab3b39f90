import Foundation
import IncentiveSupport
import Testing

@Suite struct CSVReaderTests {
    static func records(_ text: String) -> [CSVRecord] {
        records(Array(text.utf8))
    }

    static func records(_ bytes: [UInt8]) -> [CSVRecord] {
        let reader = CSVReader(bytes: bytes)
        var all: [CSVRecord] = []
        while let record = reader.next() { all.append(record) }
        return all
    }

    @Test("quoted fields hold commas, doubled quotes and line breaks; CRLF and LF both end records")
    func rfc4180() {
        let all = Self.records("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,,3")
        #expect(all.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["1", "", "3"]])
        #expect(all.map(\.row) == [1, 2, 3])
        #expect(all.allSatisfy { $0.problem == nil })
    }

    @Test("blank lines are skipped but counted, so row numbers stay those of the file")
    func blankLines() {
        let all = Self.records("h\n\nv\r\n\r\nw\n")
        #expect(all.map(\.fields) == [["h"], ["v"], ["w"]])
        #expect(all.map(\.row) == [1, 3, 5])
    }

    @Test("a malformed record says what is wrong and the next record is still read")
    func malformed() {
        let all = Self.records("a,b\nx\"y,2\n\"ok\"tail,3\n4,5\n\"open,6")
        #expect(all[1].problem?.contains("double quote inside a field") == true)
        #expect(all[2].problem?.contains("after the closing quote") == true)
        #expect(all[3].fields == ["4", "5"] && all[3].problem == nil)
        #expect(all[4].problem?.contains("not closed") == true)
    }

    @Test("a UTF-8 BOM is skipped and the encoding is UTF-8")
    func bom() {
        let reader = CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("name\n德清\n".utf8))
        #expect(reader.next()?.fields == ["name"])
        #expect(reader.next()?.fields == ["德清"])
        #expect(reader.encoding == .utf8)
    }

    @Test("GB18030 as Excel saves it is detected and decoded (Foundation on Linux decodes it)")
    func gb18030() throws {
        // 德清 in GB18030 (GBK range): B5 C2 C7 E5; "科技" CF BF BC BC.
        let bytes: [UInt8] = Array("name,region\r\n".utf8) + [0xB5, 0xC2, 0xC7, 0xE5, 0xBF, 0xC6, 0xBC, 0xBC] + Array(",330521\r\n".utf8)
        let reader = CSVReader(bytes: bytes)
        _ = reader.next()
        #expect(reader.next()?.fields == ["德清科技", "330521"])
        #expect(reader.encoding == .gb18030)
        #expect(TextEncoding.gb18030.encode("德清") == [0xB5, 0xC2, 0xC7, 0xE5])
    }

    @Test("a file that is ASCII at first is decided by its first non-ASCII field")
    func lateDecision() {
        let bytes = Array("a\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 10) + [0x0A, 0xB5, 0xC2, 0x0A]
        let all = Self.records(bytes)
        #expect(all.last?.fields == ["德"])
    }

    @Test("records spanning chunk boundaries read the same as from memory")
    func chunks() throws {
        let text = "id,name\n1,\"德清, 县\"\n2,\"a\"\"b\"\r\n3,浙江示例精工科技有限公司\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-chunks-\(getpid()).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        for size in [1, 2, 3, 7, 64] {
            let reader = CSVReader(source: try ByteChunkReader(path: url.path, chunkSize: size))
            var all: [[String]] = []
            while let record = reader.next() { all.append(record.fields) }
            #expect(all == Self.records(text).map(\.fields), "chunk size \(size)")
        }
    }

    @Test("JSON Lines: LF and CRLF, BOM skipped, numbered lines")
    func lines() {
        let reader = LineReader(bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\r\n\n{\"b\":2}".utf8))
        #expect(reader.next()! == (1, "{\"a\":1}"))
        #expect(reader.next()! == (2, ""))
        #expect(reader.next()! == (3, "{\"b\":2}"))
        #expect(reader.next() == nil)
    }

    @Test("trimmingWhitespace equals Foundation's trimming")
    func trimming() {
        // Chinese at either end is decided without the property tables: every kind of whitespace
        // around it too (the ideographic space U+3000, the last whitespace scalar, among them).
        for text in ["", " ", "a", " a ", "\ta", "a\u{3000}", "\u{3000}德清\u{3000}", "x y", "浙江样本0科技有限公司", "德清\u{3000}", "\u{3000}德清",
                     "德清\u{2003}", "\u{1680}德", "德\u{205F}", "德\u{202F}", "德\u{A0}", "\u{85}德", "\u{3001}", "😀", "😀 ", "\u{FEFF}德\u{FEFF}"] {
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        }
    }
}
