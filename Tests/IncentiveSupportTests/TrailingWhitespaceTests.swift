import Foundation
import IncentiveSupport
import Testing

/// `droppingTrailingWhitespace()` replaced a regular expression in table rendering; it must give
/// the expression's result on padded cells, Chinese text, and every kind of whitespace or line end.
@Suite struct TrailingWhitespaceTests {
    static let cases = [
        "", " ", "   ", "a", "a ", "a   ", " a", "规则  名称  ", "金额（元）\u{3000} ", "a\t  ", "a\n  ", "a\n", "a\r\n ", "a \n",
        "a\u{85} ", "a\u{2028}  ", "a\u{A0}  ", "a\u{0B} ", "a\u{0C}", "a \u{200B} ", "— ", "x  —  ", "a\u{FEFF} ", "😀  ", "e\u{301}  ",
        "a \t \u{3000}", "a\n\n ", " \n ",
    ]

    @Test("drops what `\\s+$` matched", arguments: cases)
    func matchesRegularExpression(_ line: String) {
        #expect(line.droppingTrailingWhitespace() == line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
    }
}
