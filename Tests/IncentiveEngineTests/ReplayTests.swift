import Foundation
import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import TestSupport
import Testing

@Suite("Replay: identical, tampered, policy-changed")
struct ReplayTests {
    /// A log of `count` generated decisions in `scratch`, and its lines.
    func makeLog(_ count: Int, in scratch: ScratchDirectory) throws -> (String, [String]) {
        let path = scratch.url("decisions.jsonl").path
        try DecisionLog(path: path).append((0..<count).map { RecordFixtures.body($0) })
        return (path, Array(RecordFixtures.lines(path).dropLast()))
    }

    func labels(_ report: ReplayReport) -> [Int: ReplayReport.Label] {
        Dictionary(uniqueKeysWithValues: report.entries.map { ($0.line, $0.label) })
    }

    @Test func untouchedLogOfHundredsReplaysIdentical() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, lines) = try makeLog(300, in: scratch)
        #expect(lines.count == 300)
        let report = RecordFixtures.replay(path)
        #expect(report.entries.count == 300)
        #expect(report.count(.identical) == 300)
        #expect(report.allIdentical)
    }

    @Test func editedAmountIsTamperedAtItsLine() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, lines) = try makeLog(6, in: scratch)
        var edited = lines
        // A rule's paid amount (followed by its amount before stacking), not a near miss's amount.
        let amount = try #require(edited[2].range(of: #""amount":"[0-9.]+","amount_before_stacking""#, options: .regularExpression))
        edited[2].replaceSubrange(amount, with: #""amount":"99999999","amount_before_stacking""#)
        RecordFixtures.write(edited, to: path)
        let report = RecordFixtures.replay(path)
        #expect(labels(report) == [1: .identical, 2: .identical, 3: .tampered, 4: .identical, 5: .identical, 6: .identical])
        let entry = report.entries[2]
        #expect(entry.notes.contains { $0.english.hasPrefix("edited") })
        #expect(entry.notes.contains { $0.chinese.hasPrefix("被修改") }, "each note in Chinese too, for --lang zh")
        #expect(entry.differences.contains { $0.oldAmount == "99999999" }, "shows the forged amount against the re-derived one")
    }

    @Test func deletedLineBreaksTheNextLink() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, lines) = try makeLog(6, in: scratch)
        var cut = lines
        cut.remove(at: 2)
        RecordFixtures.write(cut, to: path)
        let report = RecordFixtures.replay(path)
        #expect(labels(report) == [1: .identical, 2: .identical, 3: .tampered, 4: .identical, 5: .identical])
        #expect(report.entries[2].notes.contains { $0.english.contains("removed") })
    }

    @Test func swappedLinesAreReordered() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, lines) = try makeLog(6, in: scratch)
        var swapped = lines
        swapped.swapAt(2, 3)
        RecordFixtures.write(swapped, to: path)
        let report = RecordFixtures.replay(path)
        #expect(labels(report) == [1: .identical, 2: .identical, 3: .tampered, 4: .tampered, 5: .identical, 6: .identical])
        #expect(report.entries[2].notes.contains { $0.english.contains("reordered") })
        #expect(report.entries[3].notes.contains { $0.english.contains("reordered") })
    }

    @Test func forgedLineWithValidInnerDigestIsInserted() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, lines) = try makeLog(6, in: scratch)
        // Forge: a copy of line 3 with another amount, chained to line 2 and properly re-sealed.
        let original = try DecisionRecord.parse(line: lines[2])
        let text = JSONWriter.canonical(original.body)
        let amount = try #require(text.range(of: #""amount":"[0-9.]+""#, options: .regularExpression))
        var forgedText = text
        forgedText.replaceSubrange(amount, with: #""amount":"12345678""#)
        let forged = DecisionRecord(body: try JSONParser.parse(forgedText))
        #expect(forged.isIntact)
        #expect(forged.prev == original.prev)
        var tampered = lines
        tampered.insert(forged.line, at: 2)
        RecordFixtures.write(tampered, to: path)
        let report = RecordFixtures.replay(path)
        #expect(labels(report) == [1: .identical, 2: .identical, 3: .tampered, 4: .identical, 5: .identical, 6: .identical, 7: .identical])
        #expect(report.entries[2].notes.contains { $0.english.contains("inserted") && $0.english.contains("line 4 links past it") })
        #expect(report.entries[2].notes.contains { $0.chinese.contains("被插入") && $0.chinese.contains("第 4 行越过它") })
    }

    @Test func oneChangedNumberInOnePolicyIsPolicyChangedWithImpact() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let (path, _) = try makeLog(20, in: scratch)
        let file = try #require(RecordFixtures.sources.firstIndex { $0.text.contains("from 2008-01-01: 12% provenance seed") })
        var sources = RecordFixtures.sources
        sources[file] = SourceFile(name: sources[file].name,
                                   text: sources[file].text.replacingOccurrences(of: "from 2008-01-01: 12% provenance seed", with: "from 2008-01-01: 10% provenance seed"))
        guard case .success(let changed) = PolicyLoader.load(sources: sources) else { Issue.record("edited policies do not check"); return }
        let digest = PolicySetDigest.digest(of: sources)
        #expect(digest != RecordFixtures.digest)
        let report = RecordFixtures.replay(path, policies: changed, digest: digest)
        #expect(report.count(.policyChanged) == 20)
        #expect(!report.allIdentical)
        let impact = report.entries.flatMap(\.differences).filter { $0.rule == "pujiang.rd-reward" }
        #expect(!impact.isEmpty, "the rate change shows up on the R&D reward")
        // Where the reward was paid, the derivations part at the rate; where it was not, only the amount
        // a near miss promised changes.
        #expect(impact.contains { $0.parting?.contains("rd_reward_rate") == true })
        #expect(impact.allSatisfy { difference in ["rd_reward_rate", "steps", "near_misses"].contains { difference.parting?.contains($0) == true } })
        #expect(report.entries.allSatisfy { $0.notes.contains { $0.english.contains("files changed: \(sources[file].name)") } })
    }
}
