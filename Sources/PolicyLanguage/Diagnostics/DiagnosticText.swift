/// A diagnostic's words in English and in Chinese. Policy authors read diagnostics in the
/// language the CLI is asked to speak (`--lang`); both are written at the place the problem is
/// found, so a new message cannot be added in one language only. Names, numbers and types in
/// the text are the same in both.
public struct DiagnosticText: Sendable, Hashable {
    public let english: String
    public let chinese: String

    public init(_ english: String, _ chinese: String) {
        self.english = english
        self.chinese = chinese
    }

    /// The text in the language asked for.
    public func text(english: Bool) -> String { english ? self.english : chinese }

    /// "Did you mean …" for the closest known name, or nil when none is close.
    public static func didYouMean(_ name: String?) -> DiagnosticText? {
        name.map { DiagnosticText("did you mean '\($0)'?", "是否想写 '\($0)'？") }
    }

    /// Joins two texts, each language with its own separator.
    public static func + (left: DiagnosticText, right: DiagnosticText) -> DiagnosticText {
        DiagnosticText(left.english + right.english, left.chinese + right.chinese)
    }
}
