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

    @Test("every kind of value packs and unpacks exactly, at the edges of each width")
    func valuesAtTheEdges() {
        let date = CivilDate(year: 2024, month: 2, day: 29)!
        let values: [Value] = [
            .null, .bool(true), .bool(false), .number(.zero), .number(ExactDecimal(-1)), .number(ExactDecimal(Int(Int64.max))),
            .number(ExactDecimal(Int(Int64.min))), .number(ExactDecimal(numerator: Int128(Int64.max) + 1, denominator: 1)!),
            .number(ExactDecimal(numerator: -Int128.max, denominator: 1)!), .number(ExactDecimal(numerator: -1, denominator: 3)!),
            .number(ExactDecimal(numerator: Int128.max, denominator: Int128.max - 1)!), .date(date),
            .date(CivilDate(year: 1, month: 1, day: 1)!), .text(""), .text("浙江样本科技有限公司"), .list([]),
            .list([.date(date), .null, .list([.text("x")])]),
            .range(lower: .number(ExactDecimal(2021)), upper: .number(ExactDecimal(2023)), lowerClosed: true, upperClosed: false),
            .titles([Title(name: "tech-sme", year: 2023, date: nil), Title(name: "giant", year: nil, date: date),
                     Title(name: "both", year: 2022, date: date), Title(name: "neither", year: nil, date: nil)]),
        ]
        var bytes: [UInt8] = []
        for value in values { ValuePacking.append(value, to: &bytes) }
        #expect(Self.unpack(bytes, count: values.count) { $0.value() } == values)
    }

    /// `count` items read back from `bytes` by `read`, which must take all of them.
    static func unpack<T>(_ bytes: [UInt8], count: Int, _ read: (inout ValuePacking.Reader) -> T) -> [T] {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = ValuePacking.Reader(bytes: buffer, position: 0)
            let items = (0..<count).map { _ in read(&reader) }
            #expect(reader.position == buffer.count)
            return items
        }
    }

    @Test("the kernel's waiting enterprises come back exactly as they were packed, each by its index")
    func slotProfilesRoundTrip() {
        let slots = FactSlots(facts: BatchFixtures.policies.factIndex)
        let profiles = KernelEquivalenceTests.profiles(seed: 5, count: 60).map { SlotProfile($0, slots: slots) }
        var store = PackedSlotProfiles()
        for (position, profile) in profiles.enumerated() { store.append(profile, position: position * 2) }
        #expect(store.count == profiles.count)
        #expect(store.positions == profiles.indices.map { $0 * 2 })
        for (index, profile) in profiles.enumerated().reversed() {
            let back = store.profile(index)
            #expect(back.creditCode == profile.creditCode && back.name == profile.name && back.region == profile.region)
            #expect(back.statics == profile.statics && back.years == profile.years && back.cells == profile.cells)
        }
    }

    @Test("cells are packed to the bytes their values pack to, and come back exactly, at the 64-bit edge and beyond")
    func cellsPackAsValues() throws {
        let big = try #require(ExactDecimal(numerator: Int128(Int64.max) + 1, denominator: 1))
        let cells: [YearCell] = [
            .null, .bool(true), .bool(false), .number(.zero), .number(ExactDecimal(-1)), .number(ExactDecimal(Int(Int64.max))),
            .number(ExactDecimal(Int(Int64.min))), .number(big), .number(big.negated), .number(try #require(ExactDecimal(parsing: "-1234567.89"))),
            .number(try #require(ExactDecimal(numerator: 1, denominator: 3))), .date(try #require(CivilDate(year: 2024, month: 2, day: 29))),
            .date(try #require(CivilDate(year: 1, month: 1, day: 1))), .date(try #require(CivilDate(year: 9999, month: 12, day: 31))),
        ]
        var packed: [UInt8] = [], asValues: [UInt8] = []
        ValuePacking.appendCells(cells[...], to: &packed)
        for cell in cells { ValuePacking.append(cell.value, to: &asValues) }
        #expect(packed == asValues)
        #expect(Self.unpack(packed, count: cells.count) { $0.cell() } == cells)
    }
}
