import IncentiveSupport

/// Prints diagnostics the way compilers do: `file:line:col: error[code]: message`, the source
/// line, and a caret line under the span; then a `help:` line with the suggestion.
///
/// The message and the suggestion follow the language asked for (`--lang`); everything a tool or
/// a reader's eye anchors on stays the same in both: `error[code]`, `file:line:col`, the source
/// line and the caret.
public struct DiagnosticRenderer: Sendable {
    public let sources: [SourceFile]
    public let english: Bool

    public init(sources: [SourceFile], english: Bool) {
        self.sources = sources
        self.english = english
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let severity = diagnostic.severity.rawValue
        let message = diagnostic.text.text(english: english)
        let help = diagnostic.help.map { (english ? "help: " : "提示：") + $0.text(english: english) }
        guard diagnostic.range.file >= 0, diagnostic.range.file < sources.count else {
            var text = "\(severity)[\(diagnostic.code)]: \(message)"
            if let help { text += "\n  \(help)" }
            return text
        }
        let source = sources[diagnostic.range.file]
        let (line, column) = source.location(of: diagnostic.range.start)
        let lineText = source.line(line)
        let (endLine, endColumn) = source.location(of: max(diagnostic.range.start, diagnostic.range.end))
        // As many carets as the span is wide on screen: a Chinese character takes two columns.
        let spanEnd = endLine == line ? endColumn - 1 : lineText.count
        let spanned = String(lineText.dropFirst(column - 1).prefix(max(0, spanEnd - column + 1)))
        let width = max(1, DisplayWidth.of(spanned))
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        var text = "\(source.name):\(line):\(column): \(severity)[\(diagnostic.code)]: \(message)\n"
        text += "\(pad) |\n"
        text += "\(gutter) | \(lineText)\n"
        text += "\(pad) | \(caretIndent(lineText, column: column))\(String(repeating: "^", count: width))"
        if let help { text += "\n\(pad) = \(help)" }
        return text
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        Diagnostic.sorted(diagnostics).map(render).joined(separator: "\n\n")
    }

    /// Spaces up to the column, keeping tabs so the caret lines up; wide (CJK) characters count
    /// double, as terminals draw them.
    private func caretIndent(_ line: String, column: Int) -> String {
        var indent = ""
        for character in line.prefix(column - 1) {
            if character == "\t" {
                indent += "\t"
            } else if character.unicodeScalars.first.map(DisplayWidth.isWide) == true {
                indent += "  "
            } else {
                indent += " "
            }
        }
        return indent
    }
}
