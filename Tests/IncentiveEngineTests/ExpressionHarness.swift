import IncentiveEngine
import IncentiveSupport
import PolicyLanguage

/// Runs one expression the way `incentive eval` does: JSON inputs become typed names, the text is
/// checked by `ExpressionCompiler`, run by `ExpressionRunner`, and the value printed as compact JSON.
enum ExpressionHarness {
    enum Outcome: Equatable, CustomStringConvertible {
        case value(String)
        case rejected([String])

        var description: String {
            switch self {
            case .value(let json): return json
            case .rejected(let codes): return "rejected \(codes)"
            }
        }
    }

    static func evaluate(_ text: String, input: String = "{}", year: Int = 2023) -> Outcome {
        let (values, types) = inputs(input)
        let (expr, _, diagnostics) = ExpressionCompiler.compile(text, inputs: types)
        guard let expr else { return .rejected(diagnostics.map(\.code)) }
        let value = ExpressionRunner.run(expr, inputs: values, year: year)
        return .value(JSONWriter.compact(EstimateEncoder.encodeValue(value)))
    }

    /// JSON members to values and types, as the CLI reads `--input`: numbers exact (integer or
    /// number), strings that are dates become dates, arrays become lists, null has no type.
    static func inputs(_ json: String) -> ([String: Value], [String: ValueType]) {
        var values: [String: Value] = [:], types: [String: ValueType] = [:]
        guard let parsed = try? JSONParser.parse(json), let members = parsed.objectMembers else {
            preconditionFailure("test input is not a JSON object: \(json)")
        }
        for member in members {
            (values[member.key], types[member.key]) = convert(member.value)
        }
        return (values, types)
    }

    static func convert(_ json: JSONValue) -> (Value, ValueType) {
        switch json {
        case .null: return (.null, .any)
        case .bool(let b): return (.bool(b), .bool)
        case .number(let text):
            let n = ExactDecimal(parsing: text)!
            return (.number(n), n.isInteger ? .integer : .number)
        case .string(let s):
            if let date = CivilDate(parsing: s) { return (.date(date), .date) }
            return (.text(s), .text)
        case .array(let items):
            let converted = items.map(convert)
            let element = converted.contains { $0.1 == .number } ? .number : converted.first?.1 ?? .any
            return (.list(converted.map(\.0)), .list(element))
        case .object:
            return (.null, .any)
        }
    }
}
