import Foundation
import IncentiveEngine
import PolicyLanguage

/// `incentive test [DIR]`: runs the test cases written next to the policies.
enum TestCommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: ["policies"], flags: ["help", "verbose"])
        let loaded = PolicyStore.load(args.positional.first ?? args.value("policies"))
        let report = PolicyTestRunner(policies: loaded.policies).run()
        for failure in report.failures {
            Console.print(Language.say("FAIL \(failure)",
                                       "失败 \(failure.location)：测试 \"\(failure.testName)\"：\(failure.rule)：预期 \(failure.expected)，实际 \(failure.actual)"))
        }
        if args.has("verbose") { for name in report.passedCases { Console.print(Language.say("ok   ", "通过 ") + name) } }
        Console.print(Language.say("\(report.passed) passed, \(report.failed) failed", "通过 \(report.passed) 个，失败 \(report.failed) 个"))
        return report.failed == 0 ? 0 : 1
    }
}
