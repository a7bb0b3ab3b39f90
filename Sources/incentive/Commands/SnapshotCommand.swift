import Foundation
import IncentiveEngine
import IncentiveSupport

/// `incentive snapshot [DIR] -o FILE`: every policy source and the digest in one file, checked
/// first (a snapshot of policies that do not check would be useless for replay).
enum SnapshotCommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: ["out", "policies"], flags: ["help"])
        guard args.positional.count <= 1 else {
            throw Arguments.UsageError("snapshot takes at most one policy folder; found \(args.positional.count)", "snapshot 最多接受一个政策目录；实际给出 \(args.positional.count) 个")
        }
        guard let out = args.value("out") else {
            throw Arguments.UsageError("missing -o FILE (where to write the snapshot)", "缺少 -o FILE（快照写到哪里）")
        }
        let loaded = PolicyStore.load(args.positional.first ?? args.value("policies"))
        try Console.emit(JSONWriter.pretty(PolicySnapshot.encode(loaded.policies.sources)), to: out)
        Console.error(Language.say("snapshot of \(loaded.policies.sources.count) policy files, policy set \(loaded.digest), written to \(out)",
                                   "已将 \(loaded.policies.sources.count) 个政策文件的快照（政策集 \(loaded.digest)）写入 \(out)"))
        return 0
    }
}
