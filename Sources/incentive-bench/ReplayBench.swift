import Foundation

/// `incentive-bench replay [--size 3000] [--runs 5]`: how fast `incentive replay` re-derives a log.
///
/// The log is made the way bureau staff make one: `batch --record` over a generated population
/// (four counties, so Deqing's records carry ranks and a pool outcome and replay takes them as
/// given). Building the log is timed once, for information; the replay is timed `runs` times
/// (median), and must exit 0: every record identical, or the figure means nothing.
enum ReplayBench {
    static func run(binary: String, size: Int, runs: Int, year: Int, generate: (Int, String) throws -> Void) throws {
        let input = "bench-data/population-\(size).csv", log = "bench-data/replay-\(size).jsonl"
        if !FileManager.default.fileExists(atPath: input) { try generate(size, input) }
        try? FileManager.default.removeItem(atPath: log)
        let record = Measure.run(binary, ["batch", input, "--year", "\(year)", "--out", "bench-data/out-replay-\(size).csv", "--record", log])
        guard record.status == 0 || record.status == 1 else { print("batch --record failed: exit \(record.status)"); exit(1) }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        print("batch --record N=\(size): \(format(record.seconds)), cpu \(format(record.cpuSeconds)), log \(bytes / 1_048_576) MiB  [\(binary) batch \(input) --year \(year) --out bench-data/out-replay-\(size).csv --record \(log)]")
        var times: [Double] = [], cpu: [Double] = [], memory: [Int] = []
        for _ in 0..<runs {
            let run = Measure.run(binary, ["replay", log, "--problems"], stdout: "bench-data/replay-\(size).txt")
            guard run.status == 0 else { print("replay found records that are not identical (exit \(run.status)): see bench-data/replay-\(size).txt"); exit(1) }
            times.append(run.seconds)
            cpu.append(run.cpuSeconds)
            memory.append(run.maxRSSKiB)
        }
        let median = Measure.median(times)
        print("replay of \(size) records: median \(format(median)) (\(Int(Double(size) / median)) records/s), cpu median \(format(Measure.median(cpu))), peak \(memory.max()! / 1024) MiB  [\(binary) replay \(log) --problems]")
    }
}
