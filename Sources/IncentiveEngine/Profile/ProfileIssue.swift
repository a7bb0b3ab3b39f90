/// One thing wrong with an input profile: where (line or row), which field, the value found and
/// what was expected. Bad fields are dropped (absent, so rules that need them are undetermined);
/// a fatal issue means the profile cannot be evaluated at all. What was expected is kept in English
/// and in Chinese: the English is the machine contract (batch `errors` in JSON, `--errors` CSV),
/// either can be printed for people (`--lang`).
public struct ProfileIssue: Sendable, Hashable, CustomStringConvertible {
    /// "line 12" for JSON, "row 5" for CSV; empty when unknown.
    public var location: String
    public var field: String
    public var value: String
    public var expectation: Reason
    public var fatal: Bool

    /// What was expected, in English.
    public var expected: String { expectation.english }

    public init(location: String = "", field: String, value: String, expected: Reason, fatal: Bool = false) {
        self.location = location
        self.field = field
        self.value = value
        self.expectation = expected
        self.fatal = fatal
    }

    /// Adds a clause to what was expected ("; the line is not evaluated"), in both languages.
    public mutating func append(_ clause: Reason) {
        expectation = Reason(english: expectation.english + clause.english, chinese: expectation.chinese + clause.chinese)
    }

    public var description: String { text(english: true) }

    /// The issue as one line for people, in English or Chinese.
    public func text(english: Bool) -> String {
        let place = location.isEmpty ? "" : (english ? location : Self.chineseLocation(location)) + (english ? ": " : "：")
        let expected = expectation.text(english: english)
        if field.isEmpty { return place + expected }
        if english {
            return "\(place)field '\(field)': \(value.isEmpty ? "missing" : "found \(value)"); expected \(expected)"
        }
        return "\(place)字段 '\(field)'：\(value.isEmpty ? "缺失" : "值为 \(value)")；应为 \(expected)"
    }

    /// "line 12, column 3" → "第 12 行第 3 列", "row 5" → "第 5 行": locations are written in
    /// English where they are made (they are also machine fields), and translated only for people.
    static func chineseLocation(_ location: String) -> String {
        var out = ""
        for part in location.split(separator: ",") {
            let words = part.split(separator: " ")
            guard words.count == 2 else { return location }
            switch words[0] {
            case "line", "row": out += "第 \(words[1]) 行"
            case "column": out += "第 \(words[1]) 列"
            default: return location
            }
        }
        return out
    }
}
