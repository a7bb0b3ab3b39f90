@testable import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import TestSupport
import Testing

/// The kernel's flag code for conditions and its unboxed `let`s (`KernelCompiler+Conditions`,
/// `KernelFrame.numberLocal`/`flagLocal`) give what the evaluator gives: three-valued `and`,
/// `or` and `not` with absent facts, `??` on flags, equality of numbers with a null side, flags
/// static and per-year, conditionals and quantifiers over flags, and numeric and flag `let`s read
/// both as numbers or flags and as values.
@Suite struct KernelConditionTests {
    static let policy = InlinePolicies.load("""
    policy t.conditions "条件" {
      region 330521
      provenance official
      rule t.and "且" { kind cash tag t-award when ok: rd_expense > 0 and revenue > 1000 amount 1 }
      rule t.or "或" { kind cash when ok: rd_expense > 0 or revenue > 1000 amount 2 }
      rule t.not "非" { kind cash when ok: not (rd_expense == 0) when other: revenue != rd_expense amount 3 }
      rule t.coalesce "缺省" { kind cash when ok: not (in_rd_statistics of Y-1 ?? false) when now: in_rd_statistics ?? above_scale amount 4 }
      rule t.flags "标志" { kind cash when listed: not listed_ic_or_machine_tool when scale: above_scale when past: above_scale of Y-2 ?? true amount 5 }
      rule t.choice "条件式" { kind cash when ok: (rd_expense > 0 ? revenue > 1000 : employees > 10) amount 6 }
      rule t.every "全部" { kind cash when ok: every c in hte_certificates satisfies year(c) >= Y - 3 amount 7 }
      rule t.lets "中间量" {
        kind cash
        tag t-award
        let share "占比" = rd_expense / revenue
        let big "规模" = revenue >= 1000 and not (employees < 10)
        let label "行业" = industry
        when ok: big
        when same: big == true
        when ratio: share in [0..1]
        when text: label != "X"
        amount big ? 1万 * share : 2万 * share
      }
      rule t.let-amount "中间量金额" { kind cash let share "占比" = rd_expense / revenue let reward "金额" = 1万 * share when ok: share > 0 amount reward }
      rule t.constant "常量" { kind cash when ok: true when year: Y >= 2023 amount 8 }
      veto t.no-rd "无研发" { article "v" applies tag t-award when none: rd_expense == 0 or (revenue ?? 0) < 0 }
      obligation t.owed "义务" { article "o" when some: rd_expense > 1000 or not (revenue > 0) amount paid(tag t-award) }
    }
    """)

    static func money(_ value: Int) -> Value { .number(ExactDecimal(value)) }

    /// Profiles over 2020–2023 with each fact sometimes absent, zero, or at a bound.
    static func profiles(seed: UInt64, count: Int) -> [Profile] {
        var random = SplitMix64(seed: seed)
        func maybe(_ value: Value) -> Value? { random.below(4) == 0 ? nil : value }
        return (0..<count).map { _ in
            var years: [Int: [String: Value]] = [:]
            for year in 2020...2023 where random.below(5) != 0 {
                var facts: [String: Value] = [:]
                let revenue = [0, 999, 1000, 1001, 5000][random.below(5)]
                facts["revenue"] = maybe(money(revenue))
                facts["rd_expense"] = maybe(money([0, 1, 1000, revenue, 6000][random.below(5)]))
                facts["employees"] = maybe(money([9, 10, 11][random.below(3)]))
                facts["above_scale"] = maybe(.bool(random.below(2) == 0))
                facts["in_rd_statistics"] = maybe(.bool(random.below(2) == 0))
                years[year] = facts.compactMapValues { $0 }
            }
            var statics: [String: Value] = [:]
            statics["industry"] = maybe(.text(["C1610", "M7320"][random.below(2)]))
            statics["listed_ic_or_machine_tool"] = maybe(.bool(random.below(2) == 0))
            statics["hte_certificates"] = maybe(.list((0..<random.below(3)).map { _ in .date(CivilDate(year: 2018 + random.below(6), month: 3, day: 15)!) }))
            return Profile(creditCode: "91330521MA2B3C4D5Q", name: "test", region: "330521",
                           staticFacts: statics.compactMapValues { $0 }, yearFacts: years)
        }
    }

    @Test("kernel = evaluator on conditions and lets, each rule met eligible, ineligible and undetermined", arguments: [UInt64(1), 2, 3])
    func kernelEqualsEvaluator(seed: UInt64) {
        let statuses = KernelVersusEvaluator.statusesSeen(Self.profiles(seed: seed, count: 400), year: 2023, policies: Self.policy)
        for rule in ["t.and", "t.or", "t.not", "t.coalesce", "t.flags", "t.choice", "t.every", "t.lets", "t.let-amount", "t.owed"] {
            for status in ["eligible", "ineligible", "undetermined"] {
                #expect(statuses.contains("\(rule) \(status)"), "\(rule) never \(status)")
            }
        }
    }

    @Test("by hand: an absent side leaves `and` and `or` undetermined unless the other side decides")
    func threeValuedLogic() {
        let kernel = KernelEvaluator(policies: Self.policy, year: 2023)
        let plan = kernel.plan(for: "330521")
        func status(_ id: String, _ facts: [String: Value]) -> RuleOutcome.Status {
            let profile = Profile(creditCode: "91330521MA2B3C4D5Q", name: "test", region: "330521", yearFacts: [2023: facts])
            let outcomes = kernel.evaluate(SlotProfile(profile, slots: kernel.slots), plan: plan) { _, _ in .null }
            return outcomes[plan.rules.firstIndex { Self.policy.rules[$0].id == id }!].status
        }
        // rd_expense > 0 and revenue > 1000: a false side decides; a true one with an absent one does not.
        #expect(status("t.or", ["rd_expense": Self.money(5)]) == .eligible)
        #expect(status("t.or", ["rd_expense": Self.money(0)]) == .undetermined)
        #expect(status("t.or", ["rd_expense": Self.money(0), "revenue": Self.money(1000)]) == .ineligible)
        #expect(status("t.choice", ["rd_expense": Self.money(0), "employees": Self.money(11)]) == .eligible)
        #expect(status("t.choice", ["employees": Self.money(11)]) == .undetermined)
        // not (rd_expense == 0): absent is undetermined, 0 fails.
        #expect(status("t.not", ["rd_expense": Self.money(0), "revenue": Self.money(1)]) == .ineligible)
        #expect(status("t.not", ["revenue": Self.money(1)]) == .undetermined)
    }
}
