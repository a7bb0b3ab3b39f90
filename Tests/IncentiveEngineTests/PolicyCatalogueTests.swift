import Foundation
import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import Testing

/// The repository's `Policies/` against ../shared/policy-catalogue.md: the tests written next to
/// the policies pass, every catalogue rule exists and is in force where and when it applies, the
/// counties never see each other's rules, and amounts resting on seed or assumed numbers say so.
@Suite struct PolicyCatalogueTests {
    static let policiesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Policies").path

    static let policies: CheckedPolicySet = {
        do {
            switch PolicyLoader.load(sources: try PolicyLoader.sources(inDirectory: policiesDirectory)) {
            case .success(let set): return set
            case .failure(let failure): fatalError("Policies/ does not check:\n\(failure.rendered)")
            }
        } catch {
            fatalError("cannot read Policies/: \(error)")
        }
    }()

    static let pujiang = "330726", deqing = "330521", pinghu = "330482", lanxi = "330781"
    static let counties = [pujiang, deqing, pinghu, lanxi]
    static let countyPrefix = [pujiang: "pujiang.", deqing: "deqing.", pinghu: "pinghu.", lanxi: "lanxi."]

    /// Every rule id of the catalogue, with a county (or the nation's default) and a year it applies.
    static let catalogueRules: [(id: String, region: String, year: Int)] = [
        ("cn.rd-super-deduction", pujiang, 2020),
        ("cn.hte-tax-rate", pujiang, 2020),
        ("cn.hte-qualification", pujiang, 2015),
        ("cn.tech-sme-qualification", pujiang, 2017),
        ("pujiang.hte-award", pujiang, 2019),
        ("pujiang.rd-reward", pujiang, 2019),
        ("pujiang.no-rd-downgrade", pujiang, 2020),
        ("deqing.rd-top10-total", deqing, 2020),
        ("deqing.rd-top10-growth", deqing, 2020),
        ("deqing.rd-newly-counted", deqing, 2020),
        ("deqing.hte-first-award", deqing, 2023),
        ("deqing.sci-tech-giant-award", deqing, 2023),
        ("deqing.tech-leader-award", deqing, 2023),
        ("pinghu.key-lab-award", pinghu, 2025),
        ("pinghu.incubator-award", pinghu, 2025),
        ("lanxi.innovation-voucher", lanxi, 2019),
    ]

    static func inForce(_ region: String, _ year: Int) -> Set<String> {
        Set(Evaluator(policies: policies).rulesInForce(region: region, year: year).map { policies.rules[$0].id })
    }

    static func profile(region: String, _ facts: [String: Value] = [:], years: [Int: [String: Value]] = [:]) -> Profile {
        var profile = Profile(creditCode: "91330726MA28F8XX4Y", name: "test", region: region)
        for (name, value) in facts { profile.set(policies.factIndex[name]!, year: nil, to: value) }
        for (year, facts) in years {
            for (name, value) in facts { profile.set(policies.factIndex[name]!, year: year, to: value) }
        }
        return profile
    }

    static func money(_ text: String) -> Value { .number(ExactDecimal(parsing: text)!) }
    static func date(_ text: String) -> Value { .date(CivilDate(parsing: text)!) }

    // MARK: - The tests next to the policies

    @Test("every test written next to the policies passes")
    func policyTestsPass() {
        let report = PolicyTestRunner(policies: Self.policies).run()
        #expect(report.failures.isEmpty, "\(report.failed) policy test failures:\n\(report.failures.map(\.description).joined(separator: "\n"))")
        #expect(report.passed >= 140, "only \(report.passed) policy tests ran")
    }

    @Test("every policy holding a rule of the catalogue has tests next to it")
    func everyCataloguePolicyHasTests() {
        for (id, _, _) in Self.catalogueRules {
            guard let rule = Self.policies.rule(id) else { continue }
            #expect(Self.policies.tests.contains { $0.policy == rule.policy }, "policy \(Self.policies.policies[rule.policy].id) (of \(id)) has no tests")
        }
    }

    // MARK: - Catalogue ids

    @Test("every catalogue rule exists and is in force for its region in a year it applies", arguments: catalogueRules.map(\.id))
    func catalogueRuleInForce(id: String) throws {
        let entry = try #require(Self.catalogueRules.first { $0.id == id })
        #expect(Self.policies.rule(id) != nil, "rule \(id) does not exist")
        #expect(Self.inForce(entry.region, entry.year).contains(id), "rule \(id) is not in force in \(entry.region) in \(entry.year)")
    }

    @Test("deqing.veto-no-rd is a veto over every Deqing cash award, weighed for a Deqing enterprise")
    func deqingVetoExists() throws {
        let veto = try #require(Self.policies.vetoes.first { $0.decl.id == "deqing.veto-no-rd" })
        let targets = Set(veto.targets.map { Self.policies.rules[$0].id })
        #expect(targets == ["deqing.rd-top10-total", "deqing.rd-top10-growth", "deqing.rd-newly-counted",
                            "deqing.hte-first-award", "deqing.sci-tech-giant-award", "deqing.tech-leader-award"])
        let estimate = Evaluator(policies: Self.policies).evaluate(Self.profile(region: Self.deqing, years: [2023: ["rd_expense": Self.money("0")]]), year: 2023)
        #expect(estimate.vetoes.first { $0.id == "deqing.veto-no-rd" }?.fired == true)
    }

    @Test("deqing.two-fifty is an obligation of Deqing enterprises only")
    func twoFiftyExists() {
        #expect(Self.policies.obligations.contains { $0.decl.id == "deqing.two-fifty" })
        let evaluator = Evaluator(policies: Self.policies)
        #expect(evaluator.evaluate(Self.profile(region: Self.deqing), year: 2023).obligations.contains { $0.id == "deqing.two-fifty" })
        for region in [Self.pujiang, Self.pinghu, Self.lanxi] {
            #expect(evaluator.evaluate(Self.profile(region: region), year: 2023).obligations.isEmpty, "an obligation for \(region)")
        }
    }

    @Test("rules are absent outside their windows")
    func windows() {
        let absent: [(String, String, Int)] = [
            ("cn.tech-sme-qualification", Self.pujiang, 2016),
            ("pujiang.no-rd-downgrade", Self.pujiang, 2019),
            ("deqing.rd-top10-total", Self.deqing, 2019), ("deqing.rd-newly-counted", Self.deqing, 2019),
            ("deqing.hte-first-award", Self.deqing, 2022), ("deqing.tech-leader-award", Self.deqing, 2022),
            ("pinghu.key-lab-award", Self.pinghu, 2024), ("pinghu.incubator-award", Self.pinghu, 2024),
            ("lanxi.innovation-voucher", Self.lanxi, 2018),
        ]
        for (id, region, year) in absent {
            #expect(!Self.inForce(region, year).contains(id), "\(id) is in force in \(year)")
        }
    }

    // MARK: - Regions

    @Test("an enterprise of one county never gets another county's rules", arguments: counties)
    func countiesAreExclusive(region: String) {
        let evaluator = Evaluator(policies: Self.policies)
        for year in 2015...2028 {
            let ids = Self.inForce(region, year)
            for (other, prefix) in Self.countyPrefix where other != region {
                #expect(!ids.contains { $0.hasPrefix(prefix) }, "\(region) sees \(prefix)* in \(year)")
            }
            let estimate = evaluator.evaluate(Self.profile(region: region), year: year)
            for (other, prefix) in Self.countyPrefix where other != region {
                #expect(!estimate.results.contains { $0.rule.hasPrefix(prefix) }, "\(region) gets a result of \(prefix)* in \(year)")
                #expect(!estimate.vetoes.contains { $0.id.hasPrefix(prefix) }, "\(region) weighs a veto of \(prefix)* in \(year)")
                #expect(!estimate.obligations.contains { $0.id.hasPrefix(prefix) }, "\(region) owes an obligation of \(prefix)* in \(year)")
            }
        }
    }

    @Test("a policy tested in another region does not see a county's rules (given region)")
    func givenRegionMoves() {
        // The Pujiang example profile, moved to Deqing: no Pujiang rule, the Deqing ones instead.
        let years: [Int: [String: Value]] = [2023: ["rd_expense": Self.money("20000000"), "above_scale": .bool(true)]]
        let estimate = Evaluator(policies: Self.policies).evaluate(
            Self.profile(region: Self.deqing, ["hte_certificates": .list([Self.date("2023-12-01")])], years: years), year: 2023)
        #expect(estimate.result("pujiang.rd-reward") == nil)
        #expect(estimate.result("deqing.hte-first-award")?.status == .eligible)
    }

    @Test("the national (100000) policies cover every county", arguments: counties)
    func nationalCoversEveryCounty(region: String) {
        let national = Self.policies.policies.filter { $0.decl.region == "100000" }
        #expect(national.count >= 4)
        for policy in national { #expect(policy.covers(region: region), "\(policy.id) does not cover \(region)") }
        let ids = Self.inForce(region, 2023)
        for id in ["cn.rd-super-deduction", "cn.hte-tax-rate", "cn.hte-qualification", "cn.tech-sme-qualification"] {
            #expect(ids.contains(id), "\(id) not in force for \(region) in 2023")
        }
    }

    // MARK: - Provenance

    /// Evaluates one rule for a profile and returns its outcome, which must be eligible with an amount.
    static func outcome(_ rule: String, region: String, year: Int, _ facts: [String: Value] = [:], years: [Int: [String: Value]]) -> RuleOutcome? {
        Evaluator(policies: policies).evaluate(profile(region: region, facts, years: years), year: year).result(rule)
    }

    @Test("amounts resting on seed or assumed numbers report that provenance")
    func seedAndAssumedProvenance() throws {
        let certificate2020 = ["hte_certificates": Value.list([Self.date("2020-12-01")])]
        let certificate2019 = ["hte_certificates": Value.list([Self.date("2019-06-01")])]
        let pujiangYear = ["rd_expense": Self.money("20000000"), "above_scale": .bool(true)]

        // 40万 from 2020-01-01: the date of the raise is assumed.
        let award2020 = try #require(Self.outcome("pujiang.hte-award", region: Self.pujiang, year: 2020, certificate2020, years: [2020: pujiangYear]))
        #expect(award2020.status == .eligible && award2020.amount == ExactDecimal(400000))
        #expect(award2020.provenance == .assumed)
        // 20万: the amount is seed.
        let award2019 = try #require(Self.outcome("pujiang.hte-award", region: Self.pujiang, year: 2019, certificate2019, years: [2019: pujiangYear]))
        #expect(award2019.status == .eligible && award2019.amount == ExactDecimal(200000))
        #expect(award2019.provenance == .seed)
        // 12% (seed) capped at 300万 (date assumed), and at 100万 (seed) before 2020.
        let reward2020 = try #require(Self.outcome("pujiang.rd-reward", region: Self.pujiang, year: 2020, certificate2020, years: [2020: pujiangYear]))
        #expect(reward2020.amount == ExactDecimal(2_400_000) && reward2020.provenance == .assumed)
        let reward2019 = try #require(Self.outcome("pujiang.rd-reward", region: Self.pujiang, year: 2019, certificate2019, years: [2019: pujiangYear]))
        #expect(reward2019.amount == ExactDecimal(1_000_000) && reward2019.provenance == .seed)
        // Lanxi: every amount rests on assumed parameters.
        let voucher = try #require(Self.outcome("lanxi.innovation-voucher", region: Self.lanxi, year: 2019, years: [2019: ["tech_service_spend": Self.money("100000")]]))
        #expect(voucher.amount == ExactDecimal(50000) && voucher.provenance == .assumed)
        // Deqing's R&D post-subsidy (科技新政2.0) is seed.
        let newly = try #require(Self.outcome("deqing.rd-newly-counted", region: Self.deqing, year: 2021,
                                              years: [2021: ["rd_expense": Self.money("1000000"), "in_rd_statistics": .bool(true)]]))
        #expect(newly.amount == ExactDecimal(100000) && newly.provenance == .seed)
        // National tax figures: secondary rates, official tax rates.
        let tax = try #require(Self.outcome("cn.hte-tax-rate", region: Self.pujiang, year: 2020, certificate2020,
                                            years: [2020: ["taxable_income": Self.money("50000000")]]))
        #expect(tax.amount == ExactDecimal(5_000_000) && tax.provenance == .official)
    }

    @Test("no outcome reports a provenance stronger than a parameter version it used", arguments: counties)
    func provenanceNeverStrongerThanItsParameters(region: String) {
        let evaluator = Evaluator(policies: Self.policies)
        let facts: [String: Value] = ["hte_certificates": .list([Self.date("2020-06-01")]), "industry": .text("C3484"),
                                      "titles": .titles([]), "listed_ic_or_machine_tool": .bool(false),
                                      "registered": Self.date("2010-01-01")]
        for year in 2019...2025 {
            let perYear: [String: Value] = ["rd_expense": Self.money("30000000"), "taxable_income": Self.money("5000000"),
                                            "above_scale": .bool(true), "tech_service_spend": Self.money("300000"),
                                            "in_rd_statistics": .bool(true), "manufacturing_revenue": Self.money("0"),
                                            "main_revenue": Self.money("100000000")]
            let estimate = evaluator.evaluate(Self.profile(region: region, facts, years: [year: perYear]), year: year)
            for result in estimate.results where result.status == .eligible && result.amount != nil {
                let weakest = result.explanation.params.map(\.provenance).max() ?? .official
                #expect(result.provenance >= weakest, "\(result.rule) in \(year): \(result.provenance) but uses \(weakest)")
            }
        }
    }

    // MARK: - Stacking ties (no catalogue group has two equal amounts, so a policy of its own)

    @Test("highest-only ties go to the member listed first in the group")
    func tieGoesToFirstListed() throws {
        let text = """
        fact rd_expense: money per-year "研发费用" "R&D expense"
        policy t.ties "ties" {
          region 330521
          effective 2020-01-01
          provenance assumed
          rule t.b "B" { kind cash  when has_rd: rd_expense > 0  amount 30万 }
          rule t.a "A" { kind cash  when has_rd: rd_expense > 0  amount 30万 }
          group t.g "g" highest { members t.a, t.b }
        }
        """
        let set: CheckedPolicySet
        switch PolicyLoader.load(sources: [SourceFile(name: "ties.policy", text: text)]) {
        case .success(let checked): set = checked
        case .failure(let failure): Issue.record("does not check:\n\(failure.rendered)"); return
        }
        var profile = Profile(creditCode: "91330726MA28F8XX4Y", name: "tie", region: "330521")
        profile.set(set.factIndex["rd_expense"]!, year: 2020, to: .number(ExactDecimal(1)))
        let estimate = Evaluator(policies: set).evaluate(profile, year: 2020)
        let a = try #require(estimate.result("t.a")), b = try #require(estimate.result("t.b"))
        #expect(a.status == .eligible && a.amount == ExactDecimal(300000))
        #expect(b.status == .eligible && b.amount == .zero && b.amountBeforeStacking == ExactDecimal(300000))
        #expect(b.reasons.contains { $0.english.contains("superseded by t.a") })
    }
}
