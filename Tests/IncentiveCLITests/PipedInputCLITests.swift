import Foundation
import TestSupport
import Testing

/// `batch` and `estimate --cohort` on inputs that give their bytes once: a named FIFO (as `<(…)`
/// is) and standard input. The batch reads a file's first bytes to pick the format and may read
/// it again, so such an input must give the same result as the file it carries.
@Suite struct PipedInputCLITests {
    /// The binary with `arguments`, `stdin` (if any) written to a pipe on its standard input;
    /// killed after two minutes, so that a reader waiting on a FIFO for bytes it already took
    /// (which is what went wrong) fails the test instead of hanging it.
    static func run(_ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = ExamplesTests.binary()
        process.arguments = arguments
        process.currentDirectoryURL = ExamplesTests.root
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watchdog = DispatchWorkItem { kill(process.processIdentifier, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        Thread {
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try? input.fileHandleForWriting.close()
        }.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// A FIFO at `path` that gives `bytes` once to the first reader (a thread waits for it).
    static func fifo(_ path: URL, giving bytes: Data) throws {
        try? FileManager.default.removeItem(at: path)
        #expect(mkfifo(path.path, 0o600) == 0)
        Thread {
            guard let handle = FileHandle(forWritingAtPath: path.path) else { return }
            handle.write(bytes)
            try? handle.close()
        }.start()
    }

    @Test("batch of a FIFO: the same rows, problems and exit code as of the file")
    func fifoEqualsFile() throws {
        let scratch = ScratchDirectory("incentive-batch")
        defer { scratch.remove() }
        let file = scratch.url("piped.csv"), fifo = scratch.url("piped.fifo")
        try Data(BatchCLITests.csv.utf8).write(to: file)
        let direct = try ExamplesTests.run(["batch", file.path, "--year", "2023"])
        try Self.fifo(fifo, giving: Data(BatchCLITests.csv.utf8))
        let piped = try Self.run(["batch", fifo.path, "--year", "2023"])
        #expect(direct.status == 1)
        #expect(piped.status == direct.status)
        #expect(piped.stdout == direct.stdout)
        #expect(piped.stderr == direct.stderr.replacingOccurrences(of: file.path, with: fifo.path))
        #expect(direct.stdout.contains("91330521000000002H"), "the good enterprises are evaluated")
    }

    @Test("batch - reads standard input, CSV or JSON Lines (told apart by the first bytes)")
    func standardInput() throws {
        let scratch = ScratchDirectory("incentive-batch")
        defer { scratch.remove() }
        let file = scratch.url("stdin.csv")
        try Data(BatchCLITests.csv.utf8).write(to: file)
        let direct = try ExamplesTests.run(["batch", file.path, "--year", "2023"])
        let csv = try Self.run(["batch", "-", "--year", "2023"], stdin: Data(BatchCLITests.csv.utf8))
        #expect(csv.status == 1)
        #expect(csv.stdout == direct.stdout)
        #expect(csv.stderr.contains("-：第 4 行：字段 'rd_expense'"), "\(csv.stderr)")
        let line = #"{"credit_code":"91330521000000000B","name":"甲","region":"330521","years":{"2023":{"rd_expense":3000000,"in_rd_statistics":true}}}"#
        let jsonl = try Self.run(["batch", "-", "--year", "2023"], stdin: Data((line + "\n").utf8))
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        let header = jsonl.stdout.split(separator: "\r\n")[0].split(separator: ",", omittingEmptySubsequences: false)
        let row = jsonl.stdout.split(separator: "\r\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        let column = try #require(header.firstIndex(of: "deqing.rd-top10-total"))
        #expect(row.prefix(3) == ["91330521000000000B", "甲", "330521"])
        #expect(row[column] == "300000", "ranked first of one: 30万 (\(jsonl.stdout))")
    }

    @Test("estimate --cohort of a FIFO ranks against the enterprises it carries")
    func cohortFromFifo() throws {
        let scratch = ScratchDirectory("incentive-batch")
        defer { scratch.remove() }
        let file = scratch.url("cohort.csv"), fifo = scratch.url("cohort.fifo")
        try Data(BatchCLITests.csv.utf8).write(to: file)
        let profile = scratch.url("one.json")
        try Data(#"{"credit_code":"91330521000000000B","name":"甲","region":"330521","years":{"2023":{"rd_expense":3000000,"in_rd_statistics":true}}}"#.utf8).write(to: profile)
        let direct = try ExamplesTests.run(["estimate", profile.path, "--year", "2023", "--cohort", file.path, "--format", "json"])
        try Self.fifo(fifo, giving: Data(BatchCLITests.csv.utf8))
        let piped = try Self.run(["estimate", profile.path, "--year", "2023", "--cohort", fifo.path, "--format", "json"])
        #expect(piped.stdout == direct.stdout)
        #expect(piped.status == direct.status)
        #expect(direct.stdout.contains("deqing.rd-top10-total"))
    }

    @Test("batch of a directory: a usage error that says so, exit 2")
    func directory() throws {
        let result = try Self.run(["batch", FileManager.default.temporaryDirectory.path, "--year", "2023", "--lang", "en"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is a directory; expected a CSV or JSON Lines file"), "\(result.stderr)")
    }
}
