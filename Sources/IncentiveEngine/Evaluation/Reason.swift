/// Why an outcome is what it is, phrased in English and in Chinese so every human-facing output
/// can follow `--lang`. JSON carries the English text. A plain string literal (interpolated or
/// not) is a reason with one text for both languages.
public struct Reason: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public let english: String
    public let chinese: String

    public init(english: String, chinese: String) {
        self.english = english
        self.chinese = chinese
    }

    public init(stringLiteral value: String) {
        self.init(english: value, chinese: value)
    }

    public init(stringInterpolation: DefaultStringInterpolation) {
        self.init(stringLiteral: String(stringInterpolation: stringInterpolation))
    }

    public var description: String { english }

    public func text(english useEnglish: Bool) -> String { useEnglish ? english : chinese }

    /// "rd_expense of 2023" → "rd_expense（2023）": a fact of a year named the Chinese way (the
    /// English form is also the JSON `missing` contract, so it is made first and converted here).
    public static func chineseFactName(_ name: String) -> String {
        guard let of = name.firstRange(of: " of ") else { return name }
        return "\(name[..<of.lowerBound])（\(name[of.upperBound...])）"
    }

    /// Both texts joined: a message built from parts stays whole in each language.
    public static func + (left: Reason, right: Reason) -> Reason {
        Reason(english: left.english + right.english, chinese: left.chinese + right.chinese)
    }
}
