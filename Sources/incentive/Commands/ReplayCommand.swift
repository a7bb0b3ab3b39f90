import Foundation
import IncentiveEngine
import IncentiveSupport

/// `incentive replay LOG [--policies DIR|FILE]`: verify the chain, re-derive every decision, and
/// say per record whether it is identical, differs, was made under other policies, or was
/// tampered with. Exit 0 only when every record is identical.
enum ReplayCommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: ["policies"], flags: ["help", "problems"])
        guard args.positional.count == 1 else {
            throw Arguments.UsageError("replay takes one decision log; found \(args.positional.count)", "replay 需要一个决定日志；实际给出 \(args.positional.count) 个")
        }
        let path = args.positional[0]
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Arguments.UsageError("\(path): no such file or it cannot be read", "\(path)：文件不存在或无法读取")
        }
        let loaded = PolicyStore.load(args.value("policies"))
        let report = Replayer(policies: loaded.policies, policySetDigest: loaded.digest).replay(log: [UInt8](data))
        Console.print(ReplayRenderer(onlyProblems: args.has("problems"), english: Language.english).render(report, log: path, digest: loaded.digest))
        return report.allIdentical ? 0 : 1
    }
}
