import Foundation
import IncentiveSupport
import PolicyLanguage
import Testing

/// `Title(parsing:)` trims with `trimmingWhitespace`, which must give what
/// `trimmingCharacters(in: .whitespaces)` gave, spaces of every kind included.
@Suite struct TitleParsingTests {
    static let cases = [
        "tech-sme@2023", " tech-sme @ 2023 ", "\ttech-sme@\t2023-12-08\t", "\u{3000}科技型中小企业\u{3000}@2023\u{A0}",
        "hte@ 2021-1-5", "\u{2003}hte\u{2003}@\u{2003}2020", "hte\n@2020", "hte@2020\n", "@2020", " @2020", "hte@", "hte@20x0",
        "hte@2020@2021", "hte@999", "hte@0999",
    ]

    @Test("titles are trimmed as Foundation trims whitespaces", arguments: cases)
    func trims(_ text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let title = Title(parsing: text)
        guard parts.count == 2, !parts[0].isEmpty else {
            #expect(title == nil)
            return
        }
        let name = String(parts[0]).trimmingCharacters(in: .whitespaces)
        let when = String(parts[1]).trimmingCharacters(in: .whitespaces)
        if when.count == 4, let year = Int(when), year >= 1000 {
            #expect(title?.name == name)
            #expect(title?.year == year)
        } else if CivilDate(parsing: when) != nil {
            #expect(title?.name == name)
            #expect(title?.date != nil && title?.date == CivilDate(parsing: when))
        } else {
            #expect(title == nil)
        }
    }
}
