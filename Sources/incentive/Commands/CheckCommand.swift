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
        switch PolicyLoader.loadKeepingWarnings(sources: files) {
        case .success(let (set, warnings, sources)):
            if !warnings.isEmpty { Console.error(DiagnosticRenderer(sources: sources, english: Language.english).render(warnings) + "\n") }
            let rules = set.rules.count
            let digest = PolicySetDigest.digest(of: set.sources)
            Console.print(Language.say("ok: \(set.sources.count) files, \(set.policies.count) policies, \(rules) rules, \(set.tests.count) tests; policy set \(digest)",
                                       "通过：\(set.sources.count) 个文件，\(set.policies.count) 项政策，\(rules) 条规则，\(set.tests.count) 个测试；政策集 \(digest)"))
            return 0
        case .failure(let failure):
            Console.error(failure.rendered(english: Language.english))
            let errors = failure.diagnostics.filter { $0.severity == .error }.count
            Console.error(Language.say("\n\(errors) error\(errors == 1 ? "" : "s")", "\n共 \(errors) 处错误"))
            return 3
        }
    }
}
