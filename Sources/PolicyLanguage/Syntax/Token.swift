/// A lexical token with its span. Keywords are identifiers; the parser decides by position, so a
/// word such as `version` can still name a fact.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case identifier(String)
        /// A numeric literal's digits, and the suffix written right after it.
        case number(String, NumberSuffix)
        case date(String)
        case string(String)
        case symbol(String)
        case endOfInput
    }

    public enum NumberSuffix: String, Sendable, Hashable {
        case none = ""
        case percent = "%"
        case wan = "万"
        case yi = "亿"
    }

    public let kind: Kind
    public let range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    func isSymbol(_ text: String) -> Bool {
        if case .symbol(let symbol) = kind { return symbol == text }
        return false
    }

    func isWord(_ word: String) -> Bool { identifier == word }

    /// How the token reads in a message: `'foo'`, `"text"`, `end of input` (输入结尾).
    var display: DiagnosticText {
        switch kind {
        case .identifier(let name): return DiagnosticText("'\(name)'", "'\(name)'")
        case .number(let digits, let suffix): return DiagnosticText("'\(digits)\(suffix.rawValue)'", "'\(digits)\(suffix.rawValue)'")
        case .date(let text): return DiagnosticText("'\(text)'", "'\(text)'")
        case .string(let text): return DiagnosticText("\"\(text)\"", "\"\(text)\"")
        case .symbol(let symbol): return DiagnosticText("'\(symbol)'", "'\(symbol)'")
        case .endOfInput: return DiagnosticText("end of input", "输入结尾")
        }
    }
}
