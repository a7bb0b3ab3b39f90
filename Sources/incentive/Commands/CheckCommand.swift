import Foundation
import IncentiveEngine
import PolicyLanguage

/// `incentive check [DIR]`: parse and check policies; diagnostics with file:line:col and a caret.
enum CheckCommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: ["policies"], flags: ["help"])
        let path = args.positional.first ?? args.value("policies")
        let files: [SourceFile]
        do {
            files = try PolicyStore.sources(path)
        } catch {
            Console.error(Language.say("incentive: ", "incentive：") + Console.describe(error))
            return 3
        }
        switch PolicyLoader.load(sources: files) {
        case .success(let set):
            let warnings = PolicyLoader.diagnose(sources: files)
            if !warnings.diagnostics.isEmpty { Console.error(DiagnosticRenderer(sources: warnings.sources).render(warnings.diagnostics) + "\n") }
            let rules = set.rules.count
            Console.print("ok: \(set.sources.count) files, \(set.policies.count) policies, \(rules) rules, \(set.tests.count) tests; policy set \(PolicySetDigest.digest(of: set.sources))")
            return 0
        case .failure(let failure):
            Console.error(failure.rendered)
            let errors = failure.diagnostics.filter { $0.severity == .error }.count
            Console.error("\n\(errors) error\(errors == 1 ? "" : "s")")
            return 3
        }
    }
}
