import Foundation
import PolicyLanguage

/// `incentive-bench`: generates populations and measures the release `incentive` binary.
///
///   swift run -c release incentive-bench generate N [FILE]     write N enterprises × 3 years (CSV)
///   swift run -c release incentive-bench run [--sizes 10000,100000] [--runs 3] [--binary PATH]
///   swift run -c release incentive-bench replay [--size 3000] [--runs 5] [--binary PATH]
///
/// `run` builds nothing: it measures `.build/release/incentive` (build it first with
/// `swift build -c release`). Data goes to bench-data/ (not committed).
let arguments = Array(CommandLine.arguments.dropFirst())
let year = 2023
let seed: UInt64 = 20231231

func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func generate(_ count: Int, to path: String) throws {
    FileManager.default.createFile(atPath: path, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
    var population = Population(seed: seed, year: year)
    var buffer = Population.header + "\r\n"
    for index in 0..<count {
        buffer += population.rows(index)
        if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
    }
    handle.write(Data(buffer.utf8))
    try handle.close()
}

func profileJSON(to path: String) throws {
    let json = """
    {"credit_code": "\(CreditCodeMaker.make(region: "330726", serial: 7))", "name": "浙江示例精工科技有限公司", "region": "330726",
     "industry": "C3484", "registered": "2012-05-08", "hte_certificates": ["2020-12-01", "2023-12-08"],
     "titles": [{"title": "tech-sme", "year": 2023}], "listed_ic_or_machine_tool": false,
     "years": {"2022": {"revenue": "46000000", "rd_expense": "2100000"},
               "2023": {"revenue": "52000000", "main_revenue": "50000000", "manufacturing_revenue": "48000000", "rd_expense": "2600000",
                        "rd_domestic": "2600000", "hitech_revenue": "36000000", "employees": 120, "tech_staff": 18,
                        "total_assets": "80000000", "taxable_income": "5000000", "above_scale": true, "in_rd_statistics": true,
                        "ip_class1": 1, "ip_class2": 3, "innovation_score": 78, "major_incident": false}}}
    """
    try json.write(toFile: path, atomically: true, encoding: .utf8)
}

func format(_ seconds: Double) -> String { String(format: "%.3f s", seconds) }

func runBenchmarks() throws {
    let binary = option("binary") ?? ".build/release/incentive"
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        print("no \(binary): run `swift build -c release` first"); exit(2)
    }
    let sizes = (option("sizes") ?? "10000,100000").split(separator: ",").compactMap { Int($0) }
    let runs = max(3, Int(option("runs") ?? "3") ?? 3)
    try FileManager.default.createDirectory(atPath: "bench-data", withIntermediateDirectories: true)
    print("cores: \(ProcessInfo.processInfo.activeProcessorCount); runs per figure: \(runs) (median)")

    // Loading and checking all of Policies/, in process.
    let sources = try PolicyLoader.sources(inDirectory: "Policies")
    var loads: [Double] = []
    for _ in 0..<max(runs, 11) {
        let start = DispatchTime.now().uptimeNanoseconds
        guard case .success = PolicyLoader.load(sources: sources) else { print("policies do not check"); exit(3) }
        loads.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    print("load+check Policies/ (\(sources.count) files): median \(String(format: "%.2f ms", Measure.median(loads) * 1000))")

    // Cold estimate: process start to exit.
    try profileJSON(to: "bench-data/profile.json")
    var colds: [Double] = []
    for _ in 0..<max(runs, 5) {
        let run = Measure.run(binary, ["estimate", "bench-data/profile.json", "--year", "2023"])
        guard run.status == 0 else { print("estimate failed: exit \(run.status)"); exit(1) }
        colds.append(run.seconds)
    }
    print("cold estimate: median \(String(format: "%.1f ms", Measure.median(colds) * 1000))  [\(binary) estimate bench-data/profile.json --year 2023]")

    for size in sizes {
        let input = "bench-data/population-\(size).csv"
        if !FileManager.default.fileExists(atPath: input) { try generate(size, to: input) }
        var times: [Double] = [], memory: [Int] = [], cpu: [Double] = []
        for _ in 0..<runs {
            let run = Measure.run(binary, ["batch", input, "--year", "\(year)", "--out", "bench-data/out-\(size).csv"])
            guard run.status == 0 || run.status == 1 else { print("batch failed: exit \(run.status)"); exit(1) }
            times.append(run.seconds)
            memory.append(run.maxRSSKiB)
            cpu.append(run.cpuSeconds)
        }
        let median = Measure.median(times)
        print("batch N=\(size) (\(size * 3) enterprise-years): median \(format(median)), \(Int(Double(size * 3) / median)) enterprise-years/s, cpu (user+sys) median \(format(Measure.median(cpu))), peak \(memory.max()! / 1024) MiB  [\(binary) batch \(input) --year \(year) --out bench-data/out-\(size).csv]")
    }
}

switch arguments.first {
case "generate":
    guard arguments.count >= 2, let count = Int(arguments[1]) else { print("usage: incentive-bench generate N [FILE]"); exit(2) }
    try generate(count, to: arguments.count > 2 ? arguments[2] : "bench-data/population-\(count).csv")
case "run", nil:
    try runBenchmarks()
case "replay":
    let binary = option("binary") ?? ".build/release/incentive"
    guard FileManager.default.isExecutableFile(atPath: binary) else { print("no \(binary): run `swift build -c release` first"); exit(2) }
    try FileManager.default.createDirectory(atPath: "bench-data", withIntermediateDirectories: true)
    print("cores: \(ProcessInfo.processInfo.activeProcessorCount)")
    try ReplayBench.run(binary: binary, size: Int(option("size") ?? "3000") ?? 3000, runs: max(3, Int(option("runs") ?? "5") ?? 5), year: year, generate: generate)
default:
    print("usage: incentive-bench [run [--sizes 10000,100000] [--runs 3] [--binary PATH]] | replay [--size 3000] [--runs 5] [--binary PATH] | generate N [FILE]")
    exit(2)
}
