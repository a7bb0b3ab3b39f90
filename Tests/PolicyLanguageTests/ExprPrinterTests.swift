import IncentiveSupport
import PolicyLanguage
import Testing
import TestSupport

/// The printer gives back text a policy author would write, and that text parses to the same tree.
@Suite struct ExprPrinterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let source: String
        let printed: String
        var testDescription: String { "'\(source)' prints as '\(printed)'" }
    }

    static let cases: [Case] = [
        Case(source: "12%", printed: "12%"),
        Case(source: "12.5%", printed: "12.5%"),
        Case(source: "40万", printed: "40万"),
        Case(source: "1.5亿", printed: "15000万"),
        Case(source: "0.1 + 0.2", printed: "0.1 + 0.2"),
        Case(source: "1 + 2 * 3", printed: "1 + (2 * 3)"),
        Case(source: "(1 + 2) * 3", printed: "(1 + 2) * 3"),
        Case(source: "1 - 2 - 3", printed: "(1 - 2) - 3"),
        Case(source: "7%3", printed: "7 % 3"),
        Case(source: "12% % 5", printed: "12% % 5"),
        Case(source: "-x", printed: "-x"),
        Case(source: "- -x", printed: "-(-x)"),
        Case(source: "not a and b", printed: "(not a) and b"),
        Case(source: "a or b and c", printed: "a or (b and c)"),
        Case(source: "a ?? b ?? 5", printed: "(a ?? b) ?? 5"),
        Case(source: "c ? 1 : d ? 2 : 3", printed: "c ? 1 : (d ? 2 : 3)"),
        Case(source: "x in [1..5)", printed: "x in [1..5)"),
        Case(source: "x not in (1..5]", printed: "x not in (1..5]"),
        Case(source: "x in [1, 2, 3]", printed: "x in [1, 2, 3]"),
        Case(source: "[]", printed: "[]"),
        Case(source: "rd_expense of Y-1", printed: "rd_expense of (Y - 1)"),
        Case(source: "(rd_expense of Y) - 1", printed: "(rd_expense of Y) - 1"),
        Case(source: "sum(rd_expense over [Y-2..Y])", printed: "sum(rd_expense over [Y - 2..Y])"),
        Case(source: "some c in hte_certificates satisfies year(c) == Y", printed: "some c in hte_certificates satisfies year(c) == Y"),
        Case(source: "rank(rd_expense) <= 10", printed: "rank(rd_expense) <= 10"),
        Case(source: "paid(tag tech-award) * 50%", printed: "paid(tag tech-award) * 50%"),
        Case(source: "paid(kind tax)", printed: "paid(kind tax)"),
        Case(source: "\"他说\\\"好\\\"\\n\"", printed: "\"他说\\\"好\\\"\\n\""),
        Case(source: "2020-02-29 < date(Y, 1, 1)", printed: "2020-02-29 < date(Y, 1, 1)"),
        Case(source: "null ?? true", printed: "null ?? true"),
    ]

    @Test("printing a parsed expression", arguments: cases)
    func printsAsWritten(_ example: Case) throws {
        let (expr, diagnostics) = parse(example.source)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let parsed = try #require(expr)
        #expect(ExprPrinter.print(parsed) == example.printed)
    }

    @Test("the printed text of each case parses back to the same tree", arguments: cases)
    func printedTextParsesBack(_ example: Case) throws {
        let parsed = try #require(parse(example.source).expr)
        let again = try #require(parse(ExprPrinter.print(parsed)).expr)
        #expect(again.stripped() == parsed.stripped())
    }

    /// Property: for random trees of every kind (depth ≤ 6), print then parse gives the tree back.
    /// A failure names its seed; replay it with `PROPERTY_SEED=<seed> swift test --filter ExprPrinterTests`.
    @Test("print then parse gives back any random tree (600 seeds)")
    func roundTripsRandomTrees() {
        var kinds = Set<String>()
        for seed in PropertySeeds.seeds(600) {
            var generator = ExprGenerator(seed: seed)
            let tree = generator.expression(depth: 6)
            let text = ExprPrinter.print(tree)
            let (parsed, diagnostics) = parse(text)
            #expect(diagnostics.isEmpty, "seed \(seed): '\(text)' does not parse: \(diagnostics.map(\.message))")
            #expect(parsed?.stripped() == tree, "seed \(seed): '\(text)' parses to '\(parsed.map(ExprPrinter.print) ?? "nothing")'")
            kinds.formUnion(Self.kindNames(tree))
        }
        // The generator must reach every kind of node, or the property proves less than it says.
        #expect(kinds.count == 19 || PropertySeeds.seeds(600).count == 1, "kinds reached: \(kinds.sorted())")
    }

    static func kindNames(_ expr: Expr) -> [String] {
        let children: [Expr]
        switch expr.kind {
        case .number, .string, .date, .bool, .null, .assessmentYear, .name, .paid: children = []
        case .of(_, let a), .over(_, let a), .unary(_, let a), .rank(let a): children = [a]
        case .binary(_, let a, let b), .membership(let a, let b, _), .range(let a, let b, _, _), .quantified(_, _, let a, let b): children = [a, b]
        case .conditional(let a, let b, let c): children = [a, b, c]
        case .call(_, let items), .list(let items): children = items
        }
        let name = String(describing: expr.kind).prefix { $0 != "(" }
        return [String(name)] + children.flatMap(kindNames)
    }
}
