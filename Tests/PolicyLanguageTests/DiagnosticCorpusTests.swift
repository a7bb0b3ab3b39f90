import Foundation
import PolicyLanguage
import Testing

/// The golden corpus: every `Corpus/bad/*.policy` is loaded together with `Corpus/facts.policy`
/// and its rendered diagnostics must equal `*.expected` (English) and `*.zh.expected` (Chinese)
/// beside it, byte for byte; every `Corpus/good/*.policy` must check with no diagnostic at all.
///
/// Re-record with `RECORD_GOLDEN=1 swift test --filter DiagnosticCorpusTests`, then review the
/// change with `git diff`. A recording run fails, so it can never pass silently.
@Suite struct DiagnosticCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    static let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"

    static func policies(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".policy") }.sorted().map { "\(folder)/\($0)" }
    }

    static func source(_ relative: String) throws -> SourceFile {
        SourceFile(name: relative, text: try String(contentsOf: corpus.appendingPathComponent(relative), encoding: .utf8))
    }

    @Test("the corpus holds the bad and good files this suite walks")
    func corpusIsThere() {
        #expect(Self.policies(in: "bad").count >= 20)
        #expect(Self.policies(in: "good").count >= 1)
    }

    @Test("each bad policy renders exactly its expected diagnostics, in English and in Chinese", arguments: policies(in: "bad"))
    func badPolicyMatchesGolden(_ relative: String) throws {
        let sources = [try Self.source("facts.policy"), try Self.source(relative)]
        guard case .failure(let failure) = PolicyLoader.load(sources: sources) else {
            Issue.record("\(relative) checked without errors")
            return
        }
        try Self.compare(failure.rendered(english: true) + "\n", relative, golden: ".expected")
        try Self.compare(failure.rendered(english: false) + "\n", relative, golden: ".zh.expected")
    }

    /// Compares with the golden file beside the policy, or records it when asked.
    static func compare(_ rendered: String, _ relative: String, golden suffix: String) throws {
        let expectedURL = Self.corpus.appendingPathComponent(relative.replacingOccurrences(of: ".policy", with: suffix))
        if Self.recording {
            try rendered.write(to: expectedURL, atomically: true, encoding: .utf8)
            Issue.record("recorded \(expectedURL.lastPathComponent); unset RECORD_GOLDEN and review with git diff")
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(rendered == expected, "\(relative): diagnostics differ from \(expectedURL.lastPathComponent)")
    }

    @Test("each good policy checks with no errors and no warnings", arguments: policies(in: "good"))
    func goodPolicyChecksClean(_ relative: String) throws {
        let (sources, diagnostics) = PolicyLoader.diagnose(sources: [try Self.source("facts.policy"), try Self.source(relative)])
        #expect(diagnostics.isEmpty, "\(DiagnosticRenderer(sources: sources, english: true).render(diagnostics))")
        guard case .success(let set) = PolicyLoader.load(sources: sources) else {
            Issue.record("\(relative) does not load")
            return
        }
        #expect(!set.rules.isEmpty, "a good file should hold at least one rule to be worth checking")
    }
}
