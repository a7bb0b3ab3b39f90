import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import Testing

/// Near misses of undetermined rules: the value an absent fact would need. Each must be true when
/// applied with its `--set` on generated profiles with gaps: the condition it names then holds, a
/// value one step on the other side of the boundary does not, and the rule is eligible with the
/// promised amount exactly when the near miss says the change is enough alone.
@Suite struct NearMissAbsentFactTests {
    static let facts = ["rd_expense", "revenue", "employees", "tech_staff", "total_assets", "hitech_revenue", "innovation_score",
                        "major_incident", "in_rd_statistics", "above_scale", "taxable_income", "rd_domestic", "ip_class1", "ip_class2",
                        "tech_service_spend", "main_revenue", "manufacturing_revenue"]

    /// A generated profile (`NearMissRoundTripTests.profile`) with one to three facts of 2023 left out.
    static func profileWithGaps(seed: Int) -> Profile {
        var profile = NearMissRoundTripTests.profile(seed: seed)
        var g = NearMissRoundTripTests.Generator(state: UInt64(seed) &* 0xD1B5_4A32_D192_ED03 &+ 7)
        for _ in 0..<(1 + g.next(3)) {
            profile.set(BundledPolicies.set.factIndex[facts[g.next(facts.count)]]!, year: 2023, to: nil)
        }
        return profile
    }

    static let seeds = Array(1...150)

    @Test("each near miss of an undetermined rule, applied with --set, does what it says", arguments: seeds)
    func roundTrip(seed: Int) throws {
        let evaluator = Evaluator(policies: BundledPolicies.set)
        let profile = Self.profileWithGaps(seed: seed)
        for result in evaluator.evaluate(profile, year: 2023).results where result.status == .undetermined {
            for miss in result.nearMisses {
                let context = "seed \(seed): \(result.rule) with \(miss.set)"
                #expect(miss.current == nil && miss.relation != nil, "\(context): an absent fact has no current value")
                var changed = profile
                for text in miss.set { try ProfileEdit(parsing: text, policies: BundledPolicies.set).apply(to: &changed) }
                let after = try #require(evaluator.evaluate(changed, year: 2023).result(result.rule))
                #expect(Self.holds(miss.condition, in: after) == true, "\(context): the condition holds")
                if miss.sufficient {
                    #expect(after.status == .eligible, "\(context)")
                    #expect(after.amountBeforeStacking == miss.amount, "\(context)")
                } else {
                    #expect(after.status != .eligible, "\(context): marked not enough alone, yet eligible")
                    #expect(miss.amount == nil, "\(context)")
                }
                if let beyond = Self.beyond(miss) {
                    var past = profile
                    past.set(BundledPolicies.set.factIndex[miss.fact]!, year: miss.year, to: beyond)
                    let other = try #require(evaluator.evaluate(past, year: 2023).result(result.rule))
                    #expect(Self.holds(miss.condition, in: other) != true, "\(context): \(beyond) also passes, so \(miss.needed) is not the boundary")
                }
            }
        }
    }

    @Test func theGeneratedGapsDoProduceNearMissesOfUndeterminedRules() {
        let evaluator = Evaluator(policies: BundledPolicies.set)
        let misses = Self.seeds.flatMap { seed in
            evaluator.evaluate(Self.profileWithGaps(seed: seed), year: 2023).results.filter { $0.status == .undetermined }.flatMap(\.nearMisses)
        }
        #expect(misses.count >= 60, "only \(misses.count) near misses of undetermined rules: the round trip would test too little")
        #expect(misses.filter(\.sufficient).count >= 20, "only \(misses.filter(\.sufficient).count) sufficient ones")
        #expect(misses.contains { $0.relation == .atMost } && misses.contains { $0.relation == .atLeast })
    }

    @Test func anAbsentRdExpenseNeedsTheRatioTimesRevenueAndGivesTheReward() throws {
        let set = InlinePolicies.load("""
        policy t.rd "测试" { region 330521 provenance official
          rule t.reward "研发奖励" { kind cash when ratio "研发费用占收入5%以上": rd_expense / revenue >= 5% amount 10% * rd_expense } }
        """)
        let profile = InlinePolicies.profile(["revenue": .number(ExactDecimal(40_000_001))])
        let result = try #require(Evaluator(policies: set).evaluate(profile, year: 2023).result("t.reward"))
        #expect(result.status == .undetermined)
        let miss = try #require(result.nearMisses.first)
        // 5% of 40,000,001 is 2,000,000.05: rounded up to the fen, the smallest amount that passes.
        #expect(miss.fact == "rd_expense" && miss.year == 2023 && miss.current == nil)
        #expect(miss.needed == .number(ExactDecimal(parsing: "2000000.05")!) && miss.relation == .atLeast)
        // 10% of it is 200,000.005, and cash is rounded to the yuan.
        #expect(miss.sufficient && miss.amount == ExactDecimal(200_000))
        #expect(miss.set == ["years.2023.rd_expense=2000000.05"])
    }

    @Test func twoAbsentFactsInOneConditionGiveNoNearMiss() throws {
        let set = InlinePolicies.load("""
        policy t.rd "测试" { region 330521 provenance official
          rule t.reward "研发奖励" { kind cash when ratio "研发费用占收入5%以上": rd_expense / revenue >= 5% amount 10万 } }
        """)
        let result = try #require(Evaluator(policies: set).evaluate(InlinePolicies.profile([:]), year: 2023).result("t.reward"))
        #expect(result.status == .undetermined && result.nearMisses.isEmpty)
    }

    /// Whether the condition a near miss names holds in an outcome's derivation.
    static func holds(_ condition: String, in outcome: RuleOutcome) -> Bool? {
        outcome.explanation.conditions.first { ($0.description ?? $0.name) == condition }?.holds ?? nil
    }

    /// One step of the fact's unit past the boundary, on the side that fails; nil for booleans,
    /// exact values, and steps below zero.
    static func beyond(_ miss: NearMiss) -> Value? {
        guard case .number(let needed) = miss.needed, let relation = miss.relation, relation != .exactly,
              let fact = BundledPolicies.set.factIndex[miss.fact] else { return nil }
        let unit = fact.type == .integer ? ExactDecimal.one : ExactDecimal(numerator: 1, denominator: 100)!
        guard let value = relation == .atLeast ? needed.subtracting(unit) : needed.adding(unit), !value.isNegative || fact.signed else { return nil }
        return .number(value)
    }
}
