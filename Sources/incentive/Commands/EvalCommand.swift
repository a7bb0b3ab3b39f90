import Foundation
import IncentiveEngine
import IncentiveSupport
import PolicyLanguage

/// `incentive eval EXPR [--input JSON]`: evaluates one expression against JSON facts and prints
/// the value as JSON (`0.3`, `true`, `null` for undetermined).
enum EvalCommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: ["input", "year"], flags: ["help"])
        if args.has("help") {
            Console.print(Help.text(for: "eval"))
            return 0
        }
        guard args.positional.count == 1 else {
            throw Arguments.UsageError(message: "eval takes one expression, e.g. incentive eval '12% * 20000000'")
        }
        var inputs: [String: Value] = [:], types: [String: ValueType] = [:]
        if let text = args.value("input") {
            let json: JSONValue
            do {
                json = try JSONParser.parse(text)
            } catch {
                throw Arguments.UsageError(message: "--input is not valid JSON: \(error)")
            }
            guard let members = json.objectMembers else { throw Arguments.UsageError(message: "--input must be a JSON object of named values") }
            for member in members {
                let (value, type) = convert(member.value)
                inputs[member.key] = value
                types[member.key] = type
            }
        }
        let (expr, sources, diagnostics) = ExpressionCompiler.compile(args.positional[0], inputs: types)
        guard let expr else {
            Console.error(DiagnosticRenderer(sources: sources).render(diagnostics))
            return 3
        }
        let year = try args.year(required: false) ?? Calendar(identifier: .gregorian).component(.year, from: Date())
        let value = ExpressionRunner.run(expr, inputs: inputs, year: year)
        Console.print(JSONWriter.compact(EstimateEncoder.encodeValue(value)))
        return 0
    }

    /// JSON to a language value and type: numbers exact, strings that are dates become dates.
    static func convert(_ json: JSONValue) -> (Value, ValueType) {
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
            let converted = items.map(convert)
            let type = converted.first?.1 ?? .any
            let uniform = converted.allSatisfy { $0.1 == type || ($0.1.isNumeric && type.isNumeric) }
            let element: ValueType = uniform ? (converted.contains { $0.1 == .number } ? .number : type) : .any
            return (.list(converted.map(\.0)), .list(element))
        case .object:
            return (.null, .any)
        }
    }
}
