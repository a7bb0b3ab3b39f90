import Foundation
import IncentiveSupport
import TestSupport
import Testing

/// End to end with the built binary: `estimate --record`, `replay`, `snapshot`, `explain --record`,
/// and a kill -9 in the middle of appends.
@Suite struct RecordCLITests {
    @Test func recordReplayExplainAndSnapshot() throws {
        let scratch = ScratchDirectory("incentive-cli")
        defer { scratch.remove() }
        let dir = scratch.path, log = dir + "/log.jsonl", snapshot = dir + "/policies.json"
        for (profile, year) in [("pujiang-precision", "2020"), ("deqing-no-rd", "2023")] {
            let run = try ExamplesTests.run(["estimate", "Examples/\(profile).json", "--year", year, "--record", log, "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let replay = try ExamplesTests.run(["replay", log, "--lang", "en"])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("line 1  identical") && replay.stdout.contains("2 identical, 0 differs"))
        let chinese = try ExamplesTests.run(["replay", log])
        #expect(chinese.stdout.contains("第 1 行  identical") && chinese.stdout.contains("2 条记录：2 identical, 0 differs"), "\(chinese.stdout)")

        let snap = try ExamplesTests.run(["snapshot", "-o", snapshot])
        #expect(snap.status == 0)
        #expect(try ExamplesTests.run(["replay", log, "--policies", snapshot]).status == 0)
        let list = try ExamplesTests.run(["list", "--lang", "en"])
        #expect(list.stdout.hasPrefix("policy set sha256:"))

        let explain = try ExamplesTests.run(["explain", "--record", log, "--line", "1", "pujiang.rd-reward", "--lang", "en"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("article:") && explain.stdout.contains("rd_reward_rate"))

        var text = try String(contentsOfFile: snapshot, encoding: .utf8)
        text = text.replacingOccurrences(of: "12%", with: "13%")
        try text.write(toFile: snapshot, atomically: true, encoding: .utf8)
        let tampered = try ExamplesTests.run(["replay", log, "--policies", snapshot, "--lang", "en"])
        #expect(tampered.status == 3)
        #expect(tampered.stderr.contains("changed after the snapshot was taken"))
        #expect(try ExamplesTests.run(["replay", log, "--policies", snapshot]).stderr.contains("在快照生成后被修改"))
    }

    /// A shell loop appends records; the whole process group is killed with SIGKILL mid-run. The
    /// complete records must replay identical, and a torn last line (if the kill hit a write) must
    /// be reported as partial, never dropped.
    @Test func killDashNineDuringAppendsLeavesAReplayableLog() throws {
        let scratch = ScratchDirectory("incentive-cli")
        defer { scratch.remove() }
        let dir = scratch.path, log = dir + "/log.jsonl"
        let binary = ExamplesTests.binary().path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "while :; do '\(binary)' estimate Examples/pujiang-precision.json --year 2020 --record '\(log)' >/dev/null; done"]
        process.currentDirectoryURL = ExamplesTests.root
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").count ?? 0 < 5, Date() < deadline {
            usleep(20_000)
        }
        usleep(useconds_t(Int.random(in: 0..<40_000)))
        // Foundation starts the child in its own process group; kill the group (the loop and the
        // `incentive` it is running), or only the loop if that ever changes.
        let pid = process.processIdentifier
        kill(getpgid(pid) == pid ? -pid : pid, SIGKILL)
        process.waitUntilExit()
        usleep(200_000)  // let a killed grandchild's file descriptor close
        let bytes = try Data(contentsOf: URL(fileURLWithPath: log))
        let complete = bytes.filter { $0 == UInt8(ascii: "\n") }.count
        #expect(complete >= 5)
        let replay = try ExamplesTests.run(["replay", log])
        #expect(replay.stdout.contains("\(complete) identical"), "\(replay.stdout.suffix(300))")
        if bytes.last != UInt8(ascii: "\n") {
            #expect(replay.stdout.contains("partial"), "a torn tail is reported")
            #expect(replay.status == 1)
        } else {
            #expect(replay.status == 0)
        }
        // And an append after the crash still chains.
        #expect(try ExamplesTests.run(["estimate", "Examples/pujiang-precision.json", "--year", "2020", "--record", log]).status == 0)
        #expect(try ExamplesTests.run(["replay", log]).stdout.contains("\(complete + 1) identical"))
    }
}
