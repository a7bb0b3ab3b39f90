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
            throw Arguments.UsageError("explain takes a profile file and a rule id, e.g. explain profile.json pujiang.rd-reward --year 2020",
                                       "explain 需要一个档案文件和一个规则编号，如 explain profile.json pujiang.rd-reward --year 2020")
        }
        let year = try args.year(required: true)!
        let format = try args.choice("format", of: ["text", "json"], default: "text")
        let loaded = PolicyStore.load(args.value("policies"))
        let ruleID = args.positional[1]
        guard loaded.policies.rule(ruleID) != nil else {
            let suggestion = Suggestions.closest(to: ruleID, among: loaded.policies.ruleIndex.keys)
            throw Arguments.UsageError("no rule '\(ruleID)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                                       "没有规则 '\(ruleID)'" + (suggestion.map { "；是否想写 '\($0)'？" } ?? ""))
        }
        let (profile, hadIssues) = try ProfileInput.read(args.positional[0], policies: loaded.policies)
        guard let profile else { return 1 }
        let estimate = Evaluator(policies: loaded.policies).evaluate(profile, year: year)
        guard let result = estimate.result(ruleID) else {
            Console.error(Language.say("incentive: rule '\(ruleID)' is not in force for region \(profile.region) in \(year)",
                                       "incentive：规则 '\(ruleID)' 在 \(year) 年对地区 \(profile.region) 不适用"))
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
