@testable import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import TestSupport
import Testing

/// Properties over generated populations (fixed seeds): batch equals single on every rule that
/// does not depend on the cohort, and the order of the input changes no one's result.
@Suite struct BatchPropertyTests {
    /// A cell that is sometimes empty (an absent fact): `draw` is a number below 100.
    static func cell(_ value: String, _ draw: Int, absent percent: Int = 10) -> String {
        draw < percent ? "" : value
    }

    static let regions = ["330726", "330521", "330482", "330781"]
    static let titles = ["tech-sme", "sci-tech-giant", "provincial-tech-leader", "provincial-key-lab", "national-incubator", "provincial-incubator"]

    static func population(_ count: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        var csv = "credit_code,name,region,industry,registered,hte_certificates,titles,listed_ic_or_machine_tool,year,revenue,main_revenue,manufacturing_revenue,rd_expense,rd_domestic,hitech_revenue,employees,tech_staff,total_assets,taxable_income,above_scale,in_rd_statistics,ip_class1,ip_class2,innovation_score,major_incident,tech_service_spend\n"
        for index in 0..<count {
            let region = regions[random.below(4)]
            let code = BatchFixtures.code(index, region: region)
            let industry = ["C34", "C2651", "F5123", "C16", "M7320", "C3311"][random.below(6)]
            let certificate = random.below(100) < 35 ? "\(2019 + random.below(5))-\(10 + random.below(3))-01" : ""
            let title = random.below(100) < 30 ? "\(titles[random.below(titles.count)])@\(2021 + random.below(3))" : ""
            let listed = random.below(100) < 5 ? "true" : "false"
            let registered = "20\(10 + random.below(12))-0\(1 + random.below(9))-1\(random.below(9))"
            for year in 2021...2023 {
                let revenue = 1_000_000 + random.below(300_000_000)
                let rd = random.below(100) < 15 ? 0 : revenue * random.below(80) / 1000
                let employees = 5 + random.below(600)
                let row = [code, "企业\(index)", region, industry, registered,
                           certificate, title, listed, String(year), Self.cell(String(revenue), random.below(100)), String(revenue * 9 / 10),
                           String(revenue * random.below(10) / 10), Self.cell(String(rd), random.below(100), absent: 5), String(rd * 8 / 10),
                           String(revenue * random.below(10) / 10), String(employees), String(employees * random.below(40) / 100),
                           String(revenue * 2), Self.cell(String(revenue / 10 - random.below(revenue / 8)), random.below(100)),
                           Self.cell(random.below(2) == 0 ? "true" : "false", random.below(100)), Self.cell(random.below(2) == 0 ? "true" : "false", random.below(100)),
                           String(random.below(3)), String(random.below(6)), String(50 + random.below(50)),
                           random.below(100) < 3 ? "true" : "false", Self.cell(String(random.below(400_000)), random.below(100), absent: 60)]
                csv += row.joined(separator: ",") + "\n"
            }
        }
        return csv
    }

    @Test("batch results equal single results on every rule that does not depend on the cohort", arguments: [UInt64(1), 2, 3])
    func batchEqualsSingle(seed: UInt64) {
        let (input, estimates, cohort) = BatchFixtures.batch(Self.population(120, seed: seed))
        #expect(input.issues.isEmpty)
        #expect(input.profiles.count == 120)
        let batch = BatchEvaluator(policies: BatchFixtures.policies, year: 2023)
        let dependent = batch.cohortDependentRules
        #expect(dependent == ["deqing.rd-top10-total", "deqing.rd-top10-growth", "deqing.rd-newly-counted"])
        var compared = 0
        for profile in input.profiles {
            let single = batch.evaluator.evaluate(profile, year: 2023)
            let batched = estimates[profile.creditCode]!
            #expect(single.results.map(\.rule) == batched.results.map(\.rule))
            for (a, b) in zip(single.results, batched.results) where !dependent.contains(a.rule) {
                #expect(a == b, "\(profile.creditCode) \(a.rule)")
                compared += 1
            }
        }
        #expect(compared > 600)  // about seven compared rules per enterprise
        #expect(cohort.pools.count == 1)
        #expect(cohort.pools[0].paid <= cohort.pools[0].size)
    }

    @Test("shuffling the input changes no enterprise's result, nor the pools", arguments: [UInt64(7), 8])
    func shuffleInvariance(seed: UInt64) {
        let csv = Self.population(150, seed: seed)
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst()
        var random = SplitMix64(seed: seed &* 31)
        for index in stride(from: lines.count - 1, to: 0, by: -1) { lines.swapAt(index, random.below(index + 1)) }
        let shuffled = ([header] + lines).joined(separator: "\n") + "\n"
        let original = BatchFixtures.batch(csv), reordered = BatchFixtures.batch(shuffled)
        #expect(original.estimates.count == 150)
        #expect(original.estimates == reordered.estimates)
        #expect(original.cohort.pools == reordered.cohort.pools)
    }

    @Test("estimate --cohort of a member gives exactly its batch result")
    func cohortEstimate() {
        let (input, estimates, _) = BatchFixtures.batch(Self.population(80, seed: 11))
        let batch = BatchEvaluator(policies: BatchFixtures.policies, year: 2023)
        for profile in input.profiles.filter({ $0.region == "330521" }).prefix(5) {
            #expect(batch.evaluate(profile, within: input.profiles).estimate == estimates[profile.creditCode]!)
        }
    }
}
