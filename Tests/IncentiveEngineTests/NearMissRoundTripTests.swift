import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import Testing

/// Every near miss offered as sufficient must be true: applying its `--set` changes to the
/// profile makes the rule eligible with exactly the amount it promised; one marked not enough
/// alone must not make it eligible. (Undetermined rules, on profiles with gaps:
/// `NearMissAbsentFactTests`.) Checked on generated
/// profiles of all four counties (seeded; the seed is in the test name).
@Suite struct NearMissRoundTripTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func money(_ low: Int, _ high: Int) -> Value { .number(ExactDecimal(low + next(high - low + 1))) }
    }

    static func profile(seed: Int) -> Profile {
        var g = Generator(state: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let regions = ["330726", "330521", "330482", "330781"]
        let f = BundledPolicies.set.factIndex
        var profile = Profile(creditCode: "91330726MA28F8XX4Y", name: "gen\(seed)", region: regions[g.next(4)])
        profile.set(f["industry"]!, year: nil, to: .text(["C3484", "C2651", "F5123", "C1610"][g.next(4)]))
        profile.set(f["registered"]!, year: nil, to: .date(CivilDate(year: 2010 + g.next(12), month: 1 + g.next(12), day: 1 + g.next(28))!))
        let certificateYears = (0..<g.next(3)).map { _ in 2018 + g.next(6) }
        profile.set(f["hte_certificates"]!, year: nil, to: .list(certificateYears.map { .date(CivilDate(year: $0, month: 12, day: 1)!) }))
        profile.set(f["titles"]!, year: nil, to: .titles(g.next(3) == 0 ? [Title(name: "tech-sme", year: 2023, date: nil)] : []))
        for year in 2021...2023 {
            let revenue = 5_000_000 + g.next(300_000_000)
            profile.set(f["revenue"]!, year: year, to: .number(ExactDecimal(revenue)))
            profile.set(f["main_revenue"]!, year: year, to: .number(ExactDecimal(revenue)))
            profile.set(f["manufacturing_revenue"]!, year: year, to: .number(ExactDecimal(revenue / (1 + g.next(3)))))
            let rd = g.next(5) == 0 ? 0 : revenue / 100 * (1 + g.next(7))
            profile.set(f["rd_expense"]!, year: year, to: .number(ExactDecimal(rd)))
            profile.set(f["rd_domestic"]!, year: year, to: .number(ExactDecimal(rd / 10 * (5 + g.next(6)))))
            profile.set(f["hitech_revenue"]!, year: year, to: .number(ExactDecimal(revenue / 10 * (4 + g.next(6)))))
            let employees = 20 + g.next(700)
            profile.set(f["employees"]!, year: year, to: .number(ExactDecimal(employees)))
            profile.set(f["tech_staff"]!, year: year, to: .number(ExactDecimal(employees * (5 + g.next(25)) / 100)))
            profile.set(f["total_assets"]!, year: year, to: g.money(10_000_000, 300_000_000))
            profile.set(f["taxable_income"]!, year: year, to: .number(ExactDecimal(g.next(20_000_000) - 2_000_000)))
            profile.set(f["above_scale"]!, year: year, to: .bool(g.next(3) > 0))
            profile.set(f["in_rd_statistics"]!, year: year, to: .bool(g.next(2) == 0))
            profile.set(f["ip_class1"]!, year: year, to: .number(ExactDecimal(g.next(3))))
            profile.set(f["ip_class2"]!, year: year, to: .number(ExactDecimal(g.next(6))))
            profile.set(f["innovation_score"]!, year: year, to: .number(ExactDecimal(55 + g.next(40))))
            profile.set(f["major_incident"]!, year: year, to: .bool(g.next(20) == 0))
            profile.set(f["tech_service_spend"]!, year: year, to: g.money(0, 400_000))
        }
        return profile
    }

    @Test("each near miss, applied with --set, gives the promised amount, or is marked not enough", arguments: 1...60)
    func roundTrip(seed: Int) throws {
        let evaluator = Evaluator(policies: BundledPolicies.set)
        let profile = Self.profile(seed: seed)
        let estimate = evaluator.evaluate(profile, year: 2023)
        for result in estimate.results {
            for miss in result.nearMisses {
                var changed = profile
                for text in miss.set {
                    try ProfileEdit(parsing: text, policies: BundledPolicies.set).apply(to: &changed)
                }
                let after = try #require(evaluator.evaluate(changed, year: 2023).result(result.rule))
                if miss.sufficient {
                    #expect(after.status == .eligible, "seed \(seed): \(result.rule) with \(miss.set)")
                    #expect(after.amountBeforeStacking == miss.amount, "seed \(seed): \(result.rule) with \(miss.set)")
                } else {
                    #expect(after.status != .eligible, "seed \(seed): \(result.rule) with \(miss.set) is marked not enough alone, yet eligible")
                }
            }
        }
    }

    @Test func theGeneratedProfilesDoProduceSufficientNearMisses() {
        let evaluator = Evaluator(policies: BundledPolicies.set)
        let count = (1...60).map { evaluator.evaluate(Self.profile(seed: $0), year: 2023).results.flatMap(\.nearMisses).filter(\.sufficient).count }.reduce(0, +)
        #expect(count >= 20, "only \(count) sufficient near misses: the round trip would test too little")
    }

    @Test func aCertificateThisYearWouldGiveThePujiangAward() throws {
        var profile = Self.profile(seed: 7)
        profile.region = "330726"
        profile.set(BundledPolicies.set.factIndex["hte_certificates"]!, year: nil, to: .list([]))
        let result = try #require(Evaluator(policies: BundledPolicies.set).evaluate(profile, year: 2023).result("pujiang.hte-award"))
        #expect(result.status == .ineligible)
        let miss = try #require(result.nearMisses.first { $0.fact == "hte_certificates" })
        #expect(miss.set == ["hte_certificates=2023-12-31"])
        #expect(miss.amount == ExactDecimal(400_000) && miss.sufficient)
    }

    @Test func oneMoreTechnologyEmployeeMeetsTheStaffShare() throws {
        let set = InlinePolicies.load("""
        policy t.staff "测试" { region 330521 provenance official
          rule t.share "科技人员占比" { kind cash when share "科技人员占比不低于10%": tech_staff / employees >= 10% amount 10万 } }
        """)
        let profile = InlinePolicies.profile(["tech_staff": .number(ExactDecimal(19)), "employees": .number(ExactDecimal(200))])
        let result = try #require(Evaluator(policies: set).evaluate(profile, year: 2023).result("t.share"))
        let miss = try #require(result.nearMisses.first)
        #expect(miss.fact == "tech_staff" && miss.needed == .number(ExactDecimal(20)) && miss.difference == .one)
        #expect(miss.amount == ExactDecimal(100_000))
        #expect(!result.nearMisses.contains { $0.fact == "employees" }, "employees enters as 1/x: not linear, no near miss")
    }
}
