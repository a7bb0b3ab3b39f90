import IncentiveSupport
import PolicyLanguage

/// Built-in calls (`Operations.call`), with what made a result unknown noted for the reader.
extension ExpressionEvaluator {
    mutating func call(_ builtin: Builtin, _ args: [Value], at expr: CheckedExpr) -> Value {
        let (result, failure) = Operations.call(builtin, args)
        switch failure {
        case .invalidDate?: note("an invalid date in '\(expr.text)'")
        case .overflow?: note("a number too large to compute exactly")
        default: break
        }
        return result
    }
}
