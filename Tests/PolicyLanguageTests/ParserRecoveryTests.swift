import PolicyLanguage
import Testing

/// After a syntax error the parser resumes at the next statement, and always moves forward: a
/// stray closing bracket once made it fail on the same token forever, growing its diagnostics
/// until memory ran out (100 nested parentheses in a rule's amount were enough).
@Suite(.timeLimit(.minutes(1))) struct ParserRecoveryTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let body: String
        let codes: [String]
        let what: String
        var testDescription: String { "\(what) gives \(codes.joined(separator: ", ")) and the parser moves on" }
    }

    static let cases: [Case] = [
        Case(body: "rule r \"规则\" { kind cash\n amount 1 )\n }", codes: ["parse.unexpected-token"], what: "a stray ')' in a rule"),
        Case(body: "rule r \"规则\" { kind cash\n amount 1 ] ] ]\n }", codes: ["parse.unexpected-token"], what: "three stray ']' in a rule"),
        Case(body: "rule r \"规则\" { kind cash\n amount " + String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100) + "\n }",
             codes: ["parse.too-deep"], what: "100 nested parentheses"),
        Case(body: "rule r \"规则\" { kind cash\n amount (1 + \n }", codes: ["parse.unexpected-token"], what: "an unclosed parenthesis"),
    ]

    @Test("recovery inside a policy", arguments: cases)
    func recoversInsidePolicy(_ example: Case) {
        let text = "policy p \"政策\" {\n region 330726\n \(example.body)\n rule after \"之后\" { kind info }\n}\n"
        let (tree, diagnostics) = Parser.parse(SourceFile(name: "t.policy", text: text), file: 0)
        #expect(diagnostics.map(\.code) == example.codes)
        // The rule after the broken one is still read.
        #expect(tree.policies.first?.rules.map(\.id).contains("after") == true)
    }

    @Test("an error found after a rule's block does not swallow the next rule")
    func errorAfterBlockKeepsNextStatement() {
        let text = "policy p \"政策\" {\n region 330726\n rule a \"甲\" { amount 1 }\n rule b \"乙\" { kind gift }\n rule c \"丙\" { kind info }\n}\n"
        let (tree, diagnostics) = Parser.parse(SourceFile(name: "t.policy", text: text), file: 0)
        #expect(diagnostics.map(\.code) == ["parse.missing-kind", "parse.unknown-kind", "parse.missing-kind"])
        #expect(tree.policies.first?.rules.map(\.id) == ["c"])
    }

    @Test("a policy without a region does not swallow the next policy")
    func missingRegionKeepsNextPolicy() {
        let text = "policy p \"甲\" { }\npolicy q \"乙\" { region 330726 }\n"
        let (tree, diagnostics) = Parser.parse(SourceFile(name: "t.policy", text: text), file: 0)
        #expect(diagnostics.map(\.code) == ["parse.missing-region"])
        #expect(tree.policies.map(\.id) == ["q"])
    }

    @Test("a statement that fails to parse is not also reported as missing", arguments: [
        ("rule r \"规则\" { kind cash\n amount 1 + }", "parse.unexpected-token"),
        ("param v \"值\" money { from 2020-01-01: 1万 }\n rule r \"规则\" { kind cash; amount v }", "parse.missing-provenance"),
        ("rule r \"规则\" { kind cash; tag t; amount 1 }\n obligation o \"义务\" { amount 50% * }", "parse.unexpected-token"),
    ])
    func noCascade(body: String, code: String) {
        let text = "policy p \"政策\" {\n region 330726\n \(body)\n}\n"
        guard case .failure(let failure) = PolicyLoader.load(sources: [SourceFile(name: "t.policy", text: text)]) else {
            Issue.record("loaded without errors")
            return
        }
        #expect(failure.diagnostics.map(\.code) == [code], "\(failure.rendered)")
    }

    @Test("stray closers at file level are each reported once and skipped")
    func strayClosersAtFileLevel() {
        let text = "}\nfact x: money per-year \"甲\" \"x\"\n) ]\nfact y: money per-year \"乙\" \"y\"\n"
        let (tree, diagnostics) = Parser.parse(SourceFile(name: "t.policy", text: text), file: 0)
        #expect(diagnostics.map(\.code) == ["parse.unexpected-token", "parse.unexpected-token"])
        #expect(tree.facts.map(\.name) == ["x", "y"])
    }
}
