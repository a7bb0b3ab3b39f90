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
            Console.error("\(path)\(Language.say(": ", "："))\(issue.text(english: Language.english))")
        }
        if result.profile == nil {
            Console.error(Language.say("incentive: \(path) cannot be evaluated", "incentive：\(path) 无法评估"))
        }
        return (result.profile, !result.issues.isEmpty)
    }
}

/// Reads the cohort file of `estimate --cohort` (CSV or JSON Lines, as `batch` reads it),
/// printing its issues; its good enterprises are the cohort.
enum CohortInput {
    static func read(_ path: String, policies: CheckedPolicySet) throws -> (profiles: [Profile], hadIssues: Bool) {
        let source = try InputSpool(path)
        defer { source.remove() }
        let input: BatchInput
        do {
            input = try BatchInput.read(path: source.path, policies: policies)
        } catch {
            throw Arguments.UsageError(message: "--cohort " + Console.describe(error))
        }
        for issue in input.issues { Console.error("\(path)\(Language.say(": ", "："))\(issue.text(english: Language.english))") }
        return (input.profiles, !input.issues.isEmpty)
    }
}
