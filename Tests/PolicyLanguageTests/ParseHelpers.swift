import PolicyLanguage

/// Parses one expression for a test; nil and the diagnostics when it does not parse.
func parse(_ text: String) -> (expr: Expr?, diagnostics: [Diagnostic]) {
    let (expr, diagnostics) = Parser.parseExpression(SourceFile(name: "<test>", text: text), file: 0)
    return (diagnostics.isEmpty ? expr : nil, diagnostics)
}

/// The parsed tree without ranges, printed back: a compact way to state how text was grouped.
func reprint(_ text: String) -> String? {
    parse(text).expr.map(ExprPrinter.print)
}
