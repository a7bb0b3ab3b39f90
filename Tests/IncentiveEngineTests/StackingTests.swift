import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import Testing

/// Groups, limits and vetoes over one enterprise's outcomes, on a small inline policy.
@Suite struct StackingTests {
    static let policy = InlinePolicies.load("""
    policy t.awards "测试奖励" {
      region 330521
      provenance official
      rule t.small "小奖" { kind cash tag t-award when ok: rd_expense >= 0 amount 30万 }
      rule t.large "大奖" { kind cash tag t-award when ok: rd_expense >= 0 amount 60万 }
      rule t.same "同额" { kind cash tag t-award when ok: rd_expense >= 0 amount 60万 }
      rule t.unknown "待定" { kind cash tag t-award when ok: revenue > 0 amount 90万 }
      group t.highest "就高" highest { members t.small, t.large, t.same, t.unknown }
      rule t.a "甲" { kind cash when ok: employees >= 0 amount 40万 }
      rule t.b "乙" { kind cash when ok: employees >= 0 amount 40万 }
      rule t.c "丙" { kind cash when ok: employees >= 0 amount 40万 }
      group t.summed "合计上限" sum { cap 100万 members t.a, t.b, t.c }
      veto t.veto "一票否决" { applies tag t-award when no_rd: rd_expense == 0 }
    }
    """)

    func evaluate(_ facts: [String: Value]) -> Estimate {
        Evaluator(policies: Self.policy).evaluate(InlinePolicies.profile(facts), year: 2023)
    }

    @Test func highestPaysTheLargestAndTheFirstListedWinsATie() throws {
        let estimate = evaluate(["rd_expense": .number(ExactDecimal(5)), "revenue": .number(ExactDecimal(0)), "employees": .number(.one)])
        let small = try #require(estimate.result("t.small"))
        let large = try #require(estimate.result("t.large"))
        let same = try #require(estimate.result("t.same"))
        #expect(large.status == .eligible && large.amount == InlinePolicies.money("600000"))
        #expect(small.status == .eligible && small.amount == .zero && small.amountBeforeStacking == InlinePolicies.money("300000"))
        #expect(same.amount == .zero && same.amountBeforeStacking == InlinePolicies.money("600000"))
        #expect(same.reasons.contains { $0.english.contains("superseded by t.large") })
        #expect(estimate.result("t.unknown")?.status == .ineligible)
    }

    @Test func anUndeterminedMemberMayStillSupersedeTheOthers() throws {
        let estimate = evaluate(["rd_expense": .number(ExactDecimal(5)), "employees": .number(.one)])
        let large = try #require(estimate.result("t.large"))
        #expect(estimate.result("t.unknown")?.status == .undetermined)
        #expect(estimate.result("t.unknown")?.missing == ["revenue of 2023"])
        #expect(large.amount == InlinePolicies.money("600000"))
        #expect(large.reasons.contains { $0.english.contains("t.unknown may still supersede") })
    }

    @Test func aSumGroupCapIsSharedByLargestRemainderToTheYuan() throws {
        let estimate = evaluate(["rd_expense": .number(ExactDecimal(5)), "employees": .number(.one)])
        let paid = ["t.a", "t.b", "t.c"].map { estimate.result($0)?.amount }
        #expect(paid == [InlinePolicies.money("333334"), InlinePolicies.money("333333"), InlinePolicies.money("333333")])
    }

    @Test func aVetoStrikesEveryTaggedRuleAndAnAbsentFactLeavesThemUndetermined() throws {
        let vetoed = evaluate(["rd_expense": .number(.zero), "employees": .number(.one)])
        for id in ["t.small", "t.large", "t.same"] {
            #expect(vetoed.result(id)?.status == .ineligible)
            #expect(vetoed.result(id)?.reasons.first?.english.hasPrefix("vetoed by t.veto") == true)
        }
        #expect(vetoed.result("t.a")?.status == .eligible)
        let oneYuan = evaluate(["rd_expense": .number(.one), "employees": .number(.one)])
        #expect(oneYuan.result("t.large")?.status == .eligible)
        let absent = evaluate(["employees": .number(.one)])
        #expect(absent.result("t.large")?.status == .undetermined)
        #expect(absent.result("t.large")?.missing.contains("rd_expense of 2023") == true)
    }

    @Test func anEnterpriseLimitScalesItsMembersProRataToExactlyTheCap() throws {
        let set = InlinePolicies.load("""
        policy t.limited "测试" { region 330521 provenance official
          rule t.x "甲" { kind cash tag t-limit when ok: employees >= 0 amount 40万 }
          rule t.y "乙" { kind cash tag t-limit when ok: employees >= 0 amount 30万 }
          limit t.cap "单个企业年度奖励上限" { cap 50万 members tag t-limit } }
        """)
        let estimate = Evaluator(policies: set).evaluate(InlinePolicies.profile(["employees": .number(.one)]), year: 2023)
        // 400000 × 5/7 = 285714.29 and 300000 × 5/7 = 214285.71: floors 285714 + 214285 = 499999; the last
        // yuan goes to the larger remainder (.71).
        #expect(estimate.result("t.x")?.amount == InlinePolicies.money("285714"))
        #expect(estimate.result("t.y")?.amount == InlinePolicies.money("214286"))
        #expect(estimate.result("t.x")?.amountBeforeStacking == InlinePolicies.money("400000"))
        #expect(estimate.totals[.cash] == InlinePolicies.money("500000"))
    }

    @Test func totalsAddOnlyPaidAmounts() {
        let estimate = evaluate(["rd_expense": .number(ExactDecimal(5)), "revenue": .number(ExactDecimal(0)), "employees": .number(.one)])
        // 60万 (highest group) + 100万 (capped sum group)
        #expect(estimate.totals[.cash] == InlinePolicies.money("1600000"))
    }
}
