import IncentiveSupport

/// Tests written next to policies: their facts must exist and have the declared types, and the
/// rules they expect outcomes of must exist.
extension Checker {
    mutating func checkTest(_ test: TestDecl, policy: Int, ruleIDs: Set<String>) -> CheckedTest {
        var givens: [CheckedTest.Given] = []
        for given in test.givens {
            guard let fact = facts[given.fact] else {
                report("check.unknown-name", "unknown fact '\(given.fact)'", at: given.range,
                       suggestion: Suggestions.closest(to: given.fact, among: facts.keys).map { "did you mean '\($0)'?" })
                continue
            }
            if given.year != nil, !fact.perYear {
                report("check.static-fact-year", "fact '\(fact.name)' is static; it has no value per year", at: given.range)
            }
            var context = ExpressionContext(scope: Scope(policy: policy, params: [:]), allowPaid: false)
            let checked = checkExpression(given.value, &context)
            guard let value = testValue(checked, for: fact) else { continue }
            givens.append(CheckedTest.Given(fact: fact, year: given.year, value: value))
        }
        var expectations: [CheckedTest.Expectation] = []
        for expectation in test.expectations {
            if !ruleIDs.contains(expectation.rule) {
                report("check.unknown-rule", "test expects an outcome of '\(expectation.rule)', which does not exist", at: expectation.range,
                       suggestion: Suggestions.closest(to: expectation.rule, among: ruleIDs).map { "did you mean '\($0)'?" })
            }
            var amount: ExactDecimal?
            if let expr = expectation.amount {
                var context = ExpressionContext(scope: Scope(policy: policy, params: [:]), allowPaid: false)
                let checked = checkExpression(expr, &context)
                amount = constantValue(checked)?.number
                if amount == nil { report("check.not-constant", "an expected amount must be a number", at: expr.range) }
            }
            expectations.append(CheckedTest.Expectation(rule: expectation.rule, status: expectation.status, amount: amount, range: expectation.range))
        }
        return CheckedTest(decl: test, policy: policy, givens: givens, expectations: expectations)
    }

    /// A test's given value as the fact's runtime value (`titles` are written `"name@2023"`).
    private mutating func testValue(_ checked: CheckedExpr, for fact: FactDecl) -> Value? {
        if fact.type == .titles, case .list(let items) = checked.node {
            var titles: [Title] = []
            for item in items {
                guard case .constant(.text(let text)) = item.node, let title = Title(parsing: text) else {
                    report("check.type-mismatch", "a title is written \"name@YYYY\" or \"name@YYYY-MM-DD\"", at: item.range)
                    return nil
                }
                titles.append(title)
            }
            return .titles(titles)
        }
        let value: Value?
        if case .list(let items) = checked.node {
            let values = items.map(constantValue)
            value = values.contains { $0 == nil } ? nil : .list(values.map { $0! })
        } else {
            value = constantValue(checked)
        }
        guard let value else {
            report("check.not-constant", "a given value must be a constant", at: checked.range)
            return nil
        }
        if value != .null, !compatible(checked.type, fact.type), !(fact.type == .code && checked.type == .integer) {
            report("check.type-mismatch", "fact '\(fact.name)' is \(fact.type), but the value given is \(checked.type)", at: checked.range)
            return nil
        }
        return value
    }
}
