import Foundation
import IncentiveSupport
import TestSupport
import Testing

/// `batch --record` then `replay`, end to end with the built binary, on Examples/batch-deqing.csv
/// (twelve Deqing enterprises, two top-10 rankings with ties, the R&D pool).
@Suite struct BatchRecordCLITests {
    static let example = "Examples/batch-deqing.csv"

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// A copy of Policies/ with one text replaced (it must occur exactly where meant: first match).
    static func editedPolicies(_ old: String, _ new: String, in dir: String) throws -> String {
        let copy = dir + "/Policies"
        try FileManager.default.copyItem(atPath: ExamplesTests.root.appendingPathComponent("Policies").path, toPath: copy)
        let file = copy + "/zhejiang/deqing/tech-policy.policy"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let range = try #require(text.range(of: old))
        try text.replacingCharacters(in: range, with: new).write(toFile: file, atomically: true, encoding: .utf8)
        return copy
    }

    @Test("one record per enterprise, in input order, with derivation and cohort decisions; replays identical")
    func recordsReplayIdenticalInInputOrder() throws {
        let scratch = ScratchDirectory("incentive-cli")
        defer { scratch.remove() }
        let dir = scratch.path, log = dir + "/log.jsonl", out = dir + "/out.csv"
        let batch = try ExamplesTests.run(["batch", Self.example, "--year", "2023", "--out", out, "--record", log])
        #expect(batch.status == 0, "\(batch.stderr)")
        let records = try Self.lines(log).map { try JSONParser.parse($0) }
        #expect(records.count == 12)
        let csv = try Self.lines(ExamplesTests.root.appendingPathComponent(Self.example).path).dropFirst().map { String($0.prefix(18)) }
        var inputOrder: [String] = []
        for code in csv where !inputOrder.contains(code) { inputOrder.append(code) }
        #expect(records.map { $0["input"]?["credit_code"]?.stringValue ?? "" } == inputOrder)
        let first = try #require(records.first)
        #expect(first["options"]?["command"]?.stringValue == "batch")
        #expect(first["cohort"]?["ranks"]?.arrayValue?.count == 2, "its place in both rankings")
        let top10 = first["result"]?["results"]?.arrayValue?.first { $0["rule"]?.stringValue == "deqing.rd-top10-total" }
        #expect(top10?["explanation"]?["conditions"]?.arrayValue?.isEmpty == false, "full derivation, not the wide CSV's lean mode")
        #expect(top10?["reasons"]?.arrayValue?.contains { $0.stringValue?.contains("pool deqing.rd-pool") == true } == true)

        let replay = try ExamplesTests.run(["replay", log, "--lang", "en"])
        #expect(replay.status == 0, "\(replay.stdout)")
        #expect(replay.stdout.contains("12 identical, 0 differs"))
        #expect(replay.stdout.contains("given as recorded: rank 1 among 12 in deqing.rd-top10-total by rd_expense"))
        #expect(replay.stdout.contains("(Examples/batch-deqing.csv): ranks and pools decided again from its 12 records: the same as recorded in every record"))
        #expect(replay.stdout.contains("12 records re-derived with their batch's recorded cohort decisions"))
    }

    @Test("a binding pool (--policies with a 200万 pool): pro-rata records replay identical")
    func bindingPoolReplaysIdentical() throws {
        let scratch = ScratchDirectory("incentive-cli")
        defer { scratch.remove() }
        let dir = scratch.path, log = dir + "/log.jsonl"
        let policies = try Self.editedPolicies("size 1000万", "size 200万", in: dir)
        let batch = try ExamplesTests.run(["batch", Self.example, "--year", "2023", "--policies", policies, "--record", log, "--format", "json"])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(try JSONParser.parse(batch.stdout)["pools"]?.arrayValue?.first?["paid"]?.stringValue == "2000000")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("\"demand\":\"3600000\"") && text.contains("\"allocated\":\"166667\""), "the scaled allocation is recorded")
        let replay = try ExamplesTests.run(["replay", log, "--policies", policies, "--lang", "en"])
        #expect(replay.status == 0, "\(replay.stdout)")
        #expect(replay.stdout.contains("12 identical, 0 differs"))
        #expect(replay.stdout.contains("pool deqing.rd-pool: size 2000000, demand 3600000, paid 2000000"))
    }

    @Test("an edited recorded rank, or an edited recorded amount, is tampered at its line only")
    func editedRankOrAmountIsTampered() throws {
        let scratch = ScratchDirectory("incentive-cli")
        defer { scratch.remove() }
        let dir = scratch.path, log = dir + "/log.jsonl"
        #expect(try ExamplesTests.run(["batch", Self.example, "--year", "2023", "--out", dir + "/out.csv", "--record", log]).status == 0)
        var lines = try Self.lines(log)
        let rank = try #require(lines[2].range(of: #""rank":[0-9]+,"#, options: .regularExpression))
        lines[2].replaceSubrange(rank, with: #""rank":99,"#)
        let amount = try #require(lines[5].range(of: #""amount":"300000""#))
        lines[5].replaceSubrange(amount, with: #""amount":"3000000""#)
        try (lines.joined(separator: "\n") + "\n").write(toFile: log, atomically: true, encoding: .utf8)
        let replay = try ExamplesTests.run(["replay", log, "--lang", "en"])
        #expect(replay.status == 1)
        #expect(replay.stdout.contains("line 3  tampered") && replay.stdout.contains("line 6  tampered"))
        #expect(replay.stdout.contains("10 identical, 0 differs, 0 policy-changed, 2 tampered"), "\(replay.stdout.suffix(400))")
        #expect(replay.stdout.contains("some of its records are tampered: its cohort is not decided again"))
    }

    @Test("replayed under changed policies: policy-changed, with the impact")
    func policyChangeIsPolicyChanged() throws {
        let scratch = ScratchDirectory("incentive-cli")
        defer { scratch.remove() }
        let dir = scratch.path, log = dir + "/log.jsonl"
        #expect(try ExamplesTests.run(["batch", Self.example, "--year", "2023", "--out", dir + "/out.csv", "--record", log]).status == 0)
        let policies = try Self.editedPolicies("amount 30万", "amount 40万", in: dir)
        let replay = try ExamplesTests.run(["replay", log, "--policies", policies, "--lang", "en"])
        #expect(replay.status == 1)
        #expect(replay.stdout.contains("0 identical, 0 differs, 12 policy-changed, 0 tampered"), "\(replay.stdout.suffix(400))")
        #expect(replay.stdout.contains("files changed: zhejiang/deqing/tech-policy.policy"))
        #expect(replay.stdout.contains("recorded under another policy set: its cohort is not decided again under these policies"))
        #expect(replay.stdout.contains("deqing.rd-top10-total: recorded eligible 300000, now eligible 400000"))
    }

    @Test("rows of one enterprise apart: records follow each enterprise's first row")
    func recordsFollowFirstAppearance() throws {
        let scratch = ScratchDirectory("incentive-cli")
        defer { scratch.remove() }
        let dir = scratch.path, log = dir + "/log.jsonl", input = dir + "/apart.csv"
        try """
        credit_code,name,region,year,rd_expense,in_rd_statistics
        91330521000000001E,乙,330521,2023,2000000,true
        91330521000000000B,甲,330521,2023,3000000,true
        91330521000000001E,乙,330521,2022,1000000,true
        91330521000000002H,丙,330521,2023,2500000,true
        91330521000000000B,甲,330521,2022,1000000,true

        """.write(toFile: input, atomically: true, encoding: .utf8)
        let batch = try ExamplesTests.run(["batch", input, "--year", "2023", "--out", dir + "/out.csv", "--record", log])
        #expect(batch.status == 0, "\(batch.stderr)")
        let records = try Self.lines(log).map { try JSONParser.parse($0) }
        #expect(records.map { $0["input"]?["credit_code"]?.stringValue ?? "" } == ["91330521000000001E", "91330521000000000B", "91330521000000002H"])
        #expect(records.map { $0["options"]?["enterprise"]?.numberText ?? "" } == ["1", "2", "3"])
        #expect(records[0]["input"]?["years"]?.objectMembers?.map(\.key) == ["2022", "2023"], "both years of 乙, rows apart")
        let replay = try ExamplesTests.run(["replay", log, "--lang", "en"])
        #expect(replay.status == 0, "\(replay.stdout)")
    }

    @Test("estimate --cohort --record keeps the cohort's decisions and names the cohort file; replays identical")
    func estimateWithCohortIsRecorded() throws {
        let scratch = ScratchDirectory("incentive-cli")
        defer { scratch.remove() }
        let dir = scratch.path, log = dir + "/log.jsonl", profile = dir + "/deqing-3.json"
        // 德清企业3 of the example cohort: 7,000,000 of R&D ranks 4th among its twelve.
        try """
        {"credit_code": "91330521000000003L", "name": "德清企业3", "region": "330521", "industry": "C34", "registered": "2015-01-01",
         "years": {"2022": {"rd_expense": "3500000", "revenue": "40000000", "in_rd_statistics": true, "taxable_income": "1000000"},
                   "2023": {"rd_expense": "7000000", "revenue": "50000000", "in_rd_statistics": true, "taxable_income": "1000000"}}}
        """.write(toFile: profile, atomically: true, encoding: .utf8)
        let run = try ExamplesTests.run(["estimate", profile, "--year", "2023", "--cohort", Self.example, "--record", log, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let record = try JSONParser.parse(try #require(try Self.lines(log).first))
        #expect(record["options"]?["cohort"]?.stringValue == Self.example)
        #expect(record["options"]?["cohort_digest"]?.stringValue?.hasPrefix("sha256:") == true)
        let shown = try JSONParser.parse(run.stdout)["results"]?.arrayValue?.first { $0["rule"]?.stringValue == "deqing.rd-top10-total" }
        let recorded = record["result"]?["results"]?.arrayValue?.first { $0["rule"]?.stringValue == "deqing.rd-top10-total" }
        #expect(shown?["amount"]?.stringValue == "300000" && recorded?["amount"] == shown?["amount"], "the record keeps the result printed")
        let replay = try ExamplesTests.run(["replay", log, "--lang", "en"])
        #expect(replay.status == 0, "\(replay.stdout)")
        #expect(replay.stdout.contains("given as recorded: rank 4 among 12 in deqing.rd-top10-total by rd_expense"))
    }

    @Test("with bad rows: only the evaluated enterprises are recorded; they replay identical")
    func badRowsRecordOnlyEvaluatedEnterprises() throws {
        let scratch = ScratchDirectory("incentive-cli")
        defer { scratch.remove() }
        let dir = scratch.path, log = dir + "/log.jsonl", input = dir + "/bad.csv"
        try BatchCLITests.csv.write(toFile: input, atomically: true, encoding: .utf8)
        let batch = try ExamplesTests.run(["batch", input, "--year", "2023", "--out", dir + "/out.csv", "--record", log])
        #expect(batch.status == 1, "bad rows: exit 1")
        let records = try Self.lines(log).map { try JSONParser.parse($0) }
        #expect(records.map { $0["input"]?["credit_code"]?.stringValue ?? "" } == ["91330521000000000B", "91330521000000001E", "91330521000000002H"])
        #expect(records[1]["input"]?["years"]?["2023"]?["rd_expense"] == nil, "the unreadable cell is absent in the record, as it was when evaluated")
        let replay = try ExamplesTests.run(["replay", log, "--lang", "en"])
        #expect(replay.status == 0, "\(replay.stdout)")
        #expect(replay.stdout.contains("3 identical"))
    }
}
