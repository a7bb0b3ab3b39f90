@testable import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import Testing

@Suite struct ProfileCodecTests {
    @Test("packing and unpacking a profile gives it back exactly: negative and fractional amounts, dates, titles, unknown keys")
    func roundTrip() {
        let codec = ProfileCodec(facts: BatchFixtures.policies.factIndex)
        let profile = Profile(
            creditCode: BatchFixtures.code(5), name: nil, region: "330726",
            staticFacts: ["industry": .text("C3484"), "hte_certificates": .list([.date(CivilDate(year: 2020, month: 12, day: 1)!)]),
                          "titles": .titles([Title(name: "tech-sme", year: 2023, date: nil),
                                             Title(name: "sci-tech-giant", year: nil, date: CivilDate(year: 2023, month: 6, day: 30)!)]),
                          "listed_ic_or_machine_tool": .bool(false), "not_a_declared_fact": .text("kept")],
            yearFacts: [2023: ["taxable_income": .number(ExactDecimal(parsing: "-1234567.89")!),
                               "rd_expense": .number(ExactDecimal(parsing: "170141183460469231731687303715884105727")!),
                               "above_scale": .bool(true)],
                        2021: [:]])
        var bytes: [UInt8] = []
        codec.encode(profile, into: &bytes)
        #expect(codec.decode(bytes[...]) == profile)
        #expect(bytes.count < 200)
    }

    @Test("an enterprise whose rows come back after others is unpacked, merged and kept in first-appearance order")
    func reopened() {
        let a = BatchFixtures.code(1), b = BatchFixtures.code(2), c = BatchFixtures.code(3)
        let csv = BatchFixtures.deqingHeader +
            "\(a),甲,330521,C34,2010-01-01,2023,1,true\n\(b),乙,330521,C34,2010-01-01,2023,2,true\n" +
            "\(c),丙,330521,C34,2010-01-01,2023,3,true\n\(a),甲,330521,C34,2010-01-01,2022,4,true\n" +
            "\(b),乙,330521,C35,2010-01-01,2022,5,true\n"
        let input = BatchFixtures.read(csv)
        #expect(input.profiles.map(\.creditCode) == [a, c])
        #expect(input.profiles[0].yearFacts[2022]?["rd_expense"] == .number(ExactDecimal(4)))
        #expect(input.issues.map(\.location) == ["row 6"])
    }
}
