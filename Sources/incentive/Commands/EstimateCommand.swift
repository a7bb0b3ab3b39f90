import Foundation
import IncentiveEngine
import IncentiveSupport

/// `incentive estimate PROFILE --year Y`: one enterprise, every rule in force for its region and Y.
enum EstimateCommand {
    static let valued: Set<String> = ["year", "format", "lang", "policies", "out", "set", "record", "cohort"]
    static let flags: Set<String> = ["explain", "help"]

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: valued, flags: flags)
        guard args.positional.count == 1 else {
            throw Arguments.UsageError("estimate takes one profile file (JSON); found \(args.positional.count)", "estimate 需要一个档案文件（JSON）；实际给出 \(args.positional.count) 个")
        }
        let year = try args.year(required: true)!
        let format = try args.choice("format", of: ["table", "json", "md", "html"], default: "table")
        let lang = try args.choice("lang", of: ["zh", "en"], default: "zh")
        let loaded = PolicyStore.load(args.value("policies"))
        let (profile, hadIssues) = try ProfileInput.read(args.positional[0], policies: loaded.policies)
        guard var profile else { return 1 }
        var cohortHadIssues = false
        var evaluate: (Profile) -> Estimate = { Evaluator(policies: loaded.policies).evaluate($0, year: year) }
        /// With --cohort: the estimate with the cohort's decisions about the profile (for --record).
        var withCohort: ((Profile) -> (estimate: Estimate, pools: [PoolOutcome], decisions: CohortDecisions))?
        if let cohortPath = args.value("cohort") {
            let cohort = try CohortInput.read(cohortPath, policies: loaded.policies)
            cohortHadIssues = cohort.hadIssues
            let batch = BatchEvaluator(policies: loaded.policies, year: year)
            evaluate = { batch.evaluate($0, within: cohort.profiles).estimate }
            withCohort = { batch.evaluate($0, within: cohort.profiles) }
        }
        var whatIf: WhatIfRenderer?
        let edits = try args.values("set").map { text in
            do throws(ProfileEdit.Problem) { return try ProfileEdit(parsing: text, policies: loaded.policies) } catch { throw Arguments.UsageError(message: error.message.text(english: Language.english)) }
        }
        if !edits.isEmpty, args.value("record") != nil {
            throw Arguments.UsageError("--record keeps decisions on the profile as given; a what-if (--set) is not recorded",
                                       "--record 只记录按原档案作出的决定；假设（--set）不予记录")
        }
        if !edits.isEmpty {
            let before = evaluate(profile)
            for edit in edits { edit.apply(to: &profile) }
            whatIf = WhatIfRenderer(labels: Labels(lang: lang), edits: edits, comparison: EstimateComparison(before: before, after: evaluate(profile)))
        }
        let decided = withCohort.map { $0(profile) }
        let estimate = decided?.estimate ?? evaluate(profile)
        if let log = args.value("record") {
            let cohort = decided.map { (decisions: $0.decisions, source: args.value("cohort") ?? "") }
            try Recording.append(profile: profile, path: args.positional[0], year: year, estimate: estimate, cohort: cohort, loaded: loaded, to: log)
        }
        let renderer = EstimateRenderer(labels: Labels(lang: lang), digest: loaded.digest, explain: args.has("explain"))
        var output: String
        switch format {
        case "json":
            let encoder = EstimateEncoder(policySetDigest: loaded.digest, includeExplanation: args.has("explain"))
            var json = encoder.encode(estimate)
            if let whatIf, case .object(var members) = json {
                members.append(JSONMember(key: "what_if", value: whatIf.json()))
                json = .object(members)
            }
            output = JSONWriter.pretty(json)
        case "md":
            output = renderer.markdown(estimate) + (whatIf.map { "\n```\n" + $0.text() + "\n```\n" } ?? "")
        case "html":
            output = HTMLReport(labels: Labels(lang: lang), digest: loaded.digest).render(estimate, whatIf: whatIf?.text())
        default:
            output = renderer.table(estimate) + (whatIf.map { "\n\n" + $0.text() } ?? "")
        }
        try Console.emit(output, to: args.value("out"))
        return hadIssues || cohortHadIssues ? 1 : 0
    }
}
