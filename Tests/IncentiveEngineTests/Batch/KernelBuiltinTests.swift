@testable import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import TestSupport
import Testing

/// The kernel's own code for `sum`/`avg` over years, `count`, `year`, `min`/`max`, `has_title`,
/// `starts_with`, `add_years` and membership in a range of numbers (`KernelCompiler+Builtins`), and for
/// orderings and arithmetic with a constant operand (`KernelCompiler+Numbers`), gives what the
/// evaluator gives, at their edges: open and empty ranges, a year missing from a sum, null
/// arguments, equal bounds, values at a threshold.
@Suite struct KernelBuiltinTests {
    static let policy = InlinePolicies.load("""
    policy t.builtins "内置函数" {
      region 330521
      provenance official
      rule t.sum "合计" { kind cash tag t-award when ok: rd_expense >= 0 amount sum(rd_expense over [Y-2..Y]) }
      rule t.sum-open "开区间合计" { kind cash when ok: rd_expense >= 0 amount sum(rd_expense over (Y-2..Y]) }
      rule t.sum-empty "空区间合计" { kind cash when ok: rd_expense >= 0 amount rd_expense + sum(rd_expense over [Y..Y-1]) }
      rule t.avg "平均" { kind cash when ok: rd_expense >= 0 amount avg(revenue over [Y-1..Y+1)) }
      rule t.avg-empty "空区间平均" { kind cash when ok: rd_expense >= 0 amount avg(revenue over (Y..Y]) }
      rule t.sum-let "起始年" {
        kind cash
        let first "首年" = max(Y - 2, year(registered))
        when ok: sum(rd_expense over [first..Y]) > 0
        amount rd_expense * (sum(rd_expense over [first..Y]) / sum(revenue over [first..Y]))
      }
      rule t.count "证书数" { kind cash when ok: count(hte_certificates) >= 0 amount 1万 * count(hte_certificates) }
      rule t.year "成立年" { kind cash when ok: year(registered) <= Y amount 1万 * year(registered) }
      rule t.minmax "最值" { kind cash when ok: rd_expense >= 0 amount max(rd_expense, revenue, 0) - 1万 * min(employees, tech_staff) }
      rule t.title "称号" { kind cash tag t-award when ok: has_title(titles, "tech-sme", Y) amount 1 }
      rule t.title-last "上年称号" { kind cash when ok: not has_title(titles, "tech-sme", Y - 1) amount 2 }
      rule t.in "区间内" { kind cash when ok: rd_expense in [1000..revenue) amount 3 }
      rule t.not-in "区间外" { kind cash when ok: employees not in (10..tech_staff] amount 4 }
      rule t.prefix "行业" { kind cash when ok: not (some p in ["C16", "M"] satisfies starts_with(industry, p)) amount 6 }
      rule t.prefix-every "全部前缀" { kind cash when ok: every p in ["C", "C1"] satisfies starts_with(industry, p) amount 9 }
      rule t.prefix-unicode "等价前缀" { kind cash when ok: every p in ["K7", "\u{212A}7"] satisfies starts_with(industry, p) amount 10 }
      obligation t.at-least "不低于" { article "o" amount max(paid(tag t-award), 1000, paid(kind tax)) }
      obligation t.band "区间" { article "o" amount paid(tag t-award) in [1..2000) ? min(1万, paid(tag t-award) * 2) : paid(kind tax) }
      rule t.threshold "门槛" { kind cash when lt: rd_expense < 1000 when le: revenue <= 1000 when gt: employees > 10 when ge: tech_staff >= 10 amount 7 }
      rule t.rate "比例" { kind cash when ok: rd_expense > 999 amount rd_expense * 12% - 5万 + 1万 }
      rule t.left "常量在左" { kind cash when ok: 1000 <= revenue amount 1万 - rd_expense / 2 }
      rule t.add-years "满一年" { kind cash when ok: add_years(registered, 1) <= date(Y, 12, 31) when leap: add_years(date(2020, 2, 29), Y - 2020) < date(Y, 3, 1) amount 8 }
      rule t.quantified "某证书" { kind cash when ok: some c in hte_certificates satisfies year(c) in [Y-2..Y] amount 5 }
      rule t.quantified-every "全部证书" { kind cash when ok: every c in hte_certificates satisfies year(c) not in (Y-4..Y-1] amount 11 }
    }
    """)

    static func money(_ value: Int) -> Value { .number(ExactDecimal(value)) }

    /// Profiles over 2021–2023 with each fact sometimes absent, zero, or at a bound of another.
    static func profiles(seed: UInt64, count: Int) -> [Profile] {
        var random = SplitMix64(seed: seed)
        func maybe(_ value: Value) -> Value? { random.below(5) == 0 ? nil : value }
        return (0..<count).map { _ in
            var years: [Int: [String: Value]] = [:]
            for year in 2021...2023 where random.below(6) != 0 {
                var facts: [String: Value] = [:]
                let revenue = random.below(3) * 1000
                facts["revenue"] = maybe(money(revenue))
                facts["rd_expense"] = maybe(money([0, 999, 1000, revenue, revenue + 1][random.below(5)]))
                let staff = random.below(20)
                facts["employees"] = maybe(money([9, 10, 11, staff, staff + 1][random.below(5)]))
                facts["tech_staff"] = maybe(money(staff))
                years[year] = facts.compactMapValues { $0 }
            }
            var statics: [String: Value] = [:]
            // Some not ASCII: a Kelvin sign (canonically "K"), a C with a combining accent (not "C"
            // as a character), a full-width C; the kernel checks prefixes on bytes only for ASCII.
            statics["industry"] = maybe(.text(["C1610", "C16", "M7320", "C3484", "C1", "\u{212A}7320", "K7320", "C\u{301}16", "Ｃ16"][random.below(9)]))
            statics["registered"] = maybe(.date(CivilDate(year: 2019 + random.below(6), month: 6, day: 1)!))
            statics["hte_certificates"] = maybe(.list((0..<random.below(3)).map { _ in .date(CivilDate(year: 2018 + random.below(7), month: 3, day: 15)!) }))
            statics["titles"] = maybe(.titles((0..<random.below(3)).map { _ in Title(name: ["tech-sme", "sci-tech-giant"][random.below(2)], year: 2021 + random.below(3), date: nil) }))
            return Profile(creditCode: "91330521MA2B3C4D5Q", name: "test", region: "330521",
                           staticFacts: statics.compactMapValues { $0 }, yearFacts: years)
        }
    }

    @Test("kernel = evaluator on the specialised built-ins and ranges", arguments: [UInt64(1), 2, 3])
    func kernelEqualsEvaluator(seed: UInt64) {
        let statuses = KernelVersusEvaluator.statusesSeen(Self.profiles(seed: seed, count: 300), year: 2023, policies: Self.policy)
        // Every rule was met eligible, ineligible or undetermined somewhere, so each edge was reached.
        for rule in ["t.sum", "t.avg", "t.sum-let", "t.count", "t.minmax", "t.year"] {
            #expect(statuses.contains("\(rule) eligible") && statuses.contains("\(rule) undetermined"), "\(rule): \(statuses.sorted())")
        }
        for obligation in ["t.at-least", "t.band"] {
            #expect(statuses.contains("\(obligation) eligible") && statuses.contains("\(obligation) undetermined"), "\(obligation): \(statuses.sorted().filter { $0.hasPrefix(obligation) })")
        }
        for rule in ["t.title", "t.title-last", "t.in", "t.not-in", "t.quantified", "t.quantified-every", "t.prefix", "t.prefix-every", "t.prefix-unicode"] {
            #expect(statuses.contains("\(rule) eligible") && statuses.contains("\(rule) ineligible"), "\(rule): \(statuses.sorted())")
        }
    }

    @Test("an empty range sums to zero and averages to nothing; a half-open range leaves out its end")
    func rangesAtTheirEdges() {
        let kernel = KernelEvaluator(policies: Self.policy, year: 2023)
        let years: [Int: [String: Value]] = [2021: ["rd_expense": Self.money(100), "revenue": Self.money(10)],
                                             2022: ["rd_expense": Self.money(20), "revenue": Self.money(30)],
                                             2023: ["rd_expense": Self.money(3), "revenue": Self.money(50)]]
        let profile = Profile(creditCode: "91330521MA2B3C4D5Q", name: "test", region: "330521", yearFacts: years)
        let plan = kernel.plan(for: "330521")
        let outcomes = kernel.evaluate(SlotProfile(profile, slots: kernel.slots), plan: plan) { _, _ in .null }
        func paid(_ id: String) -> ExactDecimal? {
            outcomes[plan.rules.firstIndex { Self.policy.rules[$0].id == id }!].amount
        }
        #expect(paid("t.sum") == ExactDecimal(123))
        #expect(paid("t.sum-open") == ExactDecimal(23))
        #expect(paid("t.sum-empty") == ExactDecimal(3))
        // [2022..2024): 30 and 50; 2024 is outside
        #expect(paid("t.avg") == ExactDecimal(40))
        #expect(outcomes[plan.rules.firstIndex { Self.policy.rules[$0].id == "t.avg-empty" }!].status == .undetermined)
    }

    @Test("a range of years with an end at the largest or smallest integer is empty or too wide, never a trap")
    func yearsAtTheIntegerLimits() {
        let top = ExactDecimal(Int.max), bottom = ExactDecimal(Int.min), year = ExactDecimal(2023)
        // Open at the largest integer: no year above it.
        #expect(Operations.years(top, top, lowerClosed: false, upperClosed: true) == .some(nil))
        // Open at the smallest: no year below it.
        #expect(Operations.years(bottom, bottom, lowerClosed: true, upperClosed: false) == .some(nil))
        // Ends far apart, both ways round: too wide, or empty.
        #expect(Operations.years(bottom, top, lowerClosed: true, upperClosed: true) == nil)
        #expect(Operations.years(top, bottom, lowerClosed: true, upperClosed: true) == .some(nil))
        // Closed at the largest integer is one year; the usual spans stay as they were.
        #expect(Operations.years(top, top, lowerClosed: true, upperClosed: true) == .some(Int.max...Int.max))
        #expect(Operations.years(year, year, lowerClosed: false, upperClosed: true) == .some(nil))
        #expect(Operations.years(ExactDecimal(2021), year, lowerClosed: false, upperClosed: false) == .some(2022...2022))
        #expect(Operations.years(ExactDecimal(1823), year, lowerClosed: true, upperClosed: true) == nil)
        #expect(Operations.years(ExactDecimal(1823), year, lowerClosed: false, upperClosed: true) == .some(1824...2023))
    }
}

/// A region's row spread over the batch's columns (`WideRows.Layout`): empty cells where its
/// region has no such rule or obligation, for a region with some and for one with none.
@Suite struct WideRowsLayoutTests {
    static let policy = InlinePolicies.load("""
    policy t.here "本地" {
      region 330521
      provenance official
      rule t.first "甲" { kind cash when ok: rd_expense >= 0 amount 1万 }
      rule t.second "乙" { kind tax when ok: rd_expense >= 0 amount 2万 }
      obligation t.owed "义务" { article "o" amount 50% * paid(kind cash) }
    }
    policy t.there "外地" {
      region 330726
      provenance official
      rule t.middle "丙" { kind voucher when ok: rd_expense >= 0 amount 3万 }
    }
    """)

    @Test("cells in their columns, empty where the region has nothing, for 1, 3 and 9 regions")
    func spread() {
        for regions in [["330521"], ["330521", "330726", "330100"], ["330521", "330726"] + (0..<7).map { "33090\($0)" }] {
            let plans = Dictionary(uniqueKeysWithValues: regions.map { ($0, RegionPlan(region: $0, year: 2023, policies: Self.policy)) })
            let layout = WideRows.Layout(plans: plans)
            // Columns by rule index (declaration order), then the totals, then obligations.
            let rules = regions.count == 1 ? "t.first,t.second" : "t.first,t.second,t.middle"
            #expect(layout.header(Self.policy) == "credit_code,name,region,\(rules),total_cash,total_tax,total_voucher,t.owed\r\n")
            var line: [UInt8] = []
            func row(_ cells: String, _ region: String) -> String {
                line.removeAll()
                let prefix = Array("P".utf8), bytes = Array(cells.utf8)
                prefix.withUnsafeBufferPointer { prefix in
                    bytes.withUnsafeBufferPointer { layout.write(prefix: prefix, cells: $0, region: region, into: &line) }
                }
                return String(decoding: line, as: UTF8.self)
            }
            if regions.count == 1 {
                #expect(row("10000.00,20000.00,10000.00,20000.00,0.00,5000.00", "330521") == "P,10000.00,20000.00,10000.00,20000.00,0.00,5000.00\r\n")
                continue
            }
            // 330521: t.first, t.second, three totals, t.owed; t.middle is not in force there.
            #expect(row("10000.00,20000.00,10000.00,20000.00,0.00,5000.00", "330521") == "P,10000.00,20000.00,,10000.00,20000.00,0.00,5000.00\r\n")
            // 330726: t.middle and the totals; no obligation.
            #expect(row("30000.00,0.00,0.00,30000.00", "330726") == "P,,,30000.00,0.00,0.00,30000.00,\r\n")
            // No rule and no obligation: the three totals alone.
            #expect(row("0.00,0.00,0.00", regions.last!) == "P,,,,0.00,0.00,0.00,\r\n")
        }
    }
}
