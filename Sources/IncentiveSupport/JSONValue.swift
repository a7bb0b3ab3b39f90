/// A parsed JSON value. Numbers keep their exact source text so no precision is ever lost;
/// object members keep their source order (and, when parsed, the position of their key).
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The exact source text of the number, e.g. "2600000", "-0.5", "1e3".
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in source order.
    case object([JSONMember])

    /// The value of the first member named `key` when this is an object; nil otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The source text of the number when this is a number; nil otherwise.
    public var numberText: String? {
        if case .number(let n) = self { return n }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectMembers: [JSONMember]? {
        if case .object(let m) = self { return m }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// "null", "boolean", "number", "string", "array" or "object", for messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Builds an object from key/value pairs, in the given order (positions are 0).
    /// Disfavored so that `.object([])` unambiguously means the enum case.
    @_disfavoredOverload
    public static func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(pairs.map { JSONMember(key: $0.0, value: $0.1) })
    }
}

/// One member of a JSON object. `line`/`column` give the position of the key's opening quote
/// in the source (1-based; the column counts Characters), or 0 when the value was built in code.
///
/// Equality and hashing compare `key` and `value` only: the position is provenance, not content,
/// so a parsed value equals the same value built in code.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue
    public var line: Int
    public var column: Int

    public init(key: String, value: JSONValue, line: Int = 0, column: Int = 0) {
        self.key = key
        self.value = value
        self.line = line
        self.column = column
    }

    public static func == (lhs: JSONMember, rhs: JSONMember) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(value)
    }
}
