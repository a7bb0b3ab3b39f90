import Foundation
import IncentiveSupport
import IncentiveEngine

/// Small text helpers for terminal tables: display width (CJK counts double) and padding.
enum Text {
    static func width(_ text: String) -> Int { DisplayWidth.of(text) }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - self.width(text)))
        return right ? fill + text : text + fill
    }

    /// A table with a header row, columns padded to their widest cell; `numeric` columns align right.
    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
        var widths = header.map(width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], width(cell)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { pad($1, widths[$0], right: numeric.contains($0)) }.joined(separator: "  ")
                .droppingTrailingWhitespace()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// An amount with thousands separators: 2250000.00 → 2,250,000.00.
    static func money(_ value: ExactDecimal?, digits: Int?) -> String {
        guard let value else { return "—" }
        let text = digits.map { value.formatted(scale: $0) } ?? value.description
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var grouped = ""
        while integer.count > 3 {
            grouped = "," + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        if parts.count == 2 { grouped += "." + parts[1] }
        return (negative ? "-" : "") + grouped
    }
}
