import Foundation
import IncentiveSupport
import TestSupport
import Testing

/// `incentive batch` end to end: the built binary on files written here.
@Suite struct BatchCLITests {
    /// Two good Deqing enterprises (rows 2–3 and 5), one bad amount (row 4, kept), one bad credit code (row 6).
    static let csv = """
    credit_code,name,region,year,rd_expense,in_rd_statistics
    91330521000000000B,甲,330521,2023,3000000,true
    91330521000000000B,甲,330521,2022,1000000,true
    91330521000000001E,乙,330521,2023,12万,true
    91330521000000002H,丙,330521,2023,2000000,true
    91330521000000002X,丁,330521,2023,2000000,true

    """

    @Test("bad rows: each named on stderr with row, field and value; the good rows evaluated; exit 1")
    func badRows() throws {
        let scratch = ScratchDirectory("incentive-batch")
        defer { scratch.remove() }
        let input = scratch.url("bad.csv"), out = scratch.url("out.csv"), errors = scratch.url("errors.csv")
        try Data(Self.csv.utf8).write(to: input)
        // Messages on stderr follow --lang (Chinese by default); the --errors file is English either way.
        let result = try ExamplesTests.run(["batch", input.path, "--year", "2023", "--out", out.path, "--errors", errors.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("第 4 行：字段 'rd_expense'：值为 \"12万\"；应为 以元为单位的金额"), "\(result.stderr)")
        #expect(result.stderr.contains("第 6 行：字段 'credit_code'：值为 \"91330521000000002X\"；应为 有效的统一社会信用代码（校验码为"))
        let english = try ExamplesTests.run(["batch", input.path, "--year", "2023", "--lang", "en"])
        #expect(english.status == 1)
        #expect(english.stderr.contains("row 4: field 'rd_expense': found \"12万\""))
        #expect(english.stderr.contains("row 6: field 'credit_code': found \"91330521000000002X\""))
        #expect(!english.stderr.contains("字段"))
        let bytes = try Data(contentsOf: out)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 BOM for Excel")
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 4, "header and three enterprises")
        let header = lines[0].components(separatedBy: ",")
        let column = try #require(header.firstIndex(of: "deqing.rd-top10-total"))
        // 甲 and 丙 rank 1 and 2 (乙's R&D is unreadable: undetermined, not ranked): 30万 each.
        #expect(lines[1].components(separatedBy: ",")[column] == "300000")
        #expect(lines[3].components(separatedBy: ",")[column] == "300000")
        #expect(lines[2].components(separatedBy: ",")[column] == "")
        let errorLines = String(decoding: try Data(contentsOf: errors).dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(errorLines.count == 3)
        #expect(errorLines[1].hasPrefix("row 4,rd_expense,\"\"\"12万\"\"\""))
        #expect(errorLines[1].contains("money in yuan"), "the errors file keeps the English contract: \(errorLines[1])")
    }

    @Test("--errors that cannot be replaced (a directory): exit 2, and no temporary file left beside it")
    func errorsFileNotReplaced() throws {
        let scratch = ScratchDirectory("incentive-batch")
        defer { scratch.remove() }
        let input = scratch.url("bad.csv"), errors = scratch.url("errors")
        try Data(Self.csv.utf8).write(to: input)
        try FileManager.default.createDirectory(at: errors, withIntermediateDirectories: true)
        let result = try ExamplesTests.run(["batch", input.path, "--year", "2023", "--errors", errors.path, "--lang", "en"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot be replaced"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["bad.csv", "errors"])
    }

    @Test("--format json: enterprises, pools with size, demand, ratio and paid, totals and errors")
    func json() throws {
        let scratch = ScratchDirectory("incentive-batch")
        defer { scratch.remove() }
        let input = scratch.url("json.csv")
        try Data(Self.csv.utf8).write(to: input)
        let result = try ExamplesTests.run(["batch", input.path, "--year", "2023", "--format", "json"])
        #expect(result.status == 1)
        let json = try JSONParser.parse(result.stdout)
        #expect(json["year"] == .number("2023"))
        #expect(json["enterprises"]?.arrayValue?.count == 3)
        let pool = try #require(json["pools"]?.arrayValue?.first)
        #expect(pool["pool"]?.stringValue == "deqing.rd-pool")
        #expect(pool["size"]?.stringValue == "10000000")
        #expect(pool["demand"]?.stringValue == "600000")
        #expect(pool["paid"]?.stringValue == "600000")
        #expect(pool["ratio"]?.stringValue == "1.000000")
        #expect(json["totals"]?["cash"]?.stringValue == "600000.00")
        #expect(json["errors"]?.arrayValue?.count == 2)
    }

    @Test("--long: one row per enterprise and rule, with status and reasons")
    func long() throws {
        let scratch = ScratchDirectory("incentive-batch")
        defer { scratch.remove() }
        let input = scratch.url("long.csv")
        try Data(Self.csv.utf8).write(to: input)
        let result = try ExamplesTests.run(["batch", input.path, "--year", "2023", "--long"])
        let rows = result.stdout.components(separatedBy: "\r\n").filter { $0.components(separatedBy: ",").dropFirst(3).first == "deqing.rd-top10-total" }
        #expect(rows.count == 3)
        #expect(rows.contains { $0.contains(",undetermined,") })
    }

    @Test("estimate --cohort decides the ranking among the file's enterprises")
    func cohort() throws {
        let scratch = ScratchDirectory("incentive-batch")
        defer { scratch.remove() }
        let input = scratch.url("cohort.csv")
        try Data(Self.csv.utf8).write(to: input)
        let result = try ExamplesTests.run(["estimate", "Examples/deqing-no-rd.json", "--year", "2023", "--cohort", input.path, "--format", "json"])
        let json = try JSONParser.parse(result.stdout)
        let top10 = json["results"]?.arrayValue?.first { $0["rule"]?.stringValue == "deqing.rd-top10-total" }
        // Zero R&D: outside the cohort, now decided (ineligible), no longer "needs the cohort".
        #expect(top10?["status"]?.stringValue == "ineligible")
    }
}
