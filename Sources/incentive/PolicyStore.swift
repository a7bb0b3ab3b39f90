import Foundation
import IncentiveEngine
import PolicyLanguage

/// Where the policies come from: `--policies DIR`, `--policies SNAPSHOT` (a file written by
/// `incentive snapshot`, its digests verified on load), or the `Policies/` bundled into the binary
/// at build time, so an installed `incentive` works from any directory.
enum PolicyStore {
    struct Loaded {
        let policies: CheckedPolicySet
        let digest: String
    }

    static func sources(_ path: String?) throws -> [SourceFile] {
        if let path {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return try PolicySnapshot.decode(try Console.readFile(path), name: path)
            }
            return try PolicyLoader.sources(inDirectory: path)
        }
        return BundledPolicySources.files.map { SourceFile(name: $0.path, text: $0.text) }
    }

    /// Loads and checks, or prints the diagnostics and exits 3.
    static func load(_ path: String?) -> Loaded {
        let files: [SourceFile]
        do {
            files = try sources(path)
        } catch {
            Console.error(Language.say("incentive: ", "incentive：") + Console.describe(error))
            exit(3)
        }
        switch PolicyLoader.load(sources: files) {
        case .success(let set):
            return Loaded(policies: set, digest: PolicySetDigest.digest(of: set.sources))
        case .failure(let failure):
            Console.error(failure.rendered(english: Language.english))
            let count = failure.diagnostics.count
            Console.error(Language.say("\nincentive: \(count) error\(count == 1 ? "" : "s") in the policies\(path.map { " at \($0)" } ?? " bundled with this build")",
                                       "\nincentive：\(path.map { "\($0) 的" } ?? "本程序内置的")政策有 \(count) 处错误"))
            exit(3)
        }
    }
}
