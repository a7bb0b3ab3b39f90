import IncentiveSupport
import PolicyLanguage

/// Reads one fact's value from JSON or CSV text by its declared type, exactly (money never goes
/// through floating point), or says what was expected.
public enum FactReader {
    public enum Outcome {
        case value(Value)
        case absent
        case invalid(expected: Reason)
    }

    public static func read(_ json: JSONValue, as fact: FactDecl) -> Outcome {
        switch (fact.type, json) {
        case (_, .null): return .absent
        case (.money, .number(let text)), (.money, .string(let text)),
             (.number, .number(let text)), (.number, .string(let text)),
             (.percent, .number(let text)), (.percent, .string(let text)),
             (.integer, .number(let text)), (.integer, .string(let text)):
            return readNumber(text, as: fact)
        case (.bool, .bool(let value)): return .value(.bool(value))
        case (.bool, .string(let text)): return readText(text, as: fact)
        case (.date, .string(let text)), (.text, .string(let text)), (.code, .string(let text)):
            return readText(text, as: fact)
        case (.list(.date), .array(let items)):
            var dates: [Value] = []
            for item in items {
                guard case .string(let text) = item, let date = CivilDate(parsing: text) else { return .invalid(expected: expectation(fact.type)) }
                dates.append(.date(date))
            }
            return .value(.list(dates))
        case (.list(.date), .string(let text)), (.titles, .string(let text)):
            return readText(text, as: fact)
        case (.titles, .array(let items)):
            var titles: [Title] = []
            for item in items {
                guard case .string(let name)? = item["title"] else { return .invalid(expected: expectation(.titles)) }
                if case .number(let yearText)? = item["year"], let year = Int(yearText), item["date"] == nil {
                    titles.append(Title(name: name, year: year, date: nil))
                } else if case .string(let dateText)? = item["date"], let date = CivilDate(parsing: dateText), item["year"] == nil {
                    titles.append(Title(name: name, year: nil, date: date))
                } else {
                    return .invalid(expected: expectation(.titles))
                }
            }
            return .value(.titles(titles))
        default:
            return .invalid(expected: expectation(fact.type))
        }
    }

    /// A CSV cell (or a JSON string) read by the fact's type; an empty cell is absent.
    public static func readText(_ raw: String, as fact: FactDecl) -> Outcome {
        let text = raw.trimmingWhitespace()
        if text.isEmpty { return .absent }
        switch fact.type {
        case .money, .number, .integer, .percent:
            return readNumber(text, as: fact)
        case .bool:
            switch text.lowercased() {
            case "true", "1", "是": return .value(.bool(true))
            case "false", "0", "否": return .value(.bool(false))
            default: return .invalid(expected: expectation(.bool))
            }
        case .date:
            return CivilDate(parsing: text).map { .value(.date($0)) } ?? .invalid(expected: expectation(.date))
        case .list(.date):
            var dates: [Value] = []
            for part in text.split(separator: ";") {
                guard let date = CivilDate(parsing: String(part).trimmingWhitespace()) else { return .invalid(expected: expectation(fact.type)) }
                dates.append(.date(date))
            }
            return .value(.list(dates))
        case .titles:
            var titles: [Title] = []
            for part in text.split(separator: ";") {
                guard let title = Title(parsing: String(part)) else { return .invalid(expected: expectation(.titles)) }
                titles.append(title)
            }
            return .value(.titles(titles))
        default:
            return .value(.text(text))
        }
    }

    static func readNumber(_ text: String, as fact: FactDecl) -> Outcome {
        guard let number = ExactDecimal(parsing: text.trimmingWhitespace()) else {
            return .invalid(expected: expectation(fact.type))
        }
        if fact.type == .integer, !number.isInteger { return .invalid(expected: expectation(.integer)) }
        if fact.type == .money, number.rounded(scale: 2) != number {
            return .invalid(expected: Reason(english: "money exact to the fen (at most 2 decimals)", chinese: "精确到分的金额（最多 2 位小数）"))
        }
        if number.isNegative, !fact.signed {
            return .invalid(expected: Reason(english: "\(fact.type) that is not negative", chinese: "非负的\(chineseName(fact.type))"))
        }
        return .value(.number(number))
    }

    public static func expectation(_ type: ValueType) -> Reason {
        switch type {
        case .money: return Reason(english: "money in yuan, such as \"2600000\" or 2600000.50", chinese: "以元为单位的金额，如 \"2600000\" 或 2600000.50")
        case .number, .percent: return Reason(english: "a number", chinese: "数字")
        case .integer: return Reason(english: "a whole number", chinese: "整数")
        case .bool: return Reason(english: "true or false", chinese: "true 或 false")
        case .date: return Reason(english: "a date YYYY-MM-DD", chinese: "日期 YYYY-MM-DD")
        case .list(.date): return Reason(english: "a list of dates YYYY-MM-DD", chinese: "日期列表 YYYY-MM-DD")
        case .titles: return Reason(english: "titles, each {\"title\": …, \"year\": YYYY} or {\"title\": …, \"date\": \"YYYY-MM-DD\"}",
                                    chinese: "称号列表，每项为 {\"title\": …, \"year\": YYYY} 或 {\"title\": …, \"date\": \"YYYY-MM-DD\"}")
        default: return Reason(english: "text", chinese: "文本")
        }
    }

    /// The Chinese word for a numeric type, for "not negative" messages.
    static func chineseName(_ type: ValueType) -> String {
        switch type {
        case .money: return "金额"
        case .integer: return "整数"
        case .percent: return "百分比"
        default: return "数字"
        }
    }
}
