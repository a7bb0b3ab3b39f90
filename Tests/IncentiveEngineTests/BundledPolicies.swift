import Foundation
import PolicyLanguage

/// The repository's `Policies/`, loaded once for the tests that need the real catalogue.
enum BundledPolicies {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let set: CheckedPolicySet = {
        let sources = try! PolicyLoader.sources(inDirectory: root.appendingPathComponent("Policies").path)
        switch PolicyLoader.load(sources: sources) {
        case .success(let set): return set
        case .failure(let failure): fatalError("bundled policies do not check:\n\(failure.rendered)")
        }
    }()
}
