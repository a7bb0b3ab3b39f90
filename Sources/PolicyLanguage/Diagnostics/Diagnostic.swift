/// One problem found in a policy source, with a stable dotted code (`parse.unexpected-token`,
/// `check.unknown-fact`, …), the span it is about and, where one exists, a suggestion.
public struct Diagnostic: Sendable, Hashable, Error {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    public let code: String
    public let message: String
    public let range: SourceRange
    public let suggestion: String?

    public init(_ code: String, _ message: String, at range: SourceRange, severity: Severity = .error, suggestion: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.range = range
        self.suggestion = suggestion
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
