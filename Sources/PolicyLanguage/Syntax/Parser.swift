import IncentiveSupport

/// Recursive-descent parser for `*.policy` files. It collects every syntax error of a file
/// (resynchronizing at the next statement) rather than stopping at the first.
public struct Parser {
    var tokens: [Token]
    var position = 0
    let file: Int
    public internal(set) var diagnostics: [Diagnostic] = []
    /// Current expression nesting, bounded so deep input gives a diagnostic, not a stack overflow.
    var depth = 0
    static let maximumDepth = 64

    public init(source: SourceFile, file: Int) {
        var lexer = Lexer(source: source, file: file)
        self.tokens = lexer.tokenize()
        self.file = file
        self.diagnostics = lexer.diagnostics
    }

    /// Parses a whole policy file.
    public static func parse(_ source: SourceFile, file: Int) -> (SyntaxTree, [Diagnostic]) {
        var parser = Parser(source: source, file: file)
        let tree = parser.parseFile()
        return (tree, parser.diagnostics)
    }

    /// Parses one expression (for `incentive eval` and tests); fails on trailing input.
    public static func parseExpression(_ source: SourceFile, file: Int) -> (Expr?, [Diagnostic]) {
        var parser = Parser(source: source, file: file)
        do throws(Diagnostic) {
            let expr = try parser.expression()
            if !parser.atEnd {
                throw parser.unexpected("end of expression", "表达式结尾")
            }
            return (expr, parser.diagnostics)
        } catch {
            parser.diagnostics.append(error)
            return (nil, parser.diagnostics)
        }
    }

    mutating func parseFile() -> SyntaxTree {
        var facts: [FactDecl] = []
        var policies: [PolicyDecl] = []
        while !atEnd {
            let start = position
            do throws(Diagnostic) {
                if current.isWord("fact") {
                    facts.append(try factDeclaration())
                } else if current.isWord("policy") {
                    policies.append(try policy())
                } else if current.isSymbol(";") {
                    advance()
                } else {
                    throw unexpected("'fact' or 'policy'", "'fact' 或 'policy'")
                }
            } catch {
                diagnostics.append(error)
                if position > start, current.isWord("fact") || current.isWord("policy") { continue }
                let before = position
                synchronize(to: ["fact", "policy"])
                // At file level there is no block for a stray `}` to close: step over it.
                if position == before { advance() }
            }
        }
        return SyntaxTree(facts: facts, policies: policies)
    }

    // MARK: - Token access

    var current: Token { tokens[position] }
    var atEnd: Bool { if case .endOfInput = current.kind { return true } else { return false } }
    var previousRange: SourceRange { tokens[max(0, position - 1)].range }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    func peek(_ offset: Int) -> Token { tokens[min(tokens.count - 1, position + offset)] }

    mutating func accept(symbol: String) -> Bool {
        if current.isSymbol(symbol) { advance(); return true }
        return false
    }

    mutating func accept(word: String) -> Bool {
        if current.isWord(word) { advance(); return true }
        return false
    }

    mutating func expect(symbol: String) throws(Diagnostic) {
        if !accept(symbol: symbol) { throw unexpected("'\(symbol)'", "'\(symbol)'") }
    }

    mutating func expect(word: String) throws(Diagnostic) {
        if !accept(word: word) { throw unexpected("'\(word)'", "'\(word)'") }
    }

    /// "expected …, found …": what was expected, in English and in Chinese.
    func unexpected(_ english: String, _ chinese: String) -> Diagnostic {
        let found = current.display
        return Diagnostic("parse.unexpected-token", DiagnosticText("expected \(english), found \(found.english)", "应为 \(chinese)，实际为 \(found.chinese)"),
                          at: current.range)
    }

    mutating func identifier(_ what: String, _ chinese: String) throws(Diagnostic) -> String {
        guard let name = current.identifier else { throw unexpected(what, chinese) }
        advance()
        return name
    }

    /// A name that may contain `.` and `-` (`cn.rd-super-deduction`, `tech-sme`, `per-year`):
    /// identifier, number, `.` and `-` tokens written with no space between them.
    mutating func dottedName(_ what: String, _ chinese: String) throws(Diagnostic) -> String {
        guard let first = current.identifier else { throw unexpected(what, chinese) }
        var name = first
        var end = current.range.end
        advance()
        while current.range.start == end {
            switch current.kind {
            case .identifier(let part): name += part
            case .number(let digits, .none): name += digits
            case .symbol(let symbol) where symbol == "." || symbol == "-":
                let following = peek(1)
                guard following.range.start == current.range.end, following.identifier != nil || {
                    if case .number = following.kind { return true } else { return false }
                }() else { return name }
                name += symbol
            default: return name
            }
            end = current.range.end
            advance()
        }
        return name
    }

    mutating func string(_ what: String, _ chinese: String) throws(Diagnostic) -> String {
        guard case .string(let text) = current.kind else { throw unexpected(what, chinese) }
        advance()
        return text
    }

    mutating func optionalString() -> String? {
        if case .string(let text) = current.kind {
            advance()
            return text
        }
        return nil
    }

    mutating func date(_ what: String, _ chinese: String) throws(Diagnostic) -> CivilDate {
        guard case .date(let text) = current.kind else { throw unexpected(what, chinese) }
        guard let date = CivilDate(parsing: text) else { throw Self.badDate(text, at: current.range) }
        advance()
        return date
    }

    /// A date literal that is not a day of the calendar (`2023-02-30`).
    static func badDate(_ text: String, at range: SourceRange) -> Diagnostic {
        Diagnostic("parse.bad-date", DiagnosticText("'\(text)' is not a valid calendar date", "'\(text)' 不是有效的日期"), at: range)
    }

    mutating func integer(_ what: String, _ chinese: String) throws(Diagnostic) -> Int {
        guard case .number(let digits, .none) = current.kind, let value = Int(digits) else { throw unexpected(what, chinese) }
        advance()
        return value
    }

    /// Skips to the next token that can start a statement of the enclosing block (or its end),
    /// stepping over bracketed groups so a bad statement does not swallow the rest of the file.
    mutating func synchronize(to keywords: Set<String>) {
        var nesting = 0
        let start = position
        while !atEnd {
            if nesting == 0, position > start {
                if let word = current.identifier, keywords.contains(word) { return }
                if current.isSymbol("}") { return }
            }
            if current.isSymbol("{") || current.isSymbol("(") || current.isSymbol("[") { nesting += 1 }
            if current.isSymbol("}") || current.isSymbol(")") || current.isSymbol("]") {
                // A `}` at this level closes the enclosing block: stop before it. A stray `)` or
                // `]` (left over from a too-deep or broken expression) is skipped; stopping at it
                // would make the caller fail on it again, forever.
                if nesting == 0, current.isSymbol("}") { return }
                nesting = max(0, nesting - 1)
            }
            advance()
        }
    }

    /// Parses `{ statement* }`, calling `statement` for each; errors in one statement are kept
    /// and parsing resumes at the next statement keyword.
    mutating func block(keywords: Set<String>, _ statement: (inout Parser) throws(Diagnostic) -> Void) throws(Diagnostic) {
        try expect(symbol: "{")
        while !current.isSymbol("}") {
            if atEnd { throw unexpected("'}'", "'}'") }
            if accept(symbol: ";") { continue }
            let start = position
            do throws(Diagnostic) {
                guard let word = current.identifier, keywords.contains(word) else {
                    let expected = keywords.sorted().map { "'\($0)'" }
                    throw unexpected("one of \(expected.joined(separator: ", "))", "以下之一：\(expected.joined(separator: "、"))")
                }
                try statement(&self)
            } catch {
                diagnostics.append(error)
                // An error found once the statement was read (a rule without a kind) leaves us at
                // the next statement already: skipping ahead from there would lose it.
                if position > start, let word = current.identifier, keywords.contains(word) { continue }
                synchronize(to: keywords)
            }
        }
        advance()
    }
}
