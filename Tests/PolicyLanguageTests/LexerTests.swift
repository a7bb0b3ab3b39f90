import PolicyLanguage
import Testing

/// Lexing decisions the corpus does not pin down: what `%` means, when digits and dashes make a
/// date, and that comments in Chinese vanish.
@Suite struct LexerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let source: String
        let tokens: [Token.Kind]
        let meaning: String
        var testDescription: String { "'\(source)' \(meaning)" }
    }

    static func tokens(_ text: String) -> (kinds: [Token.Kind], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source: SourceFile(name: "<test>", text: text), file: 0)
        let tokens = lexer.tokenize()
        return (tokens.map(\.kind).filter { $0 != .endOfInput }, lexer.diagnostics)
    }

    static let cases: [Case] = [
        Case(source: "12%", tokens: [.number("12", .percent)], meaning: "is a percentage"),
        Case(source: "12% + 1", tokens: [.number("12", .percent), .symbol("+"), .number("1", .none)], meaning: "is a percentage followed by an operator"),
        Case(source: "7 % 3", tokens: [.number("7", .none), .symbol("%"), .number("3", .none)], meaning: "is a remainder (space before %)"),
        Case(source: "7%3", tokens: [.number("7", .none), .symbol("%"), .number("3", .none)], meaning: "is a remainder (operand right after %)"),
        Case(source: "7%x", tokens: [.number("7", .none), .symbol("%"), .identifier("x")], meaning: "is a remainder by a name"),
        Case(source: "7%(x)", tokens: [.number("7", .none), .symbol("%"), .symbol("("), .identifier("x"), .symbol(")")], meaning: "is a remainder by a parenthesis"),
        Case(source: "[5%..10%]", tokens: [.symbol("["), .number("5", .percent), .symbol(".."), .number("10", .percent), .symbol("]")],
             meaning: "is a range of percentages"),
        Case(source: "40万", tokens: [.number("40", .wan)], meaning: "is 万 money"),
        Case(source: "1.5亿", tokens: [.number("1.5", .yi)], meaning: "is 亿 money"),
        Case(source: "1..5", tokens: [.number("1", .none), .symbol(".."), .number("5", .none)], meaning: "is two numbers around '..'"),
        Case(source: "2020-01-01", tokens: [.date("2020-01-01")], meaning: "is a date"),
        Case(source: "2020 - 01", tokens: [.number("2020", .none), .symbol("-"), .number("01", .none)], meaning: "is a subtraction"),
        Case(source: "2020-01-011", tokens: [.number("2020", .none), .symbol("-"), .number("01", .none), .symbol("-"), .number("011", .none)],
             meaning: "is not a date (a digit follows the day)"),
        Case(source: "Y-1", tokens: [.identifier("Y"), .symbol("-"), .number("1", .none)], meaning: "is Y minus one"),
        Case(source: "cn.rd-super-deduction", tokens: [.identifier("cn"), .symbol("."), .identifier("rd"), .symbol("-"), .identifier("super"),
                                                         .symbol("-"), .identifier("deduction")],
             meaning: "is words, dots and dashes the parser joins into one id"),
        Case(source: "a ?? b", tokens: [.identifier("a"), .symbol("??"), .identifier("b")], meaning: "has '??' as one symbol"),
        Case(source: "x # 研发费用占比，不含税\n+ 1", tokens: [.identifier("x"), .symbol("+"), .number("1", .none)],
             meaning: "drops a comment written in Chinese"),
        Case(source: "\"研发 \\\"费用\\\"\"", tokens: [.string("研发 \"费用\"")], meaning: "is a Chinese string with escaped quotes"),
    ]

    @Test("lexing", arguments: cases)
    func lexes(_ example: Case) {
        let (kinds, diagnostics) = Self.tokens(example.source)
        #expect(kinds == example.tokens)
        #expect(diagnostics.isEmpty)
    }

    @Test("an unknown escape is reported and the string still ends at its quote")
    func unknownEscape() {
        let (kinds, diagnostics) = Self.tokens("\"a\\qb\" x")
        #expect(kinds == [.string("ab"), .identifier("x")])
        #expect(diagnostics.map(\.code) == ["lex.bad-escape"])
        #expect(diagnostics.first?.range.start == 2)
        #expect(diagnostics.first?.range.end == 4)
    }

    @Test("ranges count Unicode scalars, so a Chinese comment shifts later tokens by one per character")
    func rangesCountScalars() {
        var lexer = Lexer(source: SourceFile(name: "<test>", text: "# 中文\nx"), file: 3)
        let x = lexer.tokenize()[0]
        #expect(x.kind == .identifier("x"))
        #expect(x.range == SourceRange(file: 3, start: 5, end: 6))
    }
}
