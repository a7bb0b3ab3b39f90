import Foundation
import IncentiveEngine
import IncentiveSupport

/// `incentive estimate PROFILE --year Y`: one enterprise, every rule in force for its region and Y.
enum EstimateCommand {
    static let valued: Set<String> = ["year", "format", "lang", "policies", "out", "record"]
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
        let estimate = Evaluator(policies: loaded.policies).evaluate(profile, year: year)
        if let log = args.value("record") {
            try Recording.append(profile: profile, path: args.positional[0], year: year, estimate: estimate, loaded: loaded, to: log)
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
        return hadIssues ? 1 : 0
    }
}
