/// One policy source: its name as shown in diagnostics and its text, with line starts indexed so
/// that an offset turns into `line:column` without rescanning.
public struct SourceFile: Sendable {
    public let name: String
    public let text: String
    /// The text as Unicode scalars: offsets in `SourceRange` index into this array.
    let scalars: [Unicode.Scalar]
    private let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        // Line endings are normalized so CRLF files give the same columns, digests and ranges.
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        self.text = normalized
        self.scalars = Array(normalized.unicodeScalars)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    /// 1-based line and column (in characters) of a scalar offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// The text of a 1-based line, without its newline.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let start = lineStarts[number - 1]
        var end = start
        while end < scalars.count, scalars[end] != "\n" { end += 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    /// The source text of a range.
    public func slice(_ range: SourceRange) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[max(0, range.start)..<min(scalars.count, range.end)])
        return String(view)
    }
}
