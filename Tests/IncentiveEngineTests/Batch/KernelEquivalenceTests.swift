import Foundation
@testable import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import TestSupport
import Testing

/// The batch kernel computes what the explaining evaluator computes: for every generated
/// enterprise and every year from 2016 to 2028 (each parameter version, each super-deduction
/// rate), the same rules, statuses, paid amounts and obligations.
@Suite struct KernelEquivalenceTests {
    static let years = Array(2016...2028)

    /// Profiles of `BatchPropertyTests.population`, with facts knocked out or pushed to their
    /// boundaries so absent facts, zero R&D and exact thresholds are all met.
    static func profiles(seed: UInt64, count: Int) -> [Profile] {
        let input = BatchFixtures.read(BatchPropertyTests.population(count, seed: seed))
        var random = SplitMix64(seed: seed &+ 99)
        let facts = BatchFixtures.policies.factIndex
        return input.profiles.map { profile in
            var profile = profile
            for year in profile.yearFacts.keys.sorted() where random.below(100) < 30 {
                let name = ["rd_expense", "revenue", "employees", "tech_staff", "above_scale", "innovation_score", "taxable_income"][random.below(7)]
                let fact = facts[name]!
                switch random.below(3) {
                case 0: profile.set(fact, year: year, to: nil)
                case 1: profile.set(fact, year: year, to: fact.type == .bool ? .bool(false) : .number(.zero))
                default: profile.set(fact, year: year, to: fact.type == .bool ? .bool(true) : .number(ExactDecimal(70)))
                }
            }
            return profile
        }
    }

    @Test("kernel = evaluator on every rule and obligation, 2016–2028", arguments: [UInt64(11), 12, 13])
    func kernelEqualsEvaluator(seed: UInt64) {
        let policies = BatchFixtures.policies
        let evaluator = Evaluator(policies: policies, findsNearMisses: false, explains: false)
        let profiles = Self.profiles(seed: seed, count: 80)
        var compared = 0, eligible = 0
        for year in Self.years {
            let kernel = KernelEvaluator(policies: policies, year: year)
            for profile in profiles {
                let results = KernelVersusEvaluator.expectSame(profile, year: year, policies: policies, evaluator: evaluator, kernel: kernel).rules
                compared += results.count
                eligible += results.filter { $0.status == .eligible }.count
            }
        }
        #expect(compared > 6_000)
        #expect(eligible > 800, "the comparison must cover eligible outcomes with amounts, not only refusals")
    }

    @Test("sub-expressions that read nothing of the enterprise are constant; fact reads are not")
    func folding() {
        let policies = BatchFixtures.policies
        let rule = policies.rule("cn.hte-qualification")!
        #expect(KernelCompiler.isConstant(rule.versionDate), "date(Y, 12, 31) reads nothing of the enterprise")
        let growth = policies.rule("deqing.rd-top10-growth")!
        #expect(!KernelCompiler.isConstant(growth.cohort[0].expr))
    }
}

/// Which files the kernel takes, and which it leaves to the general path (`run` returns nil).
@Suite struct KernelPathTests {
    static func run(_ text: String) throws -> KernelBatch.Output? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kernel-path-\(getpid())-\(text.hashValue).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try KernelBatch(policies: BatchFixtures.policies, year: 2023).run(path: path)
    }

    @Test("a generated population, with bad cells and quoted names, takes the kernel")
    func takesKernel() throws {
        var csv = BatchPropertyTests.population(50, seed: 4)
        csv += "\(BatchFixtures.code(900)),\"名, \"\"称\"\"\",330521,C34,2010-01-01,,,false,2023,12万,,,1000000,,,,,,,true,true,,,,,\n"
        let output = try #require(try Self.run(csv))
        #expect(output.enterprises == 51)
        #expect(output.issues.map(\.field) == ["revenue"])
    }

    @Test("rows written in parallel chunks, cohort rows among them, are the rows written in one piece")
    func rowsInChunks() throws {
        let output = try #require(try Self.run(BatchPropertyTests.population(300, seed: 8)))
        #expect(output.cohortPositions.count > 20 && output.cohortPositions.count < output.enterprises - 20)
        var whole: [UInt8] = [], pieces: [UInt8] = []
        output.writeRows(block: output.enterprises, chunk: output.enterprises) { whole += $0 }
        output.writeRows(block: 23, chunk: 4) { pieces += $0 }
        #expect(String(decoding: whole, as: UTF8.self).split(separator: "\r\n").count == output.enterprises)
        #expect(pieces == whole)
    }

    @Test("rows of an enterprise apart are grouped, enterprises in the order they first appear, problems in row order")
    func groupsRowsApart() throws {
        let a = BatchFixtures.code(1), b = BatchFixtures.code(2), c = BatchFixtures.code(3)
        let csv = "credit_code,name,region,year,rd_expense\n\(b),乙,330521,2023,x2\n\(a),甲,330521,2023,x3\n\(c),丙,330521,2023,1\n"
            + "\(a),甲,330521,2022,x5\n\(b),乙,330521,2022,x6\n"
        let output = try #require(try Self.run(csv))
        #expect(output.enterprises == 3 && output.rows == 5)
        #expect(output.issues.map(\.location) == ["row 2", "row 3", "row 5", "row 6"])
        var bytes: [UInt8] = []
        output.writeRows { bytes += $0 }
        let codes = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").map { $0.prefix(while: { $0 != "," }) }
        #expect(codes == [b[...], a[...], c[...]])
    }

    @Test("a file of over a mebibyte, with a BOM, CRLF and quoted names over two lines, sorted by year: the same rows and problems as in enterprise order")
    func groupsAcrossChunks() throws {
        var lines = BatchPropertyTests.population(2_600, seed: 11).split(separator: "\n").map(String.init)
        // Every 97th enterprise: a quoted name over two lines on its three rows, an unreadable revenue on one.
        for enterprise in stride(from: 2, to: 2_600, by: 97) {
            for year in 0..<3 {
                var cells = lines[1 + 3 * enterprise + year].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                cells[1] = "\"名称\(enterprise),\r\n第二行\""
                if year == 1 { cells[9] = "12万" }
                lines[1 + 3 * enterprise + year] = cells.joined(separator: ",")
            }
        }
        let header = lines[0], body = Array(lines.dropFirst())
        // The body is each enterprise's 2021, 2022 and 2023 rows in turn: every 2021 row first, then 2022, then 2023.
        let byYear = (0..<3).flatMap { year in stride(from: year, to: body.count, by: 3).map { body[$0] } }
        func text(_ rows: [String]) -> String { "\u{FEFF}" + ([header] + rows).joined(separator: "\r\n") + "\r\n" }
        #expect(text(byYear).utf8.count > 1 << 20, "more than one chunk of the reader")
        let adjacent = try #require(try Self.run(text(body)))
        let apart = try #require(try Self.run(text(byYear)))
        var a: [UInt8] = [], b: [UInt8] = []
        adjacent.writeRows { a += $0 }
        apart.writeRows { b += $0 }
        let sameRows = a == b
        #expect(sameRows, "the wide rows differ")
        #expect(apart.enterprises == 2_600 && apart.rows == adjacent.rows)
        #expect(apart.issues.count == 27)
        // The same problems; their rows differ between the two files, each list is in its rows' order.
        #expect(Set(apart.issues.map { "\($0.field) \($0.value)" }) == ["revenue \"12万\""])
        let rows = apart.issues.compactMap { Int($0.location.dropFirst(4)) }
        #expect(rows == rows.sorted() && rows.count == 27)
    }

    @Test("rows of an enterprise that disagree are left to the general path")
    func leavesToGeneral() throws {
        let a = BatchFixtures.code(1), b = BatchFixtures.code(2)
        #expect(try Self.run("credit_code,name,region,year,rd_expense\n\(a),甲,330521,2023,1\n\(a),乙,330521,2022,1\n") == nil)
        #expect(try Self.run("credit_code,name,region,year,rd_expense\n\(a),甲,330521,2023,1\n\(b),乙,330521,2023,2\n\(a),丁,330521,2022,1\n") == nil)
        #expect(try Self.run("credit_code,name,region,year,rd_expense\n\(a),甲,330521,2023,1\n\(b),乙,330521,2023,2\n") != nil)
    }
}

extension KernelPathTests {
    @Test("a fact set with a per-year fact the kernel holds no cell for (text) is left to the general path")
    func perYearTextIsGeneral() throws {
        let policies = InlinePolicies.load("""
        fact grade: text per-year "等级" "grade of the year"
        policy t.grade "等级" {
          region 330521
          provenance official
          rule t.graded "评级" { kind cash when ok: grade == "A" amount 1万 }
        }
        """)
        let a = BatchFixtures.code(1)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kernel-grade-\(getpid()).csv").path
        try Data("credit_code,name,region,year,grade\n\(a),甲,330521,2023,A\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try KernelBatch(policies: policies, year: 2023).run(path: path) == nil)
        // The bundled facts (numbers, flags and dates per year) take the kernel.
        #expect(try KernelBatch(policies: InlinePolicies.load(""), year: 2023).run(path: path) != nil)
    }
}

extension KernelPathTests {
    @Test("JSON Lines are left to the general path, whatever the file is called")
    func jsonLines() throws {
        let line = "{\"credit_code\": \"\(BatchFixtures.code(1))\", \"region\": \"330521\", \"years\": {\"2023\": {\"rd_expense\": 1}}}\n"
        #expect(try Self.run(line) == nil)
    }
}
