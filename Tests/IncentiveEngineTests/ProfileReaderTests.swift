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

    @Test("each bad profile gives exactly its golden list of issues", arguments: files)
    func goldenIssues(file: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        let result = ProfileReader(policies: BundledPolicies.set).read(json: text)
        let actual = result.issues.map(\.description).joined(separator: "\n") + "\n" + (result.profile == nil ? "fatal: not evaluated\n" : "evaluated\n")
        let expectedURL = Self.folder.appendingPathComponent(file.replacingOccurrences(of: ".json", with: ".expected"))
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            Issue.record("recorded \(expectedURL.lastPathComponent); unset RECORD_GOLDEN and review with git diff")
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected)
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
        var testDescription: String { "\(code) → \(problem ?? "valid")" }
    }

    @Test("credit codes are checked by GB 32100's check character", arguments: [
        CreditCodeCase(code: "91330726MA28F8XX4Y", problem: nil),
        CreditCodeCase(code: "91330521MA2B3C4D5Q", problem: nil),
        CreditCodeCase(code: "91330726MA28F8XX4Z", problem: "check character is 'Z', but the first 17 characters give 'Y'"),
        CreditCodeCase(code: "91330726MA28F8XX4", problem: "a credit code has 18 characters, this one has 17"),
        CreditCodeCase(code: "91330726MA28F8XI4Y", problem: "character 16 'I' is not allowed in a credit code (digits and capitals except I, O, S, V, Z)"),
    ])
    func creditCodes(_ example: CreditCodeCase) {
        #expect(CreditCode.problem(with: example.code) == example.problem)
    }
}
