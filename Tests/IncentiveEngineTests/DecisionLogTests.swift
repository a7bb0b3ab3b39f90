import Foundation
import IncentiveEngine
import IncentiveSupport
import TestSupport
import Testing

@Suite("Decision log: chain, concurrency, partial lines")
struct DecisionLogTests {
    @Test func appendsChainFromGenesis() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let path = scratch.url("decisions.jsonl").path
        let log = DecisionLog(path: path)
        let first = try log.append(RecordFixtures.body(0))
        let rest = try log.append([RecordFixtures.body(1), RecordFixtures.body(2)])
        #expect(first.prev == DecisionRecord.genesis)
        #expect(rest[0].prev == first.digest)
        #expect(rest[1].prev == rest[0].digest)
        let lines = RecordFixtures.lines(path)
        #expect(lines.count == 4 && lines[3].isEmpty, "three lines, each ended by a newline")
        #expect(lines[0] == first.line)
        #expect(try DecisionRecord.parse(line: lines[2]).isIntact)
        #expect(RecordFixtures.replay(path).allIdentical)
    }

    @Test func twoConcurrentAppendersLoseAndInterleaveNothing() async throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let path = scratch.url("decisions.jsonl").path
        let bodies = (0..<4).map { RecordFixtures.body($0) }
        // Each writer has its own DecisionLog (its own open file description), as two processes would.
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let log = DecisionLog(path: path)
                    for i in 0..<200 {
                        var body = bodies[(writer + i) % bodies.count]
                        body.append(JSONMember(key: "writer", value: .string("\(writer)-\(i)")))
                        _ = try? log.append(body)
                    }
                }
            }
        }
        let lines = RecordFixtures.lines(path).dropLast()
        #expect(lines.count == 400)
        var prev = DecisionRecord.genesis
        var writers = Set<String>()
        for line in lines {
            let record = try DecisionRecord.parse(line: line)
            #expect(record.isIntact)
            #expect(record.prev == prev)
            prev = record.digest
            writers.insert(record.body["writer"]?.stringValue ?? "?")
        }
        #expect(writers.count == 400, "every record from both writers is present once")
    }

    @Test func appendAfterAPartialLineStartsAFreshLineAndReplayReportsIt() throws {
        let scratch = ScratchDirectory("incentive-records")
        defer { scratch.remove() }
        let path = scratch.url("decisions.jsonl").path
        let log = DecisionLog(path: path)
        let a = try log.append(RecordFixtures.body(0))
        let b = try log.append(RecordFixtures.body(1))
        // A crash mid-append: half a record, no newline.
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(Data(b.line.utf8.prefix(300)))
        handle.closeFile()
        let before = RecordFixtures.replay(path)
        #expect(before.entries.map(\.label) == [.identical, .identical, .partial])
        #expect(before.entries.last?.line == 3)

        let c = try log.append(RecordFixtures.body(2))
        #expect(c.prev == b.digest, "chains to the last complete record")
        #expect(c.followsPartialLine)
        let lines = RecordFixtures.lines(path)
        #expect(lines.count == 5 && lines[3] == c.line, "the torn bytes keep their own line")
        #expect(a.prev == DecisionRecord.genesis)
        let after = RecordFixtures.replay(path)
        #expect(after.entries.map(\.label) == [.identical, .identical, .partial, .identical])
        #expect(!after.allIdentical, "a torn line is never silently dropped")
    }
}
