import Foundation
import IncentiveSupport
import TestSupport
import Testing

/// `incentive batch` to a wide CSV runs through the compiled batch kernel; `--general` runs the
/// explaining evaluator. The two must give the same bytes, messages and exit code on every input:
/// generated populations (absent facts, zero R&D, every county, ranks and a binding pool) and
/// files written to break the fast path (quotes, CRLF, BOM, blank lines, bad cells, rows apart,
/// rows in disagreement, GB18030).
@Suite struct KernelCLITests {
    static func code(_ serial: Int, region: String) -> String { CreditCodes.code(serial, region: region) }

    static let header = "credit_code,name,region,industry,registered,hte_certificates,titles,listed_ic_or_machine_tool,year,revenue,main_revenue,manufacturing_revenue,rd_expense,rd_domestic,hitech_revenue,employees,tech_staff,total_assets,taxable_income,above_scale,in_rd_statistics,ip_class1,ip_class2,innovation_score,major_incident,tech_service_spend"

    static func population(_ count: Int, seed: UInt64) -> String {
        var draw = SplitMix64(seed: seed)
        func maybe(_ text: String, _ percent: Int = 10) -> String { draw.below(100) < percent ? "" : text }
        var lines = [header]
        let regions = ["330726", "330521", "330482", "330781", "330521"]
        let titles = ["tech-sme", "sci-tech-giant", "provincial-tech-leader", "provincial-key-lab", "national-incubator", "provincial-incubator"]
        for index in 0..<count {
            let region = regions[draw.below(regions.count)]
            let code = code(index, region: region)
            let certificates = draw.below(100) < 40 ? "\(2019 + draw.below(5))-12-0\(1 + draw.below(9))" + (draw.below(4) == 0 ? ";2023-11-20" : "") : ""
            let title = draw.below(100) < 40 ? "\(titles[draw.below(titles.count)])@\(draw.below(2) == 0 ? "2023" : "2023-06-30")" : ""
            let registered = "20\(10 + draw.below(13))-0\(1 + draw.below(9))-1\(draw.below(9))"
            let industry = ["C34", "C2651", "F5123", "C16", "M7320"][draw.below(5)]
            let listed = draw.below(20) == 0 ? "true" : "false"
            for year in 2021...2023 {
                let revenue = 1_000_000 + draw.below(300_000_000)
                let rd = draw.below(100) < 15 ? 0 : revenue * draw.below(80) / 1000
                let employees = 5 + draw.below(600)
                let fen = draw.below(4) == 0 ? ".\(10 + draw.below(90))" : ""
                lines.append([code, "企业\(index)", region, industry, registered, certificates, title, listed,
                              String(year), maybe(String(revenue)), String(revenue * 9 / 10), String(revenue * draw.below(10) / 10),
                              maybe(String(rd) + fen, 6), String(rd * 8 / 10), String(revenue * draw.below(10) / 10), String(employees),
                              String(employees * draw.below(40) / 100), String(revenue * 2), maybe(String(revenue / 10 - draw.below(revenue / 8))),
                              maybe(draw.below(2) == 0 ? "true" : "false"), maybe(["true", "false", "1", "0"][draw.below(4)]),
                              String(draw.below(3)), String(draw.below(6)), String(50 + draw.below(50)), draw.below(30) == 0 ? "true" : "false",
                              maybe(String(draw.below(400_000)), 50)].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs both paths on the same bytes; returns the fast path's output for further checks.
    @discardableResult
    static func sameOnBothPaths(_ bytes: [UInt8], _ name: String, year: Int = 2023) throws -> String {
        let scratch = ScratchDirectory("incentive-batch")
        defer { scratch.remove() }
        let input = scratch.url(name), fast = scratch.url("\(name).fast.csv"), general = scratch.url("\(name).general.csv")
        try Data(bytes).write(to: input)
        let a = try ExamplesTests.run(["batch", input.path, "--year", String(year), "--out", fast.path])
        let b = try ExamplesTests.run(["batch", input.path, "--year", String(year), "--out", general.path, "--general"])
        #expect(a.status == b.status, "\(name): exit codes")
        #expect(a.stderr == b.stderr, "\(name): messages")
        let fastBytes = (try? Data(contentsOf: fast)) ?? Data(), generalBytes = (try? Data(contentsOf: general)) ?? Data()
        #expect(fastBytes == generalBytes, "\(name): output bytes")
        return String(decoding: fastBytes, as: UTF8.self)
    }

    @Test("generated populations: the kernel's wide CSV is the explaining evaluator's, byte for byte", arguments: [UInt64(5), 6])
    func populations(seed: UInt64) throws {
        let output = try Self.sameOnBothPaths(Array(Self.population(400, seed: seed).utf8), "population-\(seed).csv")
        let rows = output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 401)
        #expect(output.contains("300000"), "ranked Deqing awards are paid")
        try Self.sameOnBothPaths(TextEncoding.gb18030.encode(Self.population(150, seed: seed))!, "population-\(seed)-gb18030.csv")
        // Sorted by year, as a spreadsheet often is: each enterprise's rows apart, bad cells among them.
        var lines = Self.population(150, seed: seed).split(separator: "\n").map(String.init)
        for index in stride(from: 1, to: lines.count, by: 37) { lines[index] = lines[index].replacingOccurrences(of: ",true,", with: ",maybe,") }
        let byYear = [lines[0]] + lines.dropFirst().enumerated().sorted { ($0.element.split(separator: ",")[8], $0.offset) < ($1.element.split(separator: ",")[8], $1.offset) }.map(\.element)
        let sortedOutput = try Self.sameOnBothPaths(Array((byYear.joined(separator: "\n") + "\n").utf8), "population-\(seed)-by-year.csv")
        #expect(sortedOutput.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 151)
        for year in [2019, 2021, 2025] { try Self.sameOnBothPaths(Array(Self.population(60, seed: seed).utf8), "population-\(seed)-\(year).csv", year: year) }
    }

    @Test("awkward files: quotes, CRLF, BOM, blank lines, bad cells and rows — same output and messages")
    func awkwardFiles() throws {
        let a = Self.code(1, region: "330521"), b = Self.code(2, region: "330726"), c = Self.code(3, region: "330521")
        let rows = [
            "credit_code,name,region,year,rd_expense,revenue,in_rd_statistics,above_scale,hte_certificates,titles,taxable_income",
            "\(a),\"德清, \"\"甲\"\"\",330521,2023,3000000,50000000,true,是,2023-11-20,sci-tech-giant@2023,4000000",
            "\(a),\"德清, \"\"甲\"\"\",330521,2022,1000000,40000000,false,否,2023-11-20,sci-tech-giant@2023,",
            "",
            "\(b),\"多行\n名称\",330726,2023, 2000000 ,1e8,TRUE,1,2020-12-01,,-500000",
            "\(b),\"多行\n名称\",330726,2022,12万,90000000,0,1,2020-12-01,,",
            "\(c),丙,330521,2023,2000000.5,abc,true,true,2023-02-30,tech-sme@2023;;x@1,3000000",
            "91330521000000002X,丁,330521,2023,2000000,1,true,true,,,",
            "\(c)9,戊,330521,2023",
        ]
        try Self.sameOnBothPaths(Array(rows.joined(separator: "\r\n").utf8), "awkward-crlf.csv")
        // As Excel on a Chinese Windows saves it: GB18030, which the kernel reads as a UTF-8 copy.
        try Self.sameOnBothPaths(TextEncoding.gb18030.encode(rows.joined(separator: "\r\n"))!, "awkward-gb18030.csv")
        try Self.sameOnBothPaths([0xEF, 0xBB, 0xBF] + Array(rows.joined(separator: "\n").utf8) + [0x0A, 0x0A], "awkward-bom.csv")
    }

    @Test("number cells at the kernel's fast paths' edges: 18 and 19 digits, leading zeros, signs, decimals, spaces — same output and messages")
    func numberEdges() throws {
        let cells = ["999999999999999999", "1000000000000000000", "000000000000000042", "000000000004200000", "0", "-0", "-5", "+5", "5.",
                     ".5", "0.10", "1.005", "3.0", "3.5", " 7", "7 ", "1e3", "12万", "99999999999999999999999999999", "0000000000000000000001"]
        var lines = Self.population(3 * cells.count, seed: 9).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // Each edge as an amount the paid awards follow (R&D expense), an integer (employees) and
        // a signed amount (taxable income), in rows of every kind of enterprise.
        let columns = ["rd_expense", "employees", "taxable_income"].map { lines[0].firstIndex(of: $0)! }
        for row in 1..<lines.count {
            for (offset, column) in columns.enumerated() { lines[row][column] = cells[(row + offset) % cells.count] }
        }
        try Self.sameOnBothPaths(Array((lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").utf8), "number-edges.csv")
    }

    @Test("a batch of twenty-two regions (more than the kernel scans before it hashes them): same output and messages")
    func manyRegions() throws {
        let regions = (0..<20).map { String(330100 + 101 * $0) } + ["330521", "330726"]
        var lines = Self.population(200, seed: 3).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let regionColumn = lines[0].firstIndex(of: "region")!
        // All rows of an enterprise in one region, chosen by its credit code.
        for row in 1..<lines.count { lines[row][regionColumn] = regions[lines[row][0].utf8.reduce(0) { $0 + Int($1) } % regions.count] }
        let output = try Self.sameOnBothPaths(Array((lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n").utf8), "many-regions.csv")
        #expect(Set(regions.filter { output.contains(",\($0),") }).count > 16)
    }

    @Test("a later row the general path rejects (a bad region) adds none of its static cells to the enterprise")
    func rejectedRowAddsNothing() throws {
        let a = Self.code(1, region: "330521"), b = Self.code(2, region: "330726")
        let rows = [
            "credit_code,name,region,year,rd_expense,revenue,hte_certificates",
            "\(a),,330521,2022,1000000,40000000,",
            "\(a),甲,33052x,2023,3000000,50000000,2023-11-20",
            "\(b),乙,330726,2023,2000000,50000000,2022-11-20",
            "\(b),乙,330726,2022,2000000,50000000,2022-11-20",
        ]
        let output = try Self.sameOnBothPaths(Array(rows.joined(separator: "\n").utf8), "rejected-row.csv")
        #expect(!output.contains("甲"), "the rejected row's name is not the enterprise's")
    }

    @Test("files the kernel leaves to the general path: rows apart, rows in disagreement, GB18030, only a header")
    func generalPathFiles() throws {
        let a = Self.code(1, region: "330521"), b = Self.code(2, region: "330521")
        let apart = "credit_code,name,region,year,rd_expense\n\(a),甲,330521,2023,1\n\(b),乙,330521,2023,2\n\(a),甲,330521,2022,1\n"
        try Self.sameOnBothPaths(Array(apart.utf8), "apart.csv")
        let disagree = "credit_code,name,region,year,rd_expense\n\(a),甲,330521,2023,1\n\(a),乙,330521,2022,1\n\(b),乙,330521,2023,2\n"
        try Self.sameOnBothPaths(Array(disagree.utf8), "disagree.csv")
        let twice = "credit_code,name,region,year,rd_expense\n\(a),甲,330521,2023,1\n\(a),甲,330521,2023,2\n"
        try Self.sameOnBothPaths(Array(twice.utf8), "twice.csv")
        let gb18030 = "credit_code,name,region,year,rd_expense\n\(a),".utf8 + [0xBC, 0xD7] + ",330521,2023,1\n".utf8
        try Self.sameOnBothPaths(Array(gb18030), "gb18030.csv")
        // GB18030 but for one row that is not GB18030 text (0xFF never is): the general path reads it all.
        let broken = "credit_code,name,region,year,rd_expense\n\(a),".utf8 + [0xBC, 0xD7] + ",330521,2023,1\n\(b),".utf8 + [0xFF, 0xFF] + ",330521,2023,2\n".utf8
        try Self.sameOnBothPaths(Array(broken), "gb18030-broken.csv")
        // Rows apart, and the enterprise's first row dropped (a bad region): the general path
        // places it by its first kept row, after the enterprise between.
        let firstDropped = "credit_code,name,region,year,rd_expense\n\(a),甲,33052,2022,1\n\(b),乙,330521,2023,2\n\(a),甲,330521,2023,1\n"
        let output = try Self.sameOnBothPaths(Array(firstDropped.utf8), "first-dropped.csv")
        #expect(output.range(of: "乙")!.lowerBound < output.range(of: "甲")!.lowerBound, "placed by its first kept row")
        try Self.sameOnBothPaths(Array("credit_code,name,region,year,rd_expense\n".utf8), "header-only.csv")
        try Self.sameOnBothPaths(Array("credit_code,name,year\n\(a),甲,2023\n".utf8), "no-region-column.csv")
    }
}
