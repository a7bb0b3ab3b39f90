/// A population of enterprises for benchmarks: N enterprises × 3 years (Y-2…Y) across the four
/// counties, with the fields of profile.md in realistic proportions, from a fixed seed, so every
/// run measures the same file.
struct Population {
    static let regions = ["330726", "330521", "330482", "330781"]
    static let industries = ["C3484", "C2651", "C3914", "C39", "C13", "I6513", "M7320", "F5123", "C16", "C3311"]
    static let titles = ["tech-sme", "sci-tech-giant", "provincial-tech-leader", "provincial-key-lab", "national-incubator", "provincial-incubator"]
    static let header = "credit_code,name,region,industry,registered,hte_certificates,titles,listed_ic_or_machine_tool,year,revenue,main_revenue,manufacturing_revenue,rd_expense,rd_domestic,hitech_revenue,employees,tech_staff,total_assets,taxable_income,above_scale,in_rd_statistics,ip_class1,ip_class2,innovation_score,major_incident,tech_service_spend"

    var random: SplitMix64
    let year: Int

    init(seed: UInt64, year: Int) {
        random = SplitMix64(seed: seed)
        self.year = year
    }

    /// The CSV rows (with CRLF) of enterprise `index`: three rows, one per year.
    mutating func rows(_ index: Int) -> String {
        let region = Self.regions[index % 4]
        let code = CreditCodeMaker.make(region: region, serial: index)
        let industry = Self.industries[random.below(Self.industries.count)]
        let registered = "\(1995 + random.below(27))-\(pad(1 + random.below(12)))-\(pad(1 + random.below(28)))"
        var certificates: [String] = []
        if random.below(100) < 30 { certificates.append("\(year - 5 + random.below(6))-\(pad(1 + random.below(12)))-15") }
        var titles: [String] = []
        if random.below(100) < 15 { titles.append("\(Self.titles[random.below(Self.titles.count)])@\(year - random.below(3))") }
        if random.below(100) < 20 { titles.append("tech-sme@\(year)") }
        let listed = random.below(100) < 3 ? "true" : "false"
        let size = 1 + random.below(3000)
        var revenue = size * 100_000 + random.below(1_000_000)
        var rows = ""
        for y in (year - 2)...year {
            revenue = revenue * (90 + random.below(30)) / 100
            let main = revenue * (80 + random.below(21)) / 100
            let manufacturing = main * random.below(101) / 100
            let rd = random.below(100) < 15 ? 0 : revenue * random.below(80) / 1000
            let domestic = rd * (50 + random.below(51)) / 100
            let employees = 10 + size / 5 + random.below(50)
            let tech = employees * random.below(40) / 100
            let taxable = Int(revenue / 10) - random.below(max(1, revenue / 8))
            let cells: [String] = [
                code, "浙江样本\(index)科技有限公司", region, industry, registered, certificates.joined(separator: ";"),
                titles.joined(separator: ";"), listed, String(y), String(revenue), String(main), String(manufacturing), String(rd),
                String(domestic), String(revenue * random.below(90) / 100), String(employees), String(tech),
                String(revenue * (5 + random.below(20)) / 10), String(taxable), revenue >= 20_000_000 ? "true" : "false",
                random.below(100) < 60 ? "true" : "false", String(random.below(3)), String(random.below(8)),
                String(50 + random.below(50)), random.below(100) < 2 ? "true" : "false",
                random.below(100) < 30 ? String(random.below(500_000)) : "",
            ]
            rows += cells.joined(separator: ",") + "\r\n"
        }
        return rows
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

/// SplitMix64: a small, fast generator with a fixed sequence per seed.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}

/// Valid 统一社会信用代码 (GB 32100-2015): "91" + region + a 9-character serial + check character.
enum CreditCodeMaker {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    static func make(region: String, serial: Int) -> String {
        var body = Array("91" + region)
        var rest: [Character] = []
        var value = serial
        for _ in 0..<9 {
            rest.append(alphabet[value % 31])
            value /= 31
        }
        body += rest.reversed()
        var sum = 0
        for (index, character) in body.enumerated() { sum += alphabet.firstIndex(of: character)! * weights[index] }
        return String(body) + String(alphabet[(31 - sum % 31) % 31])
    }
}
