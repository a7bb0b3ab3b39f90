import Foundation
@testable import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import TestSupport
import Testing

/// Decision records of a batch: each keeps the cohort decisions about its enterprise (ranks, pool
/// outcome), and replay re-derives it with them given. A binding pool (1140万 asked of 1000万) so the
/// recorded amounts are the pro-rata ones, which no evaluation of one enterprise alone could give.
@Suite("Batch decision records: cohort decisions recorded, replayed as given")
struct BatchRecordTests {
    /// 37 enterprises tied at rank 1 (30万 each) and 3 newly counted (10万 each): 1140万 > 1000万.
    static let bindingCSV: String = {
        var csv = BatchFixtures.deqingHeader
        for serial in 0..<37 { csv += BatchFixtures.deqing(serial, rd: "1000000", rdBefore: "1000000") }
        for serial in 37..<40 { csv += BatchFixtures.deqing(serial, rd: "100000", rdBefore: "100000", countedBefore: "false") }
        return csv
    }()

    /// Records a batch as `batch --record` does, to a log in `scratch`: one record per enterprise,
    /// in input order, each with its profile as JSON, its result (with derivation) and the batch's
    /// decisions about it.
    /// - Parameter forge: replaces the decisions recorded for some enterprises (the result is then
    ///   evaluated with the forged ones, so the record is self-consistent and properly sealed).
    static func recordBatch(_ csv: String, in scratch: ScratchDirectory, forge: [Int: (BatchEvaluator, Cohort) -> CohortDecisions] = [:]) throws -> (path: String, lines: [String], profiles: [Profile]) {
        let path = scratch.url("decisions.jsonl").path
        let input = BatchFixtures.read(csv)
        let batch = BatchEvaluator(policies: RecordFixtures.policies, year: 2023)
        let cohort = batch.prepare(input.packed)
        let builder = RecordFixtures.builder()
        let count = input.profiles.count
        let bodies = input.profiles.enumerated().map { index, profile in
            let decisions = forge[index].map { $0(batch, cohort) } ?? batch.decisions(at: index, in: cohort)
            return builder.body(input: ProfileJSON.encode(profile, facts: RecordFixtures.policies.factIndex), year: 2023,
                                options: CohortCheck.options(source: "test.csv", batch: "run-1", position: index + 1, of: count),
                                estimate: batch.evaluate(profile, given: decisions), cohort: decisions)
        }
        try DecisionLog(path: path).append(bodies)
        return (path, Array(RecordFixtures.lines(path).dropLast()), input.profiles)
    }

    func labels(_ report: ReplayReport) -> [ReplayReport.Label] { report.entries.map(\.label) }

    @Test func bindingPoolBatchReplaysIdenticalWithItsDecisionsGiven() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, lines, profiles) = try Self.recordBatch(Self.bindingCSV, in: scratch)
        #expect(lines.count == 40)
        let report = RecordFixtures.replay(path)
        #expect(report.count(.identical) == 40, "\(report.entries.first { $0.label != .identical }.map { "\($0.notes) \($0.differences)" } ?? "")")
        #expect(report.entries.allSatisfy { $0.given.contains { $0.hasPrefix("pool deqing.rd-pool: size 10000000, demand 11400000, paid 10000000") } })
        #expect(report.entries[0].given.contains("rank 1 among 40 in deqing.rd-top10-total by rd_expense"))
        let record = try DecisionRecord.parse(line: lines[0])
        let top10 = try #require(record.result?["results"]?.arrayValue?.first { $0["rule"]?.stringValue == "deqing.rd-top10-total" })
        #expect(top10["amount"]?.stringValue == "263158", "the pro-rata amount, after the pool")
        #expect(top10["explanation"]?["steps"]?.arrayValue?.contains { $0["step"]?.stringValue == "pool" } == true, "with its full derivation")
        // Alone, the same enterprise's ranking rule cannot be decided: the cohort decisions are what make replay possible.
        let alone = Evaluator(policies: RecordFixtures.policies).evaluate(profiles[0], year: 2023)
        #expect(alone.results.first { $0.rule == "deqing.rd-top10-total" }?.status == .undetermined)
    }

    @Test func wholeBatchInTheLogHasItsCohortDecidedAgain() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, lines, _) = try Self.recordBatch(Self.bindingCSV, in: scratch)
        let report = RecordFixtures.replay(path)
        #expect(report.batches.count == 1)
        #expect(report.batches.first?.consistent == true)
        #expect(report.batches.first?.records == 40)
        // One record missing: the cohort cannot be decided again (and the gap is tampering).
        var cut = lines
        cut.remove(at: 10)
        RecordFixtures.write(cut, to: path)
        let partial = RecordFixtures.replay(path)
        #expect(partial.batches.first?.consistent == nil)
        #expect(partial.batches.first?.note.hasPrefix("39 of its 40 records") == true)
    }

    /// A record sealed with a wrong rank (and a result consistent with it) replays identical on its
    /// own; deciding the cohort again from the whole batch catches it.
    @Test func wrongRankSealedAtRecordTimeDiffersWhenTheBatchIsDecidedAgain() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, _, _) = try Self.recordBatch(Self.bindingCSV, in: scratch, forge: [3: { batch, cohort in batch.decisions(at: 39, in: cohort) }])
        let report = RecordFixtures.replay(path)
        #expect(labels(report) == (0..<40).map { $0 == 3 ? .differs : .identical })
        #expect(report.entries[3].notes.isEmpty, "sealed properly: no tamper finding")
        let difference = try #require(report.entries[3].differences.first { $0.rule == "(cohort)" })
        #expect(difference.parting?.contains("recorded rank 38 among 40 in deqing.rd-top10-total") == true)
        #expect(difference.parting?.contains("decided again from the batch's 40 records: rank 1 among 40 in deqing.rd-top10-total") == true)
        #expect(report.batches.first?.consistent == false)
    }

    @Test func editedRecordedRankIsTampered() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, lines, _) = try Self.recordBatch(Self.bindingCSV, in: scratch)
        var edited = lines
        let rank = try #require(edited[4].range(of: #""rank":1,"#))
        edited[4].replaceSubrange(rank, with: #""rank":11,"#)
        RecordFixtures.write(edited, to: path)
        let report = RecordFixtures.replay(path)
        #expect(labels(report) == (0..<40).map { $0 == 4 ? .tampered : .identical })
        #expect(report.entries[4].notes.contains { $0.english.hasPrefix("edited") })
        #expect(report.entries[4].differences.contains { $0.rule == "deqing.rd-top10-total" }, "rank 11 is outside the top 10: the forged rank shows")
    }

    @Test func editedRecordedAllocationIsTampered() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, lines, _) = try Self.recordBatch(Self.bindingCSV, in: scratch)
        var edited = lines
        let allocated = try #require(edited[7].range(of: #""allocated":"26315[78]""#, options: .regularExpression))
        edited[7].replaceSubrange(allocated, with: #""allocated":"300000""#)
        RecordFixtures.write(edited, to: path)
        let report = RecordFixtures.replay(path)
        #expect(labels(report) == (0..<40).map { $0 == 7 ? .tampered : .identical })
    }

    /// The policies with one text replaced (it must occur), and their digest.
    func edited(_ old: String, _ new: String) throws -> (CheckedPolicySet, String) {
        var sources = RecordFixtures.sources
        let file = try #require(sources.firstIndex { $0.text.contains(old) })
        sources[file] = SourceFile(name: sources[file].name, text: sources[file].text.replacingOccurrences(of: old, with: new))
        guard case .success(let changed) = PolicyLoader.load(sources: sources) else { throw CancellationError() }
        return (changed, PolicySetDigest.digest(of: sources))
    }

    @Test func changedAwardIsPolicyChangedWithImpact() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, _, _) = try Self.recordBatch(Self.bindingCSV, in: scratch)
        let (policies, digest) = try edited("rank(rd_expense) <= 10\n    amount 30万", "rank(rd_expense) <= 10\n    amount 40万")
        let report = RecordFixtures.replay(path, policies: policies, digest: digest)
        #expect(report.count(.policyChanged) == 40)
        for entry in report.entries.prefix(37) {
            #expect(entry.differences.contains { $0.rule == "deqing.rd-top10-total" && $0.oldStatus == "eligible" }, "the award's derivation changes")
            // The allocation is given, so the paid amount cannot move; the changed claim is named instead.
            #expect(entry.differences.contains { $0.parting?.hasPrefix("claim on pool deqing.rd-pool: 300000 → 400000") == true })
        }
        #expect(report.entries.suffix(3).allSatisfy { $0.differences.isEmpty && $0.notes.contains { $0.english == "no impact on this decision" } })
    }

    @Test func changedPoolSizeIsReportedAlthoughTheAllocationIsGiven() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, _, _) = try Self.recordBatch(Self.bindingCSV, in: scratch)
        let (policies, digest) = try edited("size 1000万 provenance seed", "size 900万 provenance seed")
        let report = RecordFixtures.replay(path, policies: policies, digest: digest)
        #expect(report.count(.policyChanged) == 40)
        #expect(report.entries.allSatisfy { entry in
            entry.differences.contains { $0.rule == "deqing.rd-pool" && $0.parting?.contains("size 10000000 → 9000000") == true }
        })
        #expect(!report.entries.contains { $0.notes.contains { $0.english == "no impact on this decision" } })
    }

    @Test func unreadableCohortDecisionsAreNamed() throws {
        let json = try JSONParser.parse(#"{"ranks": [{"rule": "deqing.rd-top10-total", "by": "rd_expense", "rank": 0, "among": 3}], "pools": []}"#)
        #expect(throws: CohortDecisions.Invalid.self) { try CohortDecisions(json: json) }
        do { _ = try CohortDecisions(json: json) } catch {
            #expect(error.message == "cohort.ranks[0].rank: found 0, expected a whole number ≥ 1")
        }
    }

    @Test func decisionsReadBackAsWritten() throws {
        let input = BatchFixtures.read(Self.bindingCSV)
        let batch = BatchEvaluator(policies: RecordFixtures.policies, year: 2023)
        let cohort = batch.prepare(input.packed)
        for index in [0, 36, 39] {
            let decisions = batch.decisions(at: index, in: cohort)
            #expect(!decisions.isEmpty)
            #expect(try CohortDecisions(json: JSONParser.parse(JSONWriter.canonical(decisions.json))) == decisions)
        }
    }

    @Test func profileJSONReadsBackToTheSameProfile() throws {
        let csv = """
        credit_code,name,region,industry,registered,hte_certificates,titles,listed_ic_or_machine_tool,year,revenue,rd_expense,taxable_income,employees,above_scale,innovation_score
        91330521MA2B3C4D5Q,德清示例新材料有限公司,330521,C2651,2016-03-01,2020-12-01;2023-11-20,sci-tech-giant@2023;tech-sme@2023-06-30,false,2022,46000000.50,0,-120000,,false,
        91330521MA2B3C4D5Q,德清示例新材料有限公司,330521,C2651,2016-03-01,2020-12-01;2023-11-20,sci-tech-giant@2023;tech-sme@2023-06-30,false,2023,60000000,2600000,3000000,120,true,78.5

        """
        let input = BatchFixtures.read(csv)
        #expect(input.issues.isEmpty, "\(input.issues)")
        let profile = try #require(input.profiles.first)
        let json = ProfileJSON.encode(profile, facts: RecordFixtures.policies.factIndex)
        let read = ProfileReader(policies: RecordFixtures.policies).read(try JSONParser.parse(JSONWriter.canonical(json)))
        #expect(read.issues.isEmpty, "\(read.issues)")
        #expect(read.profile == profile)
        #expect(json["years"]?["2023"]?["employees"] == .number("120"), "integers as numbers")
        #expect(json["years"]?["2022"]?["revenue"] == .string("46000000.5"), "money as exact decimal strings")
        #expect(json["years"]?["2022"]?["employees"] == nil, "an absent fact stays absent, never zero")
    }
}
