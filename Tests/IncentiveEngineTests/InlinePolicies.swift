import Foundation
import IncentiveEngine
import IncentiveSupport
import PolicyLanguage

/// Builds a checked policy set from inline policy text plus the repository's facts declarations,
/// and profiles from a few facts, for evaluator tests that must not depend on the catalogue.
enum InlinePolicies {
    static func load(_ text: String) -> CheckedPolicySet {
        let facts = try! String(contentsOf: BundledPolicies.root.appendingPathComponent("Policies/facts.policy"), encoding: .utf8)
        switch PolicyLoader.load(sources: [SourceFile(name: "facts.policy", text: facts), SourceFile(name: "test.policy", text: text)]) {
        case .success(let set): return set
        case .failure(let failure): fatalError("inline policy does not check:\n\(failure.rendered)")
        }
    }

    static func money(_ text: String) -> ExactDecimal { ExactDecimal(parsing: text)! }

    /// A profile in `region` whose facts of `year` are given as name → value.
    static func profile(region: String = "330521", year: Int = 2023, _ facts: [String: Value] = [:], static statics: [String: Value] = [:]) -> Profile {
        Profile(creditCode: "91330521MA2B3C4D5Q", name: "test", region: region, staticFacts: statics, yearFacts: [year: facts])
    }
}
