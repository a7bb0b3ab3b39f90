import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import Testing

/// Table-driven cases for the expression language, with the semantics of GoRules ZEN where the two
/// overlap: exact decimals, remainders with the dividend's sign, rounding half away from zero,
/// null for what cannot be known. Each case runs through the same path as `incentive eval`.
@Suite struct ExpressionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let source: String
        let input: String
        let expected: String
        let year: Int

        init(_ source: String, _ expected: String, input: String = "{}", year: Int = 2023) {
            self.source = source
            self.input = input
            self.expected = expected
            self.year = year
        }

        var testDescription: String {
            input == "{}" ? "'\(source)' is \(expected)" : "'\(source)' with \(input) is \(expected)"
        }
    }

    static let arithmeticCases: [Case] = [
        Case("0.1 + 0.2", "0.3"),
        Case("0.1 + 0.2 == 0.3", "true"),
        Case("1 / 3 * 3", "1"),
        Case("10 % 3", "1"),
        Case("-7 % 3", "-1"),
        Case("7 % -3", "1"),
        Case("7%3", "1"),
        Case("5.5 % 2", "1.5"),
        Case("12%", "0.12"),
        Case("12% * 2000万", "2400000"),
        Case("40万", "400000"),
        Case("1.5亿", "150000000"),
        Case("0.5万", "5000"),
        Case("2 - 3 * 4", "-10"),
        Case("-2 * -3", "6"),
        Case("10 / 4", "2.5"),
        Case("1 / x", "null", input: #"{"x": 0}"#),
        Case("1 % x", "null", input: #"{"x": 0}"#),
        Case("x / y", "null", input: #"{"x": 1, "y": 0}"#),
        Case("null + 1", "null"),
        Case("x * 2", "null", input: #"{"x": null}"#),
        Case("Y", "2023"),
        Case("Y - 1", "2019", year: 2020),
    ]

    static let functionsCases: [Case] = [
        Case("round(2.5)", "3"),
        Case("round(-2.5)", "-3"),
        Case("round(2.4)", "2"),
        Case("round(1.005, 2)", "1.01"),
        Case("round(-1.005, 2)", "-1.01"),
        Case("round(1234.5, -2)", "1200"),
        Case("trunc(1.999, 2)", "1.99"),
        Case("trunc(-1.999)", "-1"),
        Case("floor(-1.5)", "-2"),
        Case("floor(1.5)", "1"),
        Case("ceil(1.2)", "2"),
        Case("ceil(-1.2)", "-1"),
        Case("abs(-3.25)", "3.25"),
        Case("min(3, 1, 2)", "1"),
        Case("max([3, 1, 2])", "3"),
        Case("min([])", "null"),
        Case("max(1, null)", "null"),
        Case("sum([1, 2.5, 3])", "6.5"),
        Case("sum([])", "0"),
        Case("avg([1, 2, 4])", "2.3333333333333333333333333333"),
        Case("avg([1, 2, 3])", "2"),
        Case("avg([])", "null"),
        Case("count([1, 2, 3])", "3"),
        Case("count([])", "0"),
        Case("sum(xs)", "null", input: #"{"xs": [1, null]}"#),
        Case("starts_with(\"C3484\", \"C34\")", "true"),
        Case("starts_with(\"C3484\", \"C35\")", "false"),
        Case("starts_with(code, \"C\")", "true", input: #"{"code": "C3484"}"#),
    ]

    static let comparisonsCases: [Case] = [
        Case("0.05 >= 5%", "true"),
        Case("0.049915 >= 5%", "false"),
        Case("ratio >= 5%", "true", input: #"{"ratio": 0.05}"#),
        Case("ratio >= 5%", "false", input: #"{"ratio": 0.0499999}"#),
        Case("1 == 1.0", "true"),
        Case("\"研发\" == \"研发\"", "true"),
        Case("\"a\" != \"A\"", "true"),
        Case("code == \"C3484\"", "true", input: #"{"code": "C3484"}"#),
        Case("x == 1", "null", input: #"{"x": null}"#),
        Case("true == false", "false"),
    ]

    static let rangesCases: [Case] = [
        Case("3 in [1..5]", "true"),
        Case("1 in [1..5]", "true"),
        Case("5 in [1..5]", "true"),
        Case("0.999 in [1..5]", "false"),
        Case("1 in (1..5]", "false"),
        Case("5 in (1..5]", "true"),
        Case("1 in [1..5)", "true"),
        Case("5 in [1..5)", "false"),
        Case("4.999 in [1..5)", "true"),
        Case("3 in (1..5)", "true"),
        Case("5 not in [1..5)", "true"),
        Case("3 not in [1..5]", "false"),
        Case("2 in [1, 2, 3]", "true"),
        Case("4 not in [1, 2, 3]", "true"),
        Case("\"C34\" in [\"C34\", \"C35\"]", "true"),
        Case("x in [1..5]", "null", input: #"{"x": null}"#),
        Case("2020-06-01 in [2020-01-01..2020-12-31]", "true"),
        Case("0.05 in [5%..10%)", "true"),
    ]

    static let logicCases: [Case] = [
        Case("true and null", "null"),
        Case("null and true", "null"),
        Case("false and null", "false"),
        Case("null and false", "false"),
        Case("true or null", "true"),
        Case("null or true", "true"),
        Case("false or null", "null"),
        Case("not null", "null"),
        Case("not (1 > 2)", "true"),
        Case("true ? 1 : 2", "1"),
        Case("1 > 2 ? \"yes\" : \"no\"", "\"no\""),
        Case("x ? 1 : 2", "null", input: #"{"x": null}"#),
        Case("null ?? 5", "5"),
        Case("x ?? 5", "5", input: #"{"x": null}"#),
        Case("x ?? 5", "3", input: #"{"x": 3}"#),
        Case("x ?? y ?? 7", "7", input: #"{"x": null, "y": null}"#),
        Case("some x in [1, 2, 3] satisfies x > 2", "true"),
        Case("some x in [1, 2, 3] satisfies x > 3", "false"),
        Case("every x in [1, 2, 3] satisfies x > 0", "true"),
        Case("every x in [1, 2, 3] satisfies x > 1", "false"),
        Case("every x in [] satisfies x > 1", "true"),
        Case("some x in [] satisfies x > 1", "false"),
        Case("some x in xs satisfies x > 2", "true", input: #"{"xs": [null, 3]}"#),
        Case("some x in xs satisfies x > 2", "null", input: #"{"xs": [null, 1]}"#),
        Case("every x in xs satisfies x > 0", "false", input: #"{"xs": [null, 0]}"#),
    ]

    static let datesCases: [Case] = [
        Case("year(2020-12-01)", "2020"),
        Case("add_years(2020-02-29, 1)", "\"2021-02-28\""),
        Case("add_years(2020-02-29, 4)", "\"2024-02-29\""),
        Case("add_years(2021-03-31, -1)", "\"2020-03-31\""),
        Case("date(2020, 2, 29)", "\"2020-02-29\""),
        Case("date(2021, 2, 29)", "null"),
        Case("date(Y, 12, 31)", "\"2023-12-31\""),
        Case("2020-01-01 < 2020-01-02", "true"),
        Case("2020-12-31 >= 2021-01-01", "false"),
        Case("d <= date(Y, 12, 31)", "true", input: #"{"d": "2023-12-31"}"#),
        Case("year(d) == Y", "false", input: #"{"d": "2024-01-01"}"#),
        Case("min(2021-05-01, 2020-07-01)", "\"2020-07-01\""),
    ]

    struct Rejection: CustomTestStringConvertible, Sendable {
        let source: String
        let codes: [String]
        let input: String
        init(_ source: String, _ codes: [String], input: String = "{}") {
            self.source = source
            self.codes = codes
            self.input = input
        }
        var testDescription: String { "'\(source)' is rejected with \(codes.joined(separator: ", "))" }
    }

    /// What cannot run is refused before running, never evaluated to a guess.
    static let rejections: [Rejection] = [
        Rejection("1 / 0", ["check.division-by-zero"]),
        Rejection("x % (2 - 2)", ["check.division-by-zero"], input: #"{"x": 1}"#),
        Rejection("40万 + 5%", ["check.unit-mismatch"]),
        Rejection("40万 * 40万", ["check.unit-mismatch"]),
        Rejection("40万 > 5%", ["check.unit-mismatch"]),
        Rejection("\"a\" + 1", ["check.type-mismatch"]),
        Rejection("\"a\" < 1", ["check.type-mismatch"]),
        // Text compares for equality only; ordering it is refused, not guessed.
        Rejection("\"abc\" < \"abd\"", ["check.type-mismatch"]),
        Rejection("rnd(1.5)", ["check.unknown-function"]),
        Rejection("round(1, 2, 3)", ["check.arity"]),
        Rejection("ratoi > 1", ["check.unknown-name"], input: #"{"ratio": 1}"#),
        Rejection("x of Y", ["check.static-fact-year"], input: #"{"x": 1}"#),
        Rejection("rank(1) == 1", ["check.rank-outside-rule"]),
        Rejection("paid(tag x) > 0", ["check.paid-outside-obligation"]),
        Rejection("1 +", ["parse.unexpected-token"]),
        Rejection("123456789012345678901234567890", ["parse.number-too-large"]),
        Rejection("true ? 1 : \"a\"", ["check.type-mismatch"]),
    ]

    @Test("rejected expressions", arguments: rejections)
    func rejected(_ r: Rejection) {
        #expect(ExpressionHarness.evaluate(r.source, input: r.input) == .rejected(r.codes))
    }

    @Test("arithmetic", arguments: arithmeticCases) func arithmetic(_ c: Case) { check(c) }
    @Test("functions", arguments: functionsCases) func functions(_ c: Case) { check(c) }
    @Test("comparisons", arguments: comparisonsCases) func comparisons(_ c: Case) { check(c) }
    @Test("ranges and membership", arguments: rangesCases) func ranges(_ c: Case) { check(c) }
    @Test("logic, conditionals, ?? and quantifiers", arguments: logicCases) func logic(_ c: Case) { check(c) }
    @Test("dates", arguments: datesCases) func dates(_ c: Case) { check(c) }

    func check(_ c: Case) {
        #expect(ExpressionHarness.evaluate(c.source, input: c.input, year: c.year) == .value(c.expected))
    }
}
