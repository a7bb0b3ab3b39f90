/// One thing wrong with an input profile: where (line or row), which field, the value found and
/// what was expected. Bad fields are dropped (absent, so rules that need them are undetermined);
/// a fatal issue means the profile cannot be evaluated at all.
public struct ProfileIssue: Sendable, Hashable, CustomStringConvertible {
    /// "line 12" for JSON, "row 5" for CSV; empty when unknown.
    public var location: String
    public var field: String
    public var value: String
    public var expected: String
    public var fatal: Bool

    public init(location: String = "", field: String, value: String, expected: String, fatal: Bool = false) {
        self.location = location
        self.field = field
        self.value = value
        self.expected = expected
        self.fatal = fatal
    }

    public var description: String {
        let place = location.isEmpty ? "" : "\(location): "
        if field.isEmpty { return place + expected }
        return "\(place)field '\(field)': \(value.isEmpty ? "missing" : "found \(value)"); expected \(expected)"
    }
}
