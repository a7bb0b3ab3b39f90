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
        guard let parsed = try? JSONParser.parse(json), let named = ExpressionRunner.inputs(from: parsed) else {
            preconditionFailure("test input is not a JSON object: \(json)")
        }
        return (named.values, named.types)
    }
}
