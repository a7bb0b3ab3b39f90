import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import Testing
import TestSupport

/// Properties of evaluation over random well-typed arithmetic and comparisons (depth ≤ 6) with
/// random inputs, some zero or absent. A failure names its seed; replay it with
/// `PROPERTY_SEED=<seed> swift test --filter EvaluationPropertyTests`.
@Suite struct EvaluationPropertyTests {
    static let types: [String: ValueType] = Dictionary(uniqueKeysWithValues: ArithmeticGenerator.inputs.map { ($0, .number) })

    @Test("evaluating the same expression twice, or after recompiling it, gives the same value (500 seeds)")
    func evaluationIsDeterministic() throws {
        var known = 0
        for seed in PropertySeeds.seeds(500) {
            var generator = ArithmeticGenerator(seed: seed)
            let tree = Bool.random(using: &generator.rng) ? generator.number(depth: 6) : generator.condition(depth: 6)
            let inputs = generator.inputValues()
            let text = ExprPrinter.print(tree)
            let (first, _, diagnostics) = ExpressionCompiler.compile(text, inputs: Self.types)
            let compiled = try #require(first, "seed \(seed): '\(text)' does not check: \(diagnostics.map(\.message))")
            let (second, _, _) = ExpressionCompiler.compile(text, inputs: Self.types)
            let recompiled = try #require(second)
            let value = ExpressionRunner.run(compiled, inputs: inputs, year: 2023)
            #expect(ExpressionRunner.run(compiled, inputs: inputs, year: 2023) == value, "seed \(seed): '\(text)'")
            #expect(ExpressionRunner.run(recompiled, inputs: inputs, year: 2023) == value, "seed \(seed): '\(text)'")
            if value != .null { known += 1 }
        }
        // Most cases must produce a value, or the property says little about arithmetic.
        #expect(known > 150 || PropertySeeds.seeds(500).count == 1, "only \(known) of 500 cases had a value")
    }

    @Test("a value and its negation: -(-e) evaluates to e, and e - e to 0 when e is known (300 seeds)")
    func negationAndSubtraction() throws {
        for seed in PropertySeeds.seeds(300, base: 7_000) {
            var generator = ArithmeticGenerator(seed: seed)
            let e = ExprPrinter.print(generator.number(depth: 4))
            let inputs = generator.inputValues()
            func run(_ text: String) throws -> Value {
                let (compiled, _, diagnostics) = ExpressionCompiler.compile(text, inputs: Self.types)
                return ExpressionRunner.run(try #require(compiled, "seed \(seed): '\(text)': \(diagnostics.map(\.message))"), inputs: inputs, year: 2023)
            }
            let value = try run(e)
            #expect(try run("-(-(\(e)))") == value, "seed \(seed): '\(e)'")
            let difference = try run("(\(e)) - (\(e))")
            #expect(difference == (value == .null ? .null : .number(.zero)), "seed \(seed): '\(e)'")
        }
    }
}
