import IncentiveSupport
import PolicyLanguage
import Testing
import TestSupport

/// How the parser groups what the lexer gives it. Each case states the grouping by the fully
/// parenthesized text of the tree it parses to.
@Suite struct ParserTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let source: String
        let grouping: String
        var testDescription: String { "'\(source)' groups as '\(grouping)'" }
    }

    static let cases: [Case] = [
        Case(source: "rd_expense of Y-1", grouping: "rd_expense of (Y - 1)"),
        Case(source: "rd_expense of Y - 2 * 3", grouping: "(rd_expense of (Y - 2)) * 3"),
        Case(source: "rd_expense of Y + 1 > 0", grouping: "(rd_expense of (Y + 1)) > 0"),
        Case(source: "rd_expense of 2019", grouping: "rd_expense of 2019"),
        Case(source: "2020 - 01", grouping: "2020 - 1"),
        Case(source: "7 % 3 * 2", grouping: "(7 % 3) * 2"),
        Case(source: "a + b * c - d", grouping: "(a + (b * c)) - d"),
        Case(source: "-a * b", grouping: "(-a) * b"),
        Case(source: "a < b == true", grouping: "a < b"),
        Case(source: "not x in [1..2]", grouping: "not (x in [1..2])"),
        Case(source: "x not in [1, 2] and y", grouping: "(x not in [1, 2]) and y"),
        Case(source: "a ?? b > 1", grouping: "a ?? (b > 1)"),
        Case(source: "c ? a ?? 1 : 2", grouping: "c ? (a ?? 1) : 2"),
        Case(source: "some x in [1, 2, 3] satisfies x > 2 and x < 5", grouping: "some x in [1, 2, 3] satisfies (x > 2) and (x < 5)"),
        Case(source: "(1..5]", grouping: "(1..5]"),
        Case(source: "((1))", grouping: "1"),
    ]

    @Test("grouping", arguments: cases.filter { $0.source != "a < b == true" })
    func groups(_ example: Case) {
        #expect(reprint(example.source) == example.grouping)
    }

    @Test("comparisons do not chain: 'a < b == true' stops at the second comparison")
    func comparisonsDoNotChain() {
        let (expr, diagnostics) = parse("a < b == true")
        #expect(expr == nil)
        #expect(diagnostics.map(\.message) == ["expected end of expression, found '=='"])
    }

    @Test("a number unit and value follow its suffix", arguments: [
        ("12%", "0.12", NumberUnit.percent), ("40万", "400000", .money), ("1.5亿", "150000000", .money), ("0.5", "0.5", .plain),
    ])
    func numberUnits(source: String, value: String, unit: NumberUnit) throws {
        let expr = try #require(parse(source).expr)
        #expect(expr.kind == .number(ExactDecimal(parsing: value)!, unit: unit))
    }

    @Test("'2020-01-01' is a date literal")
    func dateLiteral() throws {
        let expr = try #require(parse("2020-01-01").expr)
        #expect(expr.kind == .date(CivilDate(year: 2020, month: 1, day: 1)!))
    }

    @Test("ranges cover their source text, parentheses included")
    func rangesCoverParentheses() throws {
        let expr = try #require(parse("  (a + b) * 2").expr)
        #expect(expr.range.start == 2)
        #expect(expr.range.end == 13)
    }

    @Test("a rule id written with dots and dashes is one name; a spaced dash ends it")
    func dottedIDs() throws {
        let text = """
        policy cn.rd-super-deduction "研发费用加计扣除" {
          region 100000
          rule cn.rd-super-deduction.v2 "加计扣除" { kind tax; amount 1 }
          group g "组" highest { members cn.rd-super-deduction.v2 }
        }
        """
        let (tree, diagnostics) = Parser.parse(SourceFile(name: "t.policy", text: text), file: 0)
        #expect(diagnostics.isEmpty)
        #expect(tree.policies.map(\.id) == ["cn.rd-super-deduction"])
        #expect(tree.policies.first?.rules.map(\.id) == ["cn.rd-super-deduction.v2"])
        #expect(tree.policies.first?.groups.first?.members == ["cn.rd-super-deduction.v2"])
    }

    @Test("a file with Chinese comments between declarations parses", arguments: ["# 事实声明\n", "#中文注释，无空格\n\n"])
    func chineseComments(comment: String) {
        let text = comment + "fact x: money per-year \"研发\" \"rd\" # 行尾注释\n" + comment
        let (tree, diagnostics) = Parser.parse(SourceFile(name: "t.policy", text: text), file: 0)
        #expect(diagnostics.isEmpty)
        #expect(tree.facts.map(\.name) == ["x"])
    }

    @Test("nesting is bounded: 64 parentheses parse, 65 are parse.too-deep, 10000 do not crash", arguments: [
        (63, nil), (65, "parse.too-deep"), (10_000, "parse.too-deep"),
    ] as [(Int, String?)])
    func nestingIsBounded(depth: Int, code: String?) {
        let text = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        let (_, diagnostics) = parse(text)
        #expect(diagnostics.first?.code == code)
        let negations = String(repeating: "-", count: depth) + "1"
        #expect(parse(negations).diagnostics.first?.code == code)
    }
}
