@testable import IncentiveEngine
import PolicyLanguage
import TestSupport
import Testing

/// The kernel tests a rule's conditions cheapest first (`ConditionCost`); the kernel-against-
/// evaluator suites hold it to the written order's answers. Here: the order itself.
@Suite struct ConditionCostTests {
    static let policy = InlinePolicies.load("""
    policy t.cost "代价" {
      region 330521
      provenance official
      rule t.ordered "顺序" {
        kind cash
        let ratio "比例" = sum(rd_expense over [Y-2..Y]) / sum(revenue over [Y-2..Y])
        when sums: ratio >= 3%
        when staff: employees <= 500
        when quantified: some c in hte_certificates satisfies year(c) in [Y-2..Y]
        when revenue: revenue <= 2亿
        when constant: Y >= 2020
        amount 1
      }
    }
    """)

    @Test("cheapest first: a constant, then single fact reads in written order, a quantifier, then a let of two sums")
    func order() {
        let rule = Self.policy.rules[0]
        let names = ConditionCost.cheapestFirst(rule.conditions, lets: rule.lets).map(\.name)
        #expect(names == ["constant", "staff", "revenue", "quantified", "sums"])
    }

    @Test("a let costs what its expression costs, and more than a fact")
    func letCost() {
        let rule = Self.policy.rules[0]
        var cost = ConditionCost(lets: rule.lets)
        let sums = cost.of(rule.conditions[0].expr), staff = cost.of(rule.conditions[1].expr)
        #expect(sums > 2 * 6)
        #expect(staff == 2)
    }
}
