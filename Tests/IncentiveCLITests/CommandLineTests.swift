import Foundation
import IncentiveSupport
import TestSupport
import Testing

/// The CLI contract of design.md: exit codes (0 ok, 1 bad input, 2 usage, 3 policy errors), help
/// with real examples, `eval` printing JSON values, `check` diagnostics with file:line:col.
@Suite struct CommandLineTests {
    struct ExitCase: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        let stderrContains: String
        var testDescription: String { "incentive \(arguments.joined(separator: " ")) exits \(status)" }
    }

    @Test("exit codes follow design.md", arguments: [
        ExitCase(arguments: ["estimate", "Examples/pujiang-precision.json", "--year", "2020"], status: 0, stderrContains: ""),
        ExitCase(arguments: ["estimate", "Examples/pujiang-precision.json", "--lang", "en"], status: 2, stderrContains: "missing --year"),
        ExitCase(arguments: ["estimate", "Examples/pujiang-precision.json", "--year", "20x0", "--lang", "en"], status: 2, stderrContains: "is not a year"),
        ExitCase(arguments: ["estimate", "Examples/pujiang-precision.json", "--year", "2020", "--format", "xml", "--lang", "en"], status: 2, stderrContains: "is not one of"),
        ExitCase(arguments: ["estimate", "Examples/pujiang-precision.json", "--year", "2020", "--colour", "--lang", "en"], status: 2, stderrContains: "unknown option '--colour'"),
        ExitCase(arguments: ["estimate", "Examples/nope.json", "--year", "2020", "--lang", "en"], status: 2, stderrContains: "no such file"),
        ExitCase(arguments: ["estimate", "Tests/IncentiveEngineTests/Profiles/bad-fields.json", "--year", "2023", "--lang", "en"], status: 1, stderrContains: "line 15: field 'years.2023.rd_expense'"),
        ExitCase(arguments: ["estimate", "Tests/IncentiveEngineTests/Profiles/bad-region.json", "--year", "2023", "--lang", "en"], status: 1, stderrContains: "cannot be evaluated"),
        ExitCase(arguments: ["estimate", "Examples/pujiang-precision.json", "--year", "2020", "--set", "years.2020.rd_expens=1", "--lang", "en"], status: 2, stderrContains: "did you mean 'rd_expense'"),
        ExitCase(arguments: ["frobnicate", "--lang", "en"], status: 2, stderrContains: "unknown command 'frobnicate'"),
        ExitCase(arguments: ["check", "Tests/PolicyLanguageTests/NoSuchDir", "--lang", "en"], status: 3, stderrContains: "no such directory"),
        ExitCase(arguments: ["explain", "Examples/pujiang-precision.json", "pujiang.rd-rewrd", "--year", "2020", "--lang", "en"], status: 2, stderrContains: "did you mean 'pujiang.rd-reward'"),
        ExitCase(arguments: ["eval", "1 +"], status: 3, stderrContains: "error[parse.unexpected-token]"),
        ExitCase(arguments: ["eval", "1 / 0"], status: 3, stderrContains: "error[check.division-by-zero]"),
        // Without --lang the CLI speaks Chinese (the default); --lang anywhere before `--` applies,
        // even to the errors found before the command parses its options.
        ExitCase(arguments: ["estimate", "Examples/pujiang-precision.json"], status: 2, stderrContains: "缺少 --year YYYY"),
        ExitCase(arguments: ["estimate", "Examples/pujiang-precision.json", "--year", "2020", "--colour"], status: 2, stderrContains: "未知选项 '--colour'"),
        ExitCase(arguments: ["estimate", "Examples/nope.json", "--year", "2020"], status: 2, stderrContains: "Examples/nope.json：文件不存在或无法读取"),
        ExitCase(arguments: ["estimate", "Tests/IncentiveEngineTests/Profiles/bad-fields.json", "--year", "2023"], status: 1,
                 stderrContains: "第 18 行：字段 'years.2023.tech_staf'：值为 3；应为 档案约定中没有这个字段（是否想写 'tech_staff'？）"),
        ExitCase(arguments: ["estimate", "Tests/IncentiveEngineTests/Profiles/bad-region.json", "--year", "2023"], status: 1, stderrContains: "无法评估"),
        ExitCase(arguments: ["estimate", "Examples/pujiang-precision.json", "--year", "2020", "--set", "years.2020.rd_expens=1"], status: 2,
                 stderrContains: "没有数据项 'rd_expens'；是否想写 'rd_expense'？"),
        ExitCase(arguments: ["explain", "Examples/pujiang-precision.json", "pujiang.rd-rewrd", "--year", "2020"], status: 2, stderrContains: "是否想写 'pujiang.rd-reward'"),
        ExitCase(arguments: ["frobnicate"], status: 2, stderrContains: "未知命令 'frobnicate'"),
        ExitCase(arguments: ["check", "Tests/PolicyLanguageTests/NoSuchDir"], status: 3, stderrContains: "Tests/PolicyLanguageTests/NoSuchDir：目录不存在"),
        ExitCase(arguments: ["list", "--region", "33072"], status: 2, stderrContains: "不是 6 位行政区划代码"),
        ExitCase(arguments: ["list", "--lang", "fr"], status: 2, stderrContains: "--lang 'fr' 不是 zh、en 之一"),
        ExitCase(arguments: ["list", "--lang", "fr", "--lang", "en"], status: 0, stderrContains: ""),
        ExitCase(arguments: ["replay", "nope.jsonl", "--lang=en"], status: 2, stderrContains: "nope.jsonl: no such file"),
    ])
    func exitCodes(_ example: ExitCase) throws {
        let result = try ExamplesTests.run(example.arguments)
        #expect(result.status == example.status, "stderr: \(result.stderr)")
        if !example.stderrContains.isEmpty { #expect(result.stderr.contains(example.stderrContains), "stderr: \(result.stderr)") }
    }

    @Test func aBadPolicyDirectoryExitsThreeWithLocatedDiagnostics() throws {
        let scratch = ScratchDirectory("incentive-bad")
        defer { scratch.remove() }
        let dir = scratch.path
        try "fact revenue: money per-year \"收入\" \"revenue\"\npolicy p \"t\" {\n  region 330726\n  rule r \"r\" { kind cash when c: revenu > 0 amount revenue + 5% }\n}\n"
            .write(toFile: dir + "/bad.policy", atomically: true, encoding: .utf8)
        let result = try ExamplesTests.run(["check", dir, "--lang", "en"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("bad.policy:4:34: error[check.unknown-name]: unknown name 'revenu'"), "\(result.stderr)")
        #expect(result.stderr.contains("help: did you mean 'revenue'?"))
        #expect(result.stderr.contains("bad.policy:4:52: error[check.unit-mismatch]: cannot add money and percent"), "\(result.stderr)")
        let estimate = try ExamplesTests.run(["estimate", "Examples/pujiang-precision.json", "--year", "2020", "--policies", dir])
        #expect(estimate.status == 3)
    }

    /// `check` parses and checks once and prints the warnings of policies that check, each once.
    @Test func warningsAlonePrintOnceAndTheCheckPasses() throws {
        let scratch = ScratchDirectory("incentive-warn")
        defer { scratch.remove() }
        let dir = scratch.path
        try "fact revenue: money per-year \"收入\" \"revenue\"\npolicy p \"t\" {\n  region 330726\n  effective 2020-01-01\n  param rate \"比例\" percent {\n    from 2021-01-01: 10% provenance seed\n  }\n  rule r \"r\" { kind cash when c: revenue > 0 amount revenue * rate }\n}\n"
            .write(toFile: dir + "/warn.policy", atomically: true, encoding: .utf8)
        let result = try ExamplesTests.run(["check", dir, "--lang", "en"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok: 1 files, 1 policies, 1 rules, 0 tests; policy set sha256:"), "\(result.stdout)")
        let warning = "warn.policy:5:3: warning[check.version-gap]: parameter 'rate' has no value from 2020-01-01 (the policy's start) until 2021-01-01"
        #expect(result.stderr.components(separatedBy: warning).count == 2, "\(result.stderr)")
    }

    struct EvalCase: CustomTestStringConvertible, Sendable {
        let expression: String
        let input: String?
        let output: String
        var testDescription: String { "\(expression) → \(output)" }
    }

    @Test("eval prints the value as JSON", arguments: [
        EvalCase(expression: "0.1 + 0.2", input: nil, output: "0.3"),
        EvalCase(expression: "12% * 20000000", input: nil, output: "2400000"),
        EvalCase(expression: "min(12% * rd, 300万)", input: #"{"rd": 30000000}"#, output: "3000000"),
        EvalCase(expression: "rd / revenue >= 5%", input: #"{"rd": 229999.99, "revenue": 4600000}"#, output: "false"),
        EvalCase(expression: "rd / revenue >= 5%", input: #"{"rd": 230000, "revenue": 4600000}"#, output: "true"),
        EvalCase(expression: "x in (1..5]", input: #"{"x": 5}"#, output: "true"),
        EvalCase(expression: "x / y", input: #"{"x": 1, "y": 0}"#, output: "null"),
        EvalCase(expression: "missing ?? 7", input: #"{"missing": null}"#, output: "7"),
        EvalCase(expression: "1 / 3", input: nil, output: "0.3333333333333333333333333333"),
        EvalCase(expression: "2 ^ 3 ^ 2", input: nil, output: "512"),
        EvalCase(expression: "x ^ -1", input: #"{"x": 4}"#, output: "0.25"),
        EvalCase(expression: "'单引号' + \"与双引号\"", input: nil, output: "\"单引号与双引号\""),
    ])
    func eval(_ example: EvalCase) throws {
        let result = try ExamplesTests.run(["eval", example.expression] + (example.input.map { ["--input", $0] } ?? []))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == example.output + "\n")
    }

    @Test("every command has help with an example that names the bundled files, in both languages",
          arguments: ["estimate", "batch", "explain", "check", "test", "list", "eval", "replay", "snapshot"])
    func help(command: String) throws {
        let result = try ExamplesTests.run(["help", command, "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("usage: incentive \(command)"))
        #expect(result.stdout.contains("incentive \(command) "), "an example line")
        let dashed = try ExamplesTests.run([command, "--help", "--lang", "en"])
        #expect(dashed.stdout == result.stdout)
        // Chinese by default, with the same examples.
        let chinese = try ExamplesTests.run(["help", command])
        #expect(chinese.stdout.contains("用法：incentive \(command)"))
        let examples = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("  incentive ") } }
        #expect(examples(chinese.stdout) == examples(result.stdout))
        #expect(try ExamplesTests.run([command, "-h"]).stdout == chinese.stdout)
    }

    @Test func listShowsCitationsAndOnlyTheRegionsRules() throws {
        let result = try ExamplesTests.run(["list", "--region", "330726", "--year", "2020", "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("pujiang.hte-award"))
        #expect(result.stdout.contains("cn.rd-super-deduction"))
        #expect(result.stdout.contains("财税〔2015〕119号"))
        #expect(!result.stdout.contains("deqing."))
        #expect(result.stdout.hasPrefix("policy set sha256:"))
        #expect(result.stdout.contains("[qualification]") && result.stdout.contains("in force"))
        let chinese = try ExamplesTests.run(["list", "--region", "330726", "--year", "2020"])
        #expect(chinese.stdout.hasPrefix("政策集 sha256:"))
        #expect(chinese.stdout.contains("[资格认定]") && chinese.stdout.contains("有效期") && !chinese.stdout.contains("in force"))
        #expect(chinese.stdout.contains("财税〔2015〕119号"))
    }

    @Test func missingFactsAreNamedInTheLanguageAskedFor() throws {
        let chinese = try ExamplesTests.run(["estimate", "Examples/deqing-no-rd.json", "--year", "2023"])
        #expect(chinese.stdout.contains("缺少 employees（2023）、total_assets（2023）、major_incident（2023）"), "\(chinese.stdout)")
        let english = try ExamplesTests.run(["estimate", "Examples/deqing-no-rd.json", "--year", "2023", "--lang", "en"])
        #expect(english.stdout.contains("missing employees of 2023, total_assets of 2023, major_incident of 2023"), "\(english.stdout)")
        let json = try JSONParser.parse(try ExamplesTests.run(["estimate", "Examples/deqing-no-rd.json", "--year", "2023", "--format", "json"]).stdout)
        let sme = json["results"]?.arrayValue?.first { $0["rule"]?.stringValue == "cn.tech-sme-qualification" }
        #expect(sme?["missing"]?.arrayValue?.first?.stringValue == "employees of 2023", "the JSON keeps its English names")
    }

    @Test func aFailingPolicyTestIsReportedInEitherLanguage() throws {
        let scratch = ScratchDirectory("incentive-failing")
        defer { scratch.remove() }
        let dir = scratch.path
        try """
        fact revenue: money per-year "收入" "revenue"
        policy p "测试" { region 330726 provenance official
          rule r "奖励" { kind cash when big "收入过亿": revenue >= 1亿 amount 10万 }
          test "一亿整" { year 2023; given revenue = 100000000; expect r eligible 200000 }
        }
        """.write(toFile: dir + "/p.policy", atomically: true, encoding: .utf8)
        let chinese = try ExamplesTests.run(["test", dir])
        #expect(chinese.status == 1)
        #expect(chinese.stdout.contains("测试 \"一亿整\"：r：预期 eligible 200000，实际 eligible 100000"), "\(chinese.stdout)")
        #expect(chinese.stdout.contains("通过 0 个，失败 1 个"))
        let english = try ExamplesTests.run(["test", dir, "--lang", "en"])
        #expect(english.stdout.contains("FAIL ") && english.stdout.contains("test \"一亿整\": r: expected eligible 200000, got eligible 100000"), "\(english.stdout)")
    }

    @Test func checkAndTestSummariesFollowLang() throws {
        #expect(try ExamplesTests.run(["check"]).stdout.hasPrefix("通过："))
        #expect(try ExamplesTests.run(["check", "--lang", "en"]).stdout.hasPrefix("ok: "))
        #expect(try ExamplesTests.run(["test"]).stdout.contains("失败 0 个"))
        #expect(try ExamplesTests.run(["test", "--lang", "en"]).stdout.contains(" passed, 0 failed"))
    }

    @Test func outputIsWrittenAtomicallyToTheNamedFile() throws {
        let path = NSTemporaryDirectory() + "incentive-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try ExamplesTests.run(["estimate", "Examples/deqing-no-rd.json", "--year", "2023", "--format", "json", "--out", path])
        #expect(result.status == 0 && result.stdout.isEmpty)
        let json = try JSONParser.parse(String(contentsOfFile: path, encoding: .utf8))
        #expect(json["year"] == .number("2023"))
        // Written again over the existing file: replaced whole, by a rename.
        let again = try ExamplesTests.run(["estimate", "Examples/pujiang-precision.json", "--year", "2020", "--format", "json", "--out", path])
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(try JSONParser.parse(String(contentsOfFile: path, encoding: .utf8))["year"] == .number("2020"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.contains(".tmp-") && $0.contains((path as NSString).lastPathComponent) }
        #expect(leftovers.isEmpty)
    }
}
