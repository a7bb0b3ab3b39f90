import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespaces)`, without a trip through NSString when there is
    /// nothing to trim (first and last scalars are not whitespace) — the usual case for a CSV cell,
    /// where Foundation's version dominated the time to read a batch. Same result in every case:
    /// other strings take Foundation's path.
    @inlinable public func trimmingWhitespace() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        // `.whitespaces` (tab and the space separators) is a subset of `isWhitespace`. Printable
        // ASCII other than space, and Chinese, are decided without the Unicode property tables.
        if Self.surelyNotWhitespace(first), Self.surelyNotWhitespace(last) { return self }
        if !first.properties.isWhitespace, !last.properties.isWhitespace { return self }
        return trimmingCharacters(in: .whitespaces)
    }

    /// Printable ASCII but space, and everything above U+3000 (the last scalar with the Unicode
    /// White_Space property): Chinese names and addresses are decided here too.
    @inlinable static func surelyNotWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value > 0x20 && scalar.value < 0x7F) || scalar.value > 0x3000
    }
}

extension String {
    /// `replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)` without a regular
    /// expression (compiling one started ICU's regex engine, a tenth of a cold `estimate`). Table
    /// padding is spaces: they are dropped when what is left ends in a scalar that is no kind of
    /// whitespace, so no `\s` or line end sits before them; any other line takes the expression.
    public func droppingTrailingWhitespace() -> String {
        let scalars = unicodeScalars
        var end = scalars.endIndex
        while end > scalars.startIndex, scalars[scalars.index(before: end)] == " " { end = scalars.index(before: end) }
        guard end > scalars.startIndex else { return "" }
        if scalars[scalars.index(before: end)].properties.isWhitespace {
            return replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return end == scalars.endIndex ? self : String(scalars[..<end])
    }
}
