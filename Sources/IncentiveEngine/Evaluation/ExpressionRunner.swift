import IncentiveSupport
import PolicyLanguage

/// Evaluates a stand-alone checked expression against input values (`incentive eval`).
public enum ExpressionRunner {
    public static func run(_ expr: CheckedExpr, inputs: [String: Value], year: Int) -> Value {
        let profile = Profile(creditCode: "", name: nil, region: "", staticFacts: inputs)
        var evaluator = ExpressionEvaluator(policies: .empty, profile: profile, year: year)
        return evaluator.value(expr)
    }

    /// A JSON object's members as named inputs with their types: numbers exact (integer when
    /// whole), strings that are dates as dates, lists typed by their items; nil when not an object.
    public static func inputs(from json: JSONValue) -> (values: [String: Value], types: [String: ValueType])? {
        guard let members = json.objectMembers else { return nil }
        var values: [String: Value] = [:], types: [String: ValueType] = [:]
        for member in members {
            (values[member.key], types[member.key]) = input(member.value)
        }
        return (values, types)
    }

    static func input(_ json: JSONValue) -> (Value, ValueType) {
        switch json {
        case .null: return (.null, .any)
        case .bool(let b): return (.bool(b), .bool)
        case .number(let text):
            guard let n = ExactDecimal(parsing: text) else { return (.null, .any) }
            return (.number(n), n.isInteger ? .integer : .number)
        case .string(let s):
            if let date = CivilDate(parsing: s) { return (.date(date), .date) }
            return (.text(s), .text)
        case .array(let items):
            let converted = items.map(input)
            let type = converted.first?.1 ?? .any
            let uniform = converted.allSatisfy { $0.1 == type || ($0.1.isNumeric && type.isNumeric) }
            let element: ValueType = uniform ? (converted.contains { $0.1 == .number } ? .number : type) : .any
            return (.list(converted.map(\.0)), .list(element))
        case .object:
            return (.null, .any)
        }
    }
}
