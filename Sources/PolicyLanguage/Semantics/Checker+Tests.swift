import IncentiveSupport

/// Tests written next to policies: their facts must exist and have the declared types, and the
/// rules they expect outcomes of must exist.
extension Checker {
    mutating func checkTest(_ test: TestDecl, policy: Int, ruleIDs: Set<String>) -> CheckedTest {
        var givens: [CheckedTest.Given] = []
        for given in test.givens {
            guard let fact = facts[given.fact] else {
                report("check.unknown-name", "unknown fact '\(given.fact)'", "未知的事实 '\(given.fact)'", at: given.range,
                       help: .didYouMean(Suggestions.closest(to: given.fact, among: facts.keys)))
                continue
            }
            if given.year != nil, !fact.perYear {
                report("check.static-fact-year", "fact '\(fact.name)' is static; it has no value per year", "事实 '\(fact.name)' 是静态的，没有逐年的取值",
                       at: given.range)
            }
            var context = ExpressionContext(scope: Scope(policy: policy, params: [:]), allowPaid: false)
            let checked = checkExpression(given.value, &context)
            guard let value = testValue(checked, for: fact) else { continue }
            givens.append(CheckedTest.Given(fact: fact, year: given.year, value: value))
        }
        var expectations: [CheckedTest.Expectation] = []
        for expectation in test.expectations {
            if !ruleIDs.contains(expectation.rule) {
                report("check.unknown-rule", "test expects an outcome of '\(expectation.rule)', which does not exist",
                       "测试期望规则 '\(expectation.rule)' 的结果，但该规则不存在", at: expectation.range,
                       help: .didYouMean(Suggestions.closest(to: expectation.rule, among: ruleIDs)))
            }
            var amount: ExactDecimal?
            if let expr = expectation.amount {
                var context = ExpressionContext(scope: Scope(policy: policy, params: [:]), allowPaid: false)
                let checked = checkExpression(expr, &context)
                amount = constantValue(checked)?.number
                if amount == nil { report("check.not-constant", "an expected amount must be a number", "期望的金额必须是数字", at: expr.range) }
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
                    report("check.type-mismatch", "a title is written \"name@YYYY\" or \"name@YYYY-MM-DD\"",
                           "称号应写成 \"name@YYYY\" 或 \"name@YYYY-MM-DD\"（name 为称号名称）", at: item.range)
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
            report("check.not-constant", "a given value must be a constant", "给定的值必须是常量", at: checked.range)
            return nil
        }
        if value != .null, !compatible(checked.type, fact.type), !(fact.type == .code && checked.type == .integer) {
            report("check.type-mismatch", "fact '\(fact.name)' is \(fact.type), but the value given is \(checked.type)",
                   "事实 '\(fact.name)' 的类型是 \(fact.type.chinese)，但给定的值是 \(checked.type.chinese)", at: checked.range)
            return nil
        }
        return value
    }
}
