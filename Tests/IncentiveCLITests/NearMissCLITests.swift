import Foundation
import IncentiveSupport
import Testing

/// Near misses of an undetermined rule through the CLI: the Pujiang example without its R&D
/// expense of 2020. The JSON names the value the absent fact needs (`current` null, `relation`),
/// the table says it in the language asked for, and the `--set` it offers makes the rule eligible.
@Suite struct NearMissCLITests {
    static func profileWithoutRd() throws -> String {
        let text = try String(contentsOf: ExamplesTests.root.appendingPathComponent("Examples/pujiang-precision.json"), encoding: .utf8)
        guard case .object(var members) = try JSONParser.parse(text) else { throw CocoaError(.fileReadCorruptFile) }
        members = members.map { member in
            guard member.key == "years", case .object(var years) = member.value else { return member }
            years = years.map { year in
                guard year.key == "2020", case .object(let facts) = year.value else { return year }
                return JSONMember(key: year.key, value: .object(facts.filter { $0.key != "rd_expense" }))
            }
            return JSONMember(key: member.key, value: .object(years))
        }
        let path = NSTemporaryDirectory() + "incentive-no-rd-\(UUID().uuidString).json"
        try JSONWriter.pretty(.object(members)).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func anAbsentFactGetsTheValueItNeedsInJSONAndInBothLanguages() throws {
        let path = try Self.profileWithoutRd()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let json = try JSONParser.parse(try ExamplesTests.run(["estimate", path, "--year", "2020", "--format", "json"]).stdout)
        let rule = try #require(json["results"]?.arrayValue?.first { $0["rule"]?.stringValue == "cn.hte-qualification" })
        #expect(rule["status"]?.stringValue == "undetermined")
        let miss = try #require(rule["near_misses"]?.arrayValue?.first { $0["fact"]?.stringValue == "rd_expense" })
        #expect(miss["current"] == .null && miss["relation"]?.stringValue == ">=" && miss["year"] == .number("2020"))
        let needed = try #require(miss["needed"]?.stringValue)
        let set = try #require(miss["set"]?.arrayValue?.first?.stringValue)
        #expect(set == "years.2020.rd_expense=\(needed)")

        let english = try ExamplesTests.run(["estimate", path, "--year", "2020", "--lang", "en"])
        #expect(english.stdout.contains("rd_expense (2020) absent: the rule needs ≥ "), "\(english.stdout)")
        let chinese = try ExamplesTests.run(["estimate", path, "--year", "2020"])
        #expect(chinese.stdout.contains("rd_expense（2020）缺失：需 ≥ "), "\(chinese.stdout)")

        let applied = try JSONParser.parse(try ExamplesTests.run(["estimate", path, "--year", "2020", "--format", "json", "--set", set]).stdout)
        let after = try #require(applied["results"]?.arrayValue?.first { $0["rule"]?.stringValue == "cn.hte-qualification" })
        // Every other condition of the rule holds for this enterprise: the R&D expense alone decides it.
        #expect(miss["sufficient"] == .bool(true))
        #expect(after["status"]?.stringValue == "eligible")
    }
}
