import Foundation
import IncentiveEngine
import PolicyLanguage

/// Reads a profile file for `estimate` and `explain`, printing every issue found with the file's
/// name; a profile with only non-fatal issues is still evaluated (bad fields are absent).
enum ProfileInput {
    static func read(_ path: String, policies: CheckedPolicySet) throws -> (Profile?, hadIssues: Bool) {
        let text = try Console.readFile(path)
        let result = ProfileReader(policies: policies).read(json: text)
        for issue in result.issues {
            Console.error("\(path): \(issue)")
        }
        if result.profile == nil {
            Console.error("incentive: \(path) cannot be evaluated")
        }
        return (result.profile, !result.issues.isEmpty)
    }
}
