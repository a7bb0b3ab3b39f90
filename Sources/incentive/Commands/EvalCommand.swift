import Foundation
import IncentiveEngine
import IncentiveSupport
import PolicyLanguage

/// `incentive eval EXPR [--input JSON]`: evaluates one expression against JSON facts and prints
/// the value as JSON (`0.3`, `true`, `null` for undetermined).
enum EvalCommand {
    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments(arguments, valued: ["input", "year"], flags: ["help"])
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
            guard let named = ExpressionRunner.inputs(from: json) else {
                throw Arguments.UsageError(message: "--input must be a JSON object of named values")
            }
            (inputs, types) = (named.values, named.types)
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
}
