import Foundation
import IncentiveEngine
import IncentiveSupport

/// `incentive estimate PROFILE --year Y`: one enterprise, every rule in force for its region and Y.
enum EstimateCommand {
    static let valued: Set<String> = ["year", "format", "lang", "policies", "out", "cohort"]
    static let flags: Set<String> = ["explain", "help"]

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: valued, flags: flags)
        if args.has("help") {
            Console.print(Help.text(for: "estimate"))
            return 0
        }
        guard args.positional.count == 1 else {
            throw Arguments.UsageError(message: "estimate takes one profile file (JSON); found \(args.positional.count)")
        }
        let year = try args.year(required: true)!
        let format = try args.choice("format", of: ["table", "json", "md"], default: "table")
        let lang = try args.choice("lang", of: ["zh", "en"], default: "zh")
        let loaded = PolicyStore.load(args.value("policies"))
        let (profile, hadIssues) = try ProfileInput.read(args.positional[0], policies: loaded.policies)
        guard let profile else { return 1 }
        var cohortHadIssues = false
        let estimate: Estimate
        if let cohortPath = args.value("cohort") {
            let cohort = try CohortInput.read(cohortPath, policies: loaded.policies)
            cohortHadIssues = cohort.hadIssues
            estimate = BatchEvaluator(policies: loaded.policies, year: year).evaluate(profile, within: cohort.profiles).estimate
        } else {
            estimate = Evaluator(policies: loaded.policies).evaluate(profile, year: year)
        }
        let output: String
        switch format {
        case "json":
            let encoder = EstimateEncoder(policySetDigest: loaded.digest, includeExplanation: args.has("explain"))
            output = JSONWriter.pretty(encoder.encode(estimate))
        case "md":
            output = EstimateRenderer(labels: Labels(lang: lang), digest: loaded.digest, explain: args.has("explain")).markdown(estimate)
        default:
            output = EstimateRenderer(labels: Labels(lang: lang), digest: loaded.digest, explain: args.has("explain")).table(estimate)
        }
        try Console.emit(output, to: args.value("out"))
        return hadIssues || cohortHadIssues ? 1 : 0
    }
}
