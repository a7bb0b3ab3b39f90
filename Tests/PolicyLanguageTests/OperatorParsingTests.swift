import PolicyLanguage
import Testing

/// Every binary operator parses to itself between two names, and a comparison does not chain: the
/// parser recognises comparisons by a switch of its own, which must agree with `BinaryOperator`.
@Suite struct OperatorParsingTests {
    @Test("each binary operator parses to itself", arguments: BinaryOperator.allCases)
    func parsesToItself(_ op: BinaryOperator) throws {
        let expr = try #require(parse("a \(op.rawValue) b").expr)
        guard case .binary(let parsed, let left, let right) = expr.kind else {
            Issue.record("'a \(op.rawValue) b' parsed as \(expr.kind)")
            return
        }
        #expect(parsed == op)
        #expect(left.kind == .name("a"))
        #expect(right.kind == .name("b"))
    }

    @Test("a comparison takes no second comparison", arguments: BinaryOperator.allCases.filter(\.isComparison))
    func comparisonsDoNotChain(_ op: BinaryOperator) {
        #expect(parse("a \(op.rawValue) b \(op.rawValue) c").expr == nil)
    }
}
