import PolicyLanguage
import Testing

/// A stray `}` at the top level of a policy file once made the parser loop forever (it stopped
/// resynchronizing on the brace without consuming it). It must give one diagnostic and end.
@Suite struct StrayBraceTests {
    @Test("a stray closing brace after a policy gives a diagnostic and terminates")
    func strayBraceAfterPolicy() {
        let source = SourceFile(name: "stray.policy", text: "policy a.b \"t\" {\n  region 100000\n}\n}\n")
        let (tree, diagnostics) = Parser.parse(source, file: 0)
        #expect(tree.policies.count == 1)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == "parse.unexpected-token")
    }

    @Test("a file of nothing but closing braces terminates")
    func onlyBraces() {
        let (_, diagnostics) = Parser.parse(SourceFile(name: "braces.policy", text: "} } }"), file: 0)
        #expect(diagnostics.count == 3)
    }
}
