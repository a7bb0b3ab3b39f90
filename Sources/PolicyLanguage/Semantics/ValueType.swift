/// The static type of a fact, parameter or expression. Money, percent and plain numbers are
/// distinct units so that `money + percent` is rejected before anything runs.
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case money, number, integer, percent, bool, date, text, code
    /// Recognitions with a year or a date (`titles` of the profile).
    case titles
    case list(ValueType)
    case range(ValueType)
    /// The type of `null`, and of anything after an error has been reported (no cascades).
    case any

    /// The types a fact may be declared with, by the name written in a policy.
    public static let factTypes: [String: ValueType] = [
        "money": .money, "number": .number, "integer": .integer, "percent": .percent, "bool": .bool,
        "date": .date, "text": .text, "code": .code, "dates": .list(.date), "titles": .titles,
    ]

    public var description: String {
        switch self {
        case .money: return "money"
        case .number: return "number"
        case .integer: return "integer"
        case .percent: return "percent"
        case .bool: return "bool"
        case .date: return "date"
        case .text: return "text"
        case .code: return "code"
        case .titles: return "titles"
        case .list(.date): return "dates"
        case .list(let element): return "list of \(element)"
        case .range(let element): return "range of \(element)"
        case .any: return "any"
        }
    }

    /// The type as a Chinese diagnostic names it: the same type words a policy is written with
    /// (`money`, `integer`), so an author can match them to declarations; only the wrappers of
    /// lists and ranges are put in Chinese.
    public var chinese: String {
        switch self {
        case .list(.date): return description
        case .list(let element): return "\(element.chinese) 列表"
        case .range(let element): return "\(element.chinese) 区间"
        default: return description
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .money, .number, .integer, .percent, .any: return true
        default: return false
        }
    }

    public var isTextual: Bool { self == .text || self == .code || self == .any }
}
