import Foundation
import TestSupport
import Testing

/// Policy diagnostics follow `--lang` like every other message (Chinese by default), while what
/// authors and tools anchor on stays the same in both languages: `file:line:col`, `error[code]`,
/// the source line and the caret.
@Suite struct DiagnosticLanguageCLITests {
    /// A policy folder (`scratch`, its path returned) with two errors: a misspelt fact (with a
    /// suggestion) and money + percent.
    static func badPolicies(in scratch: ScratchDirectory) throws -> String {
        try "fact revenue: money per-year \"收入\" \"revenue\"\npolicy p \"t\" {\n  region 330726\n  rule r \"r\" { kind cash when c: revenu > 0 amount revenue + 5% }\n}\n"
            .write(toFile: scratch.path + "/bad.policy", atomically: true, encoding: .utf8)
        return scratch.path
    }

    /// The output with every message and suggestion cut away: what must not depend on the language.
    static func skeleton(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if let code = line.range(of: "]: ") { return String(line[..<code.upperBound]) }
            if let help = line.range(of: " = ") { return String(line[..<help.upperBound]) }
            return String(line)
        }.filter { !$0.isEmpty }.dropLast().map { $0 }  // the last line is the error count
    }

    @Test func checkSpeaksChineseByDefaultAndEnglishWhenAsked() throws {
        let scratch = ScratchDirectory("incentive-diag-lang")
        defer { scratch.remove() }
        let dir = try Self.badPolicies(in: scratch)
        let chinese = try ExamplesTests.run(["check", dir])
        let english = try ExamplesTests.run(["check", dir, "--lang", "en"])
        #expect(chinese.status == 3 && english.status == 3)
        #expect(chinese.stderr.contains("bad.policy:4:34: error[check.unknown-name]: 未知的名称 'revenu'：不是事实、参数或局部名称"), "\(chinese.stderr)")
        #expect(chinese.stderr.contains("= 提示：是否想写 'revenue'？"), "\(chinese.stderr)")
        #expect(chinese.stderr.contains("bad.policy:4:52: error[check.unit-mismatch]: 无法将 money 与 percent 相加"), "\(chinese.stderr)")
        #expect(chinese.stderr.contains("共 2 处错误"))
        #expect(!chinese.stderr.contains("unknown name") && !chinese.stderr.contains("did you mean"))
        #expect(english.stderr.contains("bad.policy:4:34: error[check.unknown-name]: unknown name 'revenu': not a fact, parameter or local name"))
        #expect(english.stderr.contains("= help: did you mean 'revenue'?"))
        #expect(english.stderr.contains("bad.policy:4:52: error[check.unit-mismatch]: cannot add money and percent"))
        #expect(!english.stderr.contains("未知"), "\(english.stderr)")
        // Same codes, locations, source lines and carets, line for line.
        #expect(Self.skeleton(chinese.stderr) == Self.skeleton(english.stderr), "\(chinese.stderr)\n---\n\(english.stderr)")
        #expect(Self.skeleton(chinese.stderr).filter { $0.contains("^") }.count == 2)
    }

    @Test func commandsThatLoadPoliciesPrintTheirDiagnosticsInTheLanguageAskedFor() throws {
        let scratch = ScratchDirectory("incentive-diag-lang")
        defer { scratch.remove() }
        let dir = try Self.badPolicies(in: scratch)
        let chinese = try ExamplesTests.run(["estimate", "Examples/pujiang-precision.json", "--year", "2020", "--policies", dir])
        #expect(chinese.status == 3)
        #expect(chinese.stderr.contains("error[check.unknown-name]: 未知的名称 'revenu'"), "\(chinese.stderr)")
        let english = try ExamplesTests.run(["list", "--policies", dir, "--lang", "en"])
        #expect(english.status == 3)
        #expect(english.stderr.contains("error[check.unknown-name]: unknown name 'revenu'"), "\(english.stderr)")
    }

    @Test func evalSyntaxErrorsFollowLang() throws {
        let chinese = try ExamplesTests.run(["eval", "1 +"])
        #expect(chinese.status == 3)
        #expect(chinese.stderr.contains("<expression>:1:4: error[parse.unexpected-token]: 应为 表达式，实际为 输入结尾"), "\(chinese.stderr)")
        let english = try ExamplesTests.run(["eval", "1 +", "--lang", "en"])
        #expect(english.stderr.contains("<expression>:1:4: error[parse.unexpected-token]: expected an expression, found end of input"), "\(english.stderr)")
    }
}
