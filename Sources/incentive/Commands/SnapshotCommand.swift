import Foundation
import IncentiveEngine
import IncentiveSupport

/// `incentive snapshot [DIR] -o FILE`: every policy source and the digest in one file, checked
/// first (a snapshot of policies that do not check would be useless for replay).
enum SnapshotCommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: ["out", "policies"], flags: ["help"])
        guard args.positional.count <= 1 else {
            throw Arguments.UsageError(message: "snapshot takes at most one policy folder; found \(args.positional.count)")
        }
        guard let out = args.value("out") else {
            throw Arguments.UsageError(message: "missing -o FILE (where to write the snapshot)")
        }
        let loaded = PolicyStore.load(args.positional.first ?? args.value("policies"))
        try Console.emit(JSONWriter.pretty(PolicySnapshot.encode(loaded.policies.sources)), to: out)
        Console.error("snapshot of \(loaded.policies.sources.count) policy files, policy set \(loaded.digest), written to \(out)")
        return 0
    }
}
