import IncentiveSupport
import PolicyLanguage

/// Evaluates a stand-alone checked expression against input values (`incentive eval`).
public enum ExpressionRunner {
    public static func run(_ expr: CheckedExpr, inputs: [String: Value], year: Int) -> Value {
        let profile = Profile(creditCode: "", name: nil, region: "", staticFacts: inputs)
        var evaluator = ExpressionEvaluator(policies: .empty, profile: profile, year: year)
        return evaluator.value(expr)
    }
}
