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
            throw Arguments.UsageError("eval takes one expression, e.g. incentive eval '12% * 20000000'", "eval 需要一个表达式，如 incentive eval '12% * 20000000'")
        }
        var inputs: [String: Value] = [:], types: [String: ValueType] = [:]
        if let text = args.value("input") {
            let json: JSONValue
            do {
                json = try JSONParser.parse(text)
            } catch {
                throw Arguments.UsageError("--input is not valid JSON: \(error)", "--input 不是合法的 JSON：\(error)")
            }
            guard let named = ExpressionRunner.inputs(from: json) else {
                throw Arguments.UsageError("--input must be a JSON object of named values", "--input 应为由具名值组成的 JSON 对象")
            }
            (inputs, types) = (named.values, named.types)
        }
        let (expr, sources, diagnostics) = ExpressionCompiler.compile(args.positional[0], inputs: types)
        guard let expr else {
            Console.error(DiagnosticRenderer(sources: sources, english: Language.english).render(diagnostics))
            return 3
        }
        let year = try args.year(required: false) ?? Calendar(identifier: .gregorian).component(.year, from: Date())
        let value = ExpressionRunner.run(expr, inputs: inputs, year: year)
        Console.print(JSONWriter.compact(EstimateEncoder.encodeValue(value)))
        return 0
    }
}
