import Foundation
import PolicyLanguage
import Testing

/// The repository's own `Policies/` parse and check without a single diagnostic (errors or warnings).
@Suite struct CataloguePoliciesCheckTests {
    static let policiesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Policies").path

    @Test("Policies/ checks cleanly")
    func policiesCheckCleanly() throws {
        let sources = try PolicyLoader.sources(inDirectory: Self.policiesDirectory)
        #expect(!sources.isEmpty)
        switch PolicyLoader.load(sources: sources) {
        case .success: break
        case .failure(let failure): Issue.record("Policies/ has diagnostics:\n\(failure.rendered)")
        }
    }
}
