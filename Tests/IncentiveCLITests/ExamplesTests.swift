import Foundation
import IncentiveSupport
import Testing

/// Runs the built `incentive` binary on every example and compares with the expected outcomes of
/// ../shared/examples/README.md, kept beside each example as `<name>.expected.json`.
@Suite struct ExamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func binary() -> URL {
        let build = root.appendingPathComponent(".build")
        for configuration in ["debug", "release"] {
            let candidate = build.appendingPathComponent(configuration).appendingPathComponent("incentive")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return build.appendingPathComponent("debug/incentive")
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary()
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// Every profile in Examples/ (each must have its `.expected.json`, which names the year).
    static let examples: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Examples").path)) ?? [])
        .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".expected.json") }.map { String($0.dropLast(5)) }.sorted()

    @Test func everyExampleIsCovered() {
        #expect(Self.examples.count >= 2)
    }

    @Test("each example's JSON estimate has exactly the expected status and amount per rule", arguments: examples)
    func exampleMatchesExpectation(profile: String) throws {
        let expected = try JSONParser.parse(String(contentsOf: Self.root.appendingPathComponent("Examples/\(profile).expected.json"), encoding: .utf8))
        let year = try #require(expected["year"]?.numberText, "\(profile).expected.json names the year")
        let result = try Self.run(["estimate", "Examples/\(profile).json", "--year", year, "--format", "json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let actual = try JSONParser.parse(result.stdout)
        let results = actual["results"]?.arrayValue ?? []
        for rule in expected["results"]?.objectMembers ?? [] {
            let found = results.first { $0["rule"]?.stringValue == rule.key }
            #expect(found != nil, "rule \(rule.key) missing")
            #expect(found?["status"] == rule.value["status"], "status of \(rule.key)")
            #expect(found?["amount"] == rule.value["amount"], "amount of \(rule.key)")
        }
        for rule in expected["absent_prefixes"]?.arrayValue ?? [] {
            let prefix = rule.stringValue ?? "?"
            #expect(!results.contains { ($0["rule"]?.stringValue ?? "").hasPrefix(prefix) }, "no rule of \(prefix) applies")
        }
        for obligation in expected["obligations"]?.objectMembers ?? [] {
            let found = actual["obligations"]?.arrayValue?.first { $0["rule"]?.stringValue == obligation.key }
            #expect(found?["amount"] == obligation.value, "obligation \(obligation.key)")
        }
    }
}
