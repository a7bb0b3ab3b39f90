import Foundation
import IncentiveEngine
import IncentiveSupport
import PolicyLanguage

/// `incentive explain PROFILE RULE --year Y`: the full derivation of one rule; or
/// `incentive explain --record LOG --line N [RULE]`: the derivation as recorded, not re-derived.
enum ExplainCommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: ["year", "lang", "policies", "format", "record", "line"], flags: ["help"])
        if let log = args.value("record") { return try RecordedExplanation.run(args, log: log) }
        guard args.positional.count == 2 else {
            throw Arguments.UsageError(message: "explain takes a profile file and a rule id, e.g. explain profile.json pujiang.rd-reward --year 2020")
        }
        let year = try args.year(required: true)!
        let format = try args.choice("format", of: ["text", "json"], default: "text")
        let loaded = PolicyStore.load(args.value("policies"))
        let ruleID = args.positional[1]
        guard loaded.policies.rule(ruleID) != nil else {
            let hint = Suggestions.closest(to: ruleID, among: loaded.policies.ruleIndex.keys).map { "; did you mean '\($0)'?" } ?? ""
            throw Arguments.UsageError(message: "no rule '\(ruleID)'\(hint)")
        }
        let (profile, hadIssues) = try ProfileInput.read(args.positional[0], policies: loaded.policies)
        guard let profile else { return 1 }
        let estimate = Evaluator(policies: loaded.policies).evaluate(profile, year: year)
        guard let result = estimate.result(ruleID) else {
            Console.error("incentive: rule '\(ruleID)' is not in force for region \(profile.region) in \(year)")
            return 1
        }
        if format == "json" {
            var json = EstimateEncoder(policySetDigest: loaded.digest, includeExplanation: true).encode(result)
            if case .object(var members) = json {
                members.append(JSONMember(key: "policy_set", value: .string(loaded.digest)))
                json = .object(members)
            }
            Console.print(JSONWriter.pretty(json))
        } else {
            Console.print(ExplanationRenderer(labels: Labels(lang: try args.choice("lang", of: ["zh", "en"], default: "zh"))).render(result))
        }
        return hadIssues ? 1 : 0
    }
}
