import Foundation
@testable import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import Testing

@Suite struct ProfileRowReaderTests {
    static let header = "credit_code,name,region,industry,registered,hte_certificates,titles,year,rd_expense,revenue,above_scale\n"

    @Test("bad rows are each reported with row, field, value and expectation; the good rows are kept")
    func badRows() {
        let good = BatchFixtures.code(1, region: "330726"), other = BatchFixtures.code(2, region: "330726")
        let badCheck = String(good.dropLast()) + (good.last == "0" ? "1" : "0")
        let csv = Self.header +
            "\(good),甲,330726,C34,2012-05-08,2020-12-01,tech-sme@2023,2023,2600000,52000000,true\n" +  // row 2: good
            "\(badCheck),乙,330726,C34,2012-05-08,,,2023,1,2,true\n" +                                  // row 3: bad check character
            "\(other),丙,330726,C34,2012-05-08,,,2023,12万x,2,true\n" +                                  // row 4: unreadable amount
            "\(other),丙,330726,C34,2012-05-08,,,2022,1\"0,2,true\n" +                                   // row 5: malformed
            "\(other),丙,3307,C34,2012-05-08,,,2021,1,2,true\n" +                                        // row 6: bad region
            "\(other),丙,330726,C34,2012-05-08,,,20x0,1,2,true\n" +                                      // row 7: bad year
            "\(other),丙,330726,C34,2012-05-08,,,2020,1,2,maybe\n"                                       // row 8: bad boolean
        let input = BatchFixtures.read(csv)
        let found = input.issues.map { "\($0.location)|\($0.field)|\($0.value)|\($0.fatal)" }
        #expect(found == [
            "row 3|credit_code|\"\(badCheck)\"|true",
            "row 4|rd_expense|\"12万x\"|false",
            "row 5|(row)|\(other),丙,330726,C34,2012-05-08,,,2022,1\"0,2,true|true",
            "row 6|region|\"3307\"|true",
            "row 7|year|\"20x0\"|true",
            "row 8|above_scale|\"maybe\"|false",
        ])
        #expect(input.issues[0].expected.hasPrefix("a valid 统一社会信用代码 (check character is"))
        #expect(input.issues[1].expected == "money in yuan, such as \"2600000\" or 2600000.50")
        #expect(input.issues[2].expected.contains("double quote inside a field"))
        // Good rows still become enterprises: 甲, and 丙 from rows 4 and 8 (bad cells absent).
        #expect(input.profiles.map(\.creditCode) == [good, other])
        #expect(input.profiles[1].yearFacts[2023]?["rd_expense"] == nil)
        #expect(input.profiles[1].yearFacts[2023]?["revenue"] == .number(ExactDecimal(2)))
        #expect(input.profiles[1].yearFacts[2020]?["above_scale"] == nil)
    }

    @Test("unknown columns are reported once, with a suggestion, and ignored")
    func unknownColumn() {
        let code = BatchFixtures.code(3)
        let input = BatchFixtures.read("credit_code,region,year,rd_expens\n\(code),330521,2023,5\n")
        #expect(input.issues.count == 1)
        #expect(input.issues[0].location == "row 1" && input.issues[0].field == "rd_expens")
        #expect(input.issues[0].expected.contains("did you mean 'rd_expense'?"))
        #expect(input.profiles.count == 1)
    }

    @Test("a column named twice: the first is read, the later one reported and ignored")
    func repeatedColumn() {
        let code = BatchFixtures.code(4)
        let input = BatchFixtures.read("credit_code,name,region,year,rd_expense,name,rd_expense\n\(code),甲,330521,2023,3000000,,\n")
        #expect(input.issues.map(\.field) == ["name", "rd_expense"])
        #expect(input.issues.allSatisfy { $0.location == "row 1" && !$0.fatal })
        #expect(input.issues[1].expected.contains("'rd_expense' is already column 5; this one (column 7) is ignored"))
        let profile = input.profiles[0]
        #expect(profile.name == "甲" && profile.staticFacts["name"] == .text("甲"), "the name and the name fact agree: the first column's")
        #expect(profile.yearFacts[2023]?["rd_expense"] == .number(ExactDecimal(3_000_000)))
    }

    @Test("a header without credit_code, region or year reads no rows")
    func missingColumns() {
        let input = BatchFixtures.read("name,year\n甲,2023\n")
        #expect(input.issues.filter(\.fatal).map(\.field) == ["credit_code", "region"])
        #expect(input.profiles.isEmpty)
    }

    @Test("rows of one enterprise are grouped even when not adjacent")
    func nonAdjacent() {
        let a = BatchFixtures.code(10), b = BatchFixtures.code(11)
        let csv = BatchFixtures.deqingHeader +
            "\(a),甲,330521,C34,2010-01-01,2023,300,true\n" +
            "\(b),乙,330521,C34,2010-01-01,2023,500,true\n" +
            "\(a),甲,330521,C34,2010-01-01,2022,200,false\n"
        let input = BatchFixtures.read(csv)
        #expect(input.issues.isEmpty)
        #expect(input.profiles.map(\.creditCode) == [a, b])
        #expect(input.profiles[0].yearFacts.keys.sorted() == [2022, 2023])
        #expect(input.profiles[0].yearFacts[2022]?["rd_expense"] == .number(ExactDecimal(200)))
    }

    @Test("static fields that disagree between years reject that enterprise only")
    func disagreeingStatic() {
        let a = BatchFixtures.code(12), b = BatchFixtures.code(13)
        let csv = BatchFixtures.deqingHeader +
            "\(a),甲,330521,C34,2010-01-01,2023,300,true\n" +
            "\(a),甲,330521,C35,2010-01-01,2022,200,false\n" +
            "\(b),乙,330521,C34,2010-01-01,2023,500,true\n" +
            "\(b),乙,330521,,2010-01-01,2022,400,true\n"
        let input = BatchFixtures.read(csv)
        #expect(input.issues.count == 1)
        #expect(input.issues[0].location == "row 3" && input.issues[0].field == "industry" && input.issues[0].value == "\"C35\"")
        #expect(input.issues[0].expected.hasPrefix("the same industry as row 2 of \(a) (\"C34\")"))
        // An empty cell agrees with anything.
        #expect(input.profiles.map(\.creditCode) == [b])
    }

    @Test("a year given twice for one enterprise is reported")
    func duplicateYear() {
        let a = BatchFixtures.code(14)
        let input = BatchFixtures.read(BatchFixtures.deqingHeader + "\(a),甲,330521,C34,2010-01-01,2023,300,true\n\(a),甲,330521,C34,2010-01-01,2023,300,true\n")
        #expect(input.issues.map(\.location) == ["row 3"])
        #expect(input.profiles.isEmpty)
    }

    @Test("GB18030 and BOM inputs give the same enterprises as plain UTF-8")
    func encodings() {
        let csv = BatchFixtures.deqingHeader + BatchFixtures.deqing(1, rd: "300000", rdBefore: "200000")
        let plain = BatchInput.read(csv: CSVReader(bytes: Array(csv.utf8)), policies: BatchFixtures.policies)
        let bom = BatchInput.read(csv: CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array(csv.utf8)), policies: BatchFixtures.policies)
        let gb = BatchInput.read(csv: CSVReader(bytes: TextEncoding.gb18030.encode(csv)!), policies: BatchFixtures.policies)
        #expect(plain.profiles[0].name == "德清企业1")
        #expect(gb.encoding == .gb18030 && bom.encoding == .utf8)
        #expect(plain.profiles == bom.profiles)
        #expect(plain.profiles == gb.profiles)
    }

    @Test("an enterprise read from CSV rows is the same profile as from its JSON file")
    func csvEqualsJSON() throws {
        let json = try String(contentsOf: BatchFixtures.root.appendingPathComponent("Examples/deqing-no-rd.json"), encoding: .utf8)
        let fromJSON = try #require(ProfileReader(policies: BatchFixtures.policies).read(json: json).profile)
        let csv = """
        credit_code,name,region,industry,registered,hte_certificates,titles,year,revenue,rd_expense,taxable_income,above_scale,in_rd_statistics
        91330521MA2B3C4D5Q,德清示例新材料有限公司,330521,C2651,2016-03-01,2023-11-20,sci-tech-giant@2023,2022,,0,,,false
        91330521MA2B3C4D5Q,德清示例新材料有限公司,330521,C2651,2016-03-01,2023-11-20,sci-tech-giant@2023,2023,60000000,0,3000000,true,false

        """
        let input = BatchFixtures.read(csv)
        #expect(input.issues.isEmpty)
        #expect(input.profiles == [fromJSON])
        // JSON Lines: the same file, one line.
        let line = json.replacingOccurrences(of: "\n", with: " ")
        let jsonl = BatchInput.read(jsonl: LineReader(bytes: Array((line + "\n").utf8)), policies: BatchFixtures.policies)
        #expect(jsonl.profiles == [fromJSON])
    }

    @Test("JSON Lines: a bad line is reported with its line number; the others are read")
    func jsonLines() {
        let a = BatchFixtures.code(15)
        let text = "{\"credit_code\":\"\(a)\",\"region\":\"330521\",\"years\":{\"2023\":{\"rd_expense\":\"1\"}}}\n{oops\n" +
            "{\"credit_code\":\"\(a)\",\"region\":\"330521\",\"years\":{\"2022\":{\"rd_expense\":\"2\"}}}\n"
        let input = BatchInput.read(jsonl: LineReader(bytes: Array(text.utf8)), policies: BatchFixtures.policies)
        #expect(input.issues.count == 1)
        #expect(input.issues[0].location.hasPrefix("line 2"))
        #expect(input.profiles.count == 1)
        #expect(input.profiles[0].yearFacts.keys.sorted() == [2022, 2023])
    }
}
