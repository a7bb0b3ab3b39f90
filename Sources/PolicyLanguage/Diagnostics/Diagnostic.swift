/// One problem found in a policy source, with a stable dotted code (`parse.unexpected-token`,
/// `check.unknown-fact`, …), the span it is about and, where one exists, a suggestion. The code
/// and span never depend on the language; the message and the suggestion are held in English and
/// Chinese, and the renderer picks one.
public struct Diagnostic: Sendable, Hashable, Error {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    public let code: String
    public let text: DiagnosticText
    public let range: SourceRange
    public let help: DiagnosticText?

    /// The message in English (what tests and logs compare).
    public var message: String { text.english }
    /// The suggestion in English.
    public var suggestion: String? { help?.english }

    public init(_ code: String, _ text: DiagnosticText, at range: SourceRange, severity: Severity = .error, help: DiagnosticText? = nil) {
        self.severity = severity
        self.code = code
        self.text = text
        self.range = range
        self.help = help
    }
}

extension Diagnostic {
    /// Diagnostics in file order, then position, then code: what a reader scans top to bottom.
    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted {
            ($0.range.file, $0.range.start, $0.code, $0.message) < ($1.range.file, $1.range.start, $1.code, $1.message)
        }
    }
}
