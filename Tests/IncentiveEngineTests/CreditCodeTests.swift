@testable import IncentiveEngine
import TestSupport
import Testing

/// The batch's check of a credit code (`CreditCode.isValid`, by arithmetic, no table) agrees with
/// the GB 32100 definition written out with the alphabet and weight tables: every code it makes
/// valid passes, every single changed character fails, every character outside the alphabet fails.
@Suite struct CreditCodeTests {
    static func code(_ random: inout SplitMix64) -> [Character] {
        var characters = (0..<17).map { _ in CreditCode.alphabet[random.below(31)] }
        let sum = (0..<17).reduce(0) { $0 + CreditCode.alphabet.firstIndex(of: characters[$1])! * CreditCode.weights[$1] }
        characters.append(CreditCode.alphabet[(31 - sum % 31) % 31])
        return characters
    }

    @Test("valid codes pass; a changed character or one outside the alphabet fails")
    func agreesWithTheTables() {
        var random = SplitMix64(seed: 32100)
        for _ in 0..<300 {
            let code = Self.code(&random)
            #expect(CreditCode.isValid(String(code)), "\(String(code))")
            #expect(CreditCode.problem(with: String(code)) == nil)
            var changed = code
            let place = random.below(18)
            changed[place] = CreditCode.alphabet.filter { $0 != code[place] }[random.below(30)]
            #expect(!CreditCode.isValid(String(changed)), "\(String(changed))")
            for outside: Character in ["I", "O", "S", "V", "Z", "a", " ", "中", "@", "["] {
                var bad = code
                bad[random.below(18)] = outside
                #expect(!CreditCode.isValid(String(bad)), "\(String(bad))")
                #expect(CreditCode.problem(with: String(bad)) != nil)
            }
        }
        #expect(!CreditCode.isValid("91330726000000000"))
        #expect(!CreditCode.isValid("91330726000000000XX"))
    }
}
