import Foundation
import IncentiveEngine
import IncentiveSupport
import PolicyLanguage
import Testing

/// Bad profiles get located, precise messages: each file in `Profiles/` has its expected issues
/// beside it in `<name>.expected`. `RECORD_GOLDEN=1 swift test` rewrites them and fails, so a
/// recording run is never mistaken for a pass; review the change with `git diff`.
@Suite struct ProfileReaderTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Profiles")
    static let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".json") }.sorted() ?? []

    /// The issues in English (`<name>.expected`, also the machine contract) and in Chinese
    /// (`<name>.zh.expected`, what `--lang zh` prints).
    @Test("each bad profile gives exactly its golden list of issues, in each language", arguments: files, [true, false])
    func goldenIssues(file: String, english: Bool) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        let result = ProfileReader(policies: BundledPolicies.set).read(json: text)
        let verdict = result.profile == nil ? "fatal: not evaluated\n" : "evaluated\n"
        let actual = result.issues.map { $0.text(english: english) }.joined(separator: "\n") + "\n" + verdict
        let expectedURL = Self.folder.appendingPathComponent(file.replacingOccurrences(of: ".json", with: english ? ".expected" : ".zh.expected"))
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            Issue.record("recorded \(expectedURL.lastPathComponent); unset RECORD_GOLDEN and review with git diff")
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected)
        if english { #expect(result.issues.map(\.description) == result.issues.map { $0.text(english: true) }) }
    }

    @Test func everyIssueOfTheBadProfilesHasItsOwnChineseText() throws {
        for file in Self.files {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            for issue in ProfileReader(policies: BundledPolicies.set).read(json: text).issues {
                #expect(issue.expectation.chinese != issue.expectation.english, "\(file): \(issue) has no Chinese")
            }
        }
    }

    @Test func theSharedExamplesReadWithoutIssues() throws {
        for name in ["pujiang-precision", "deqing-no-rd"] {
            let text = try String(contentsOf: BundledPolicies.root.appendingPathComponent("Examples/\(name).json"), encoding: .utf8)
            let result = ProfileReader(policies: BundledPolicies.set).read(json: text)
            #expect(result.issues.isEmpty, "\(name): \(result.issues)")
            #expect(result.profile != nil)
        }
    }

    @Test func moneyIsReadExactlyFromStringsAndNumbers() throws {
        let json = #"{"credit_code":"91330726MA28F8XX4Y","region":"330726","years":{"2023":{"revenue":0.1,"rd_expense":"0.2"}}}"#
        let profile = try #require(ProfileReader(policies: BundledPolicies.set).read(json: json).profile)
        let revenue = try #require(profile.yearFacts[2023]?["revenue"]?.number)
        let rd = try #require(profile.yearFacts[2023]?["rd_expense"]?.number)
        #expect(revenue.adding(rd) == ExactDecimal(parsing: "0.3"))
    }

    @Test func anAbsentFactStaysAbsentNotZero() throws {
        let json = #"{"credit_code":"91330726MA28F8XX4Y","region":"330726","years":{"2023":{"revenue":"100"}}}"#
        let profile = try #require(ProfileReader(policies: BundledPolicies.set).read(json: json).profile)
        #expect(profile.yearFacts[2023]?["rd_expense"] == nil)
        #expect(profile.yearFacts[2023]?["revenue"] == .number(ExactDecimal(100)))
    }

    struct CreditCodeCase: CustomTestStringConvertible, Sendable {
        let code: String
        let problem: String?
        var chinese: String? = nil
        var testDescription: String { "\(code) → \(problem ?? "valid")" }
    }

    @Test("credit codes are checked by GB 32100's check character", arguments: [
        CreditCodeCase(code: "91330726MA28F8XX4Y", problem: nil),
        CreditCodeCase(code: "91330521MA2B3C4D5Q", problem: nil),
        CreditCodeCase(code: "91330726MA28F8XX4Z", problem: "check character is 'Z', but the first 17 characters give 'Y'",
                       chinese: "校验码为 'Z'，但按前 17 位应为 'Y'"),
        CreditCodeCase(code: "91330726MA28F8XX4", problem: "a credit code has 18 characters, this one has 17", chinese: "信用代码应为 18 位，此代码为 17 位"),
        CreditCodeCase(code: "91330726MA28F8XI4Y", problem: "character 16 'I' is not allowed in a credit code (digits and capitals except I, O, S, V, Z)"),
    ])
    func creditCodes(_ example: CreditCodeCase) {
        let problem = CreditCode.problem(with: example.code)
        #expect(problem?.english == example.problem)
        if let chinese = example.chinese { #expect(problem?.chinese == chinese) }
    }
}
