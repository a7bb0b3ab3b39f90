import Foundation
import Testing

/// Review of the batch kernel against the explaining path (`--general`): inputs and inline
/// policies chosen to break the fast path. Each test states its input; a failing one is a
/// divergence, with its suspected cause in the kernel named above it.
@Suite struct KernelReviewTests {
    static let a = KernelCLITests.code(1, region: "330521"), b = KernelCLITests.code(2, region: "330521")
    static let c = KernelCLITests.code(3, region: "330521"), d = KernelCLITests.code(4, region: "330521")

    /// A policy directory: the bundled facts and one policy file.
    static func policies(_ name: String, _ text: String) throws -> String {
        let directory = BatchCLITests.temporary("policies-\(name)")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ExamplesTests.root.appendingPathComponent("Policies/facts.policy"), to: directory.appendingPathComponent("facts.policy"))
        try text.write(to: directory.appendingPathComponent("t.policy"), atomically: true, encoding: .utf8)
        return directory.path
    }

    /// A policy for Deqing (330521) in force from 2020 with the given body.
    static func policy(_ body: String) -> String {
        "policy t.review \"审查\" {\n  issuer \"测试\"\n  region 330521\n  effective 2020-01-01\n  provenance seed\n\(body)\n}\n"
    }

    /// Both paths on the same bytes (and options): same exit code, stderr and output bytes.
    @discardableResult
    static func same(_ bytes: [UInt8], _ name: String, year: Int = 2023, _ extra: [String] = []) throws -> String {
        let input = BatchCLITests.temporary(name), fast = BatchCLITests.temporary("\(name).fast.csv"), general = BatchCLITests.temporary("\(name).general.csv")
        try? FileManager.default.removeItem(at: fast)
        try? FileManager.default.removeItem(at: general)
        try Data(bytes).write(to: input)
        let x = try ExamplesTests.run(["batch", input.path, "--year", String(year), "--out", fast.path] + extra)
        let y = try ExamplesTests.run(["batch", input.path, "--year", String(year), "--out", general.path, "--general"] + extra)
        #expect(x.status == y.status, "\(name): exit codes (fast \(x.status), general \(y.status))")
        #expect(x.stderr == y.stderr, "\(name): messages\n--- fast\n\(x.stderr.prefix(600))\n--- general\n\(y.stderr.prefix(600))")
        let fastBytes = (try? Data(contentsOf: fast)) ?? Data(), generalBytes = (try? Data(contentsOf: general)) ?? Data()
        #expect(fastBytes == generalBytes, "\(name): output\n--- fast\n\(String(decoding: fastBytes, as: UTF8.self))\n--- general\n\(String(decoding: generalBytes, as: UTF8.self))")
        return String(decoding: fastBytes, as: UTF8.self)
    }

    static func same(_ text: String, _ name: String, year: Int = 2023, _ extra: [String] = []) throws {
        try same(Array(text.utf8), name, year: year, extra)
    }

    // MARK: - Divergences

    /// A column named twice, the second cell empty: the general path keeps the first value (an
    /// empty cell is absent and stores nothing); the kernel writes `.null` over it.
    /// Cause: `SlotRowReader.read` assigns `yearFacts[slot]` / `statics[slot]` for an empty cell too.
    @Test("divergence: duplicate column, second cell empty")
    func duplicateColumn() throws {
        try Self.same("credit_code,name,region,year,rd_expense,rd_expense\n\(Self.a),甲,330521,2023,3000000,\n", "dup-column.csv")
        // `name` twice, the second empty: the general path's name is the last column's (none); the kernel keeps 甲.
        try Self.same("credit_code,name,region,year,rd_expense,name\n\(Self.a),甲,330521,2023,3000000,\n", "dup-name.csv")
    }

    /// The same enterprise's rows with the credit code written "CODE" and "CODE " (trailing space):
    /// the general path trims and merges them into one enterprise; the kernel keys runs by the raw
    /// bytes of the cell, so it makes two enterprises (two output rows; with the same year twice,
    /// no error and exit 0 instead of the enterprise rejected and exit 1).
    /// Cause: `RecordStream.nextRecord` (hash of the untrimmed cell) and `KernelBatch.run`'s `seen` check.
    @Test("divergence: credit code with a trailing space in one row")
    func creditCodeSpaces() throws {
        try Self.same("credit_code,name,region,year,rd_expense,in_rd_statistics\n\(Self.a),甲,330521,2022,1000000,false\n\(Self.a) ,甲,330521,2023,2000000,true\n",
                      "code-space.csv")
        try Self.same("credit_code,name,region,year,rd_expense,in_rd_statistics\n\(Self.a),甲,330521,2023,1000000,false\n\" \(Self.a)\",甲,330521,2023,2000000,true\n",
                      "code-space-twice.csv")
    }

    /// A file named `.jsonl` that holds CSV: the general path reads JSON Lines (by the name) and
    /// reports every line; the kernel reads it as CSV and evaluates it.
    /// Cause: `KernelBatch.run` / `BatchCommand.fastWide` never ask `BatchInput.format(path:firstBytes:)`.
    @Test("divergence: CSV text in a .jsonl file")
    func csvNamedJSONL() throws {
        try Self.same("credit_code,name,region,year,rd_expense\n\(Self.a),甲,330521,2023,3000000\n", "csv-text.jsonl")
    }

    /// `version date(Y, 2, 29)` in a year that is not a leap year: the version date is absent, so
    /// the general path cannot pick the parameter's version (undetermined); the kernel picks it by
    /// 1 January of Y (eligible, 10万).
    /// Cause: `KernelRule.init` folds the constant version date to `.null` and sets no `version` code;
    /// `KernelCompiler.compileNode(.param)` then falls back to `KernelFrame.versionDay()`'s 1 January.
    @Test("divergence: a constant version date that is absent")
    func absentConstantVersionDate() throws {
        let dir = try Self.policies("leap", Self.policy("""
          param award "奖励标准" money {
            from 2020-01-01: 10万 provenance seed
          }
          rule t.leap "闰日选版本" {
            kind cash
            article "a"
            version date(Y, 2, 29)
            when has_rd: rd_expense > 0
            amount award
          }
        """))
        let csv = "credit_code,name,region,year,rd_expense\n\(Self.a),甲,330521,2023,1000000\n\(Self.a),甲,330521,2024,1000000\n"
        try Self.same(csv, "leap-2023.csv", year: 2023, ["--policies", dir])
        try Self.same(csv, "leap-2024.csv", year: 2024, ["--policies", dir])
    }

    /// A veto whose condition is a quantifier: the kernel crashes (index out of range, exit 132).
    /// Cause: `KernelEvaluator.fired` builds `KernelFrame(profile:year:)` with no quantifier
    /// variables (the veto compiler's `variableCount` is never used).
    @Test("divergence: quantifier in a veto crashes the kernel")
    func quantifierInVeto() throws {
        let dir = try Self.policies("veto-some", Self.policy("""
          rule t.award "奖励" {
            kind cash
            tag t-award
            article "a"
            when has_rd: rd_expense > 0
            amount 1万
          }
          veto t.old "老证书否决" {
            article "v"
            applies tag t-award
            when old: some c in hte_certificates satisfies year(c) < 2021
          }
        """))
        try Self.same("credit_code,name,region,year,rd_expense,hte_certificates\n\(Self.a),甲,330521,2023,1000000,2019-12-01\n\(Self.b),乙,330521,2023,1000000,2022-12-01\n",
                      "veto-some.csv", ["--policies", dir])
    }

    /// An obligation whose condition is a quantifier: the kernel crashes the same way.
    /// Cause: `KernelEvaluator.obligations` builds `KernelFrame(profile:year:)` with no variables.
    @Test("divergence: quantifier in an obligation crashes the kernel")
    func quantifierInObligation() throws {
        let dir = try Self.policies("obligation-every", Self.policy("""
          rule t.award "奖励" {
            kind cash
            tag t-award
            article "a"
            when has_rd: rd_expense > 0
            amount 1万
          }
          obligation t.half "一半用于研发" {
            article "o"
            when certified: every c in hte_certificates satisfies year(c) >= 2000
            amount 50% * paid(tag t-award)
            round yuan
          }
        """))
        try Self.same("credit_code,name,region,year,rd_expense,hte_certificates\n\(Self.a),甲,330521,2023,1000000,2019-12-01\n",
                      "obligation-every.csv", ["--policies", dir])
    }
}
