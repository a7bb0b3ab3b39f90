import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a child process and measures it: wall time, and its own peak resident memory from
/// `wait4`'s rusage (ru_maxrss, KiB on Linux) — the child's, not the benchmark's.
enum Measure {
    struct Run {
        let seconds: Double
        let maxRSSKiB: Int
        /// The child's user + system CPU seconds: on a shared machine, steadier than wall time.
        let cpuSeconds: Double
        let status: Int32
    }

    static func run(_ executable: String, _ arguments: [String], stdout: String = "/dev/null") -> Run {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        posix_spawn_file_actions_destroy(&actions)
        guard spawned == 0 else { return Run(seconds: 0, maxRSSKiB: 0, cpuSeconds: 0, status: -1) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Run(seconds: seconds, maxRSSKiB: usage.ru_maxrss, cpuSeconds: cpu, status: (status >> 8) & 0xFF)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
