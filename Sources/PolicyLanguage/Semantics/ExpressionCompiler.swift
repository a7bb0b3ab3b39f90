/// Parses and checks one expression on its own, with named inputs of given types standing in for
/// facts: what `incentive eval` runs, so the language can be tested against other engines.
public enum ExpressionCompiler {
    public static func compile(_ text: String, inputs: [String: ValueType]) -> (CheckedExpr?, [SourceFile], [Diagnostic]) {
        let source = SourceFile(name: "<expression>", text: text)
        let (parsed, parseDiagnostics) = Parser.parseExpression(source, file: 0)
        guard let parsed, parseDiagnostics.isEmpty else { return (nil, [source], parseDiagnostics) }
        var checker = Checker(sources: [source], trees: [])
        var context = ExpressionContext(scope: Scope(policy: -1, params: [:]), allowPaid: false)
        for (name, type) in inputs {
            context.inputs[name] = FactDecl(name: name, type: type, perYear: false, signed: true, chinese: name, english: name, range: .none)
        }
        let checked = checker.checkExpression(parsed, &context)
        let errors = checker.diagnostics.filter { $0.severity == .error }
        return (errors.isEmpty ? checked : nil, [source], errors)
    }
}
