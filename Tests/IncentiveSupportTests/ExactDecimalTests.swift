import Testing
@testable import IncentiveSupport
import TestSupport

private func d(_ text: String) -> ExactDecimal {
    guard let value = ExactDecimal(parsing: text) else {
        Issue.record("test literal did not parse: \(text)")
        return .zero
    }
    return value
}

@Suite struct ExactDecimalTests {
    @Test func pointOnePlusPointTwoIsExactlyPointThree() throws {
        let sum = try #require(d("0.1").adding(d("0.2")))
        #expect(sum == d("0.3"))
        #expect(sum.numerator == 3 && sum.denominator == 10)
        #expect(sum.description == "0.3")
    }

    @Test(arguments: [
        ("0", "0"), ("-0", "0"), ("+0.000", "0"), ("1e3", "1000"), ("1E3", "1000"), ("1.5e3", "1500"),
        ("1.", "1"), (".5", "0.5"), ("-.5", "-0.5"), ("+5", "5"), ("0.045", "0.045"),
        ("2.50", "2.5"), ("007", "7"), ("1e-3", "0.001"), ("-2.5E+2", "-250"), ("12.5e-1", "1.25"),
        ("1e0", "1"), ("400000", "400000"), ("170141183460469231731687303715884105727", "170141183460469231731687303715884105727"),
        ("-170141183460469231731687303715884105727", "-170141183460469231731687303715884105727"),
        ("1e38", "100000000000000000000000000000000000000"),
        ("0.00000000000000000000000000000000000001", "0.00000000000000000000000000000000000001"),
        ("1.0000000000000000000000000000000000000000000000000", "1"),
    ])
    func parsesValid(text: String, expected: String) throws {
        let value = try #require(ExactDecimal(parsing: text))
        #expect(value.description == expected)
    }

    @Test(arguments: [
        "", "-", "+", ".", "-.", "1.2.3", "1,000", " 1", "1 ", "1_000", "e5", "1e", "1e+", "1e-",
        "--1", "+-1", "0x10", "1e5.5", "abc", "1.5e61", "1e-61", "١", "1e0000000000000000000000000000099",
        "170141183460469231731687303715884105728", // Int128.max + 1
        "1e39", "0.000000000000000000000000000000000000001", // denominator 10^39 does not fit
    ])
    func rejectsInvalid(text: String) {
        #expect(ExactDecimal(parsing: text) == nil)
    }

    @Test func normalizesConstruction() throws {
        let x = try #require(ExactDecimal(numerator: 6, denominator: -4))
        #expect(x.numerator == -3 && x.denominator == 2)
        #expect(ExactDecimal(numerator: 1, denominator: 0) == nil)
        #expect(ExactDecimal(numerator: 0, denominator: -7) == .zero)
        #expect(ExactDecimal(numerator: 0, denominator: -7)?.denominator == 1)
        #expect(ExactDecimal(numerator: .min, denominator: 1) == nil)
        #expect(ExactDecimal(numerator: .min, denominator: 2)?.numerator == -(Int128(1) << 126))
        #expect(ExactDecimal(numerator: 5, denominator: .min) == nil)
        #expect(ExactDecimal(Int.min).intValue == Int.min)
    }

    @Test func twelvePercentOfTwentyMillion() throws {
        let r = try #require(d("0.12").multiplying(ExactDecimal(20_000_000)))
        #expect(r == ExactDecimal(2_400_000))
        #expect(r.intValue == 2_400_000)
        #expect(r.description == "2400000")
    }

    @Test func divisionDescriptions() throws {
        let third = try #require(ExactDecimal.one.dividing(ExactDecimal(3)))
        #expect(third.description == "0.3333333333333333333333333333")
        #expect(!third.isTerminating)
        let twoThirds = try #require(ExactDecimal(2).dividing(ExactDecimal(3)))
        #expect(twoThirds.description == "0.6666666666666666666666666667")
        #expect(twoThirds.negated.description == "-0.6666666666666666666666666667")
        #expect(ExactDecimal.one.dividing(.zero) == nil)
        let tiny = try #require(ExactDecimal(numerator: -1, denominator: 3 * 100_000_000_000_000_000_000_000_000_000))
        #expect(tiny.description == "0")   // rounds to zero: no "-0"
    }

    @Test func ratioComparedWithThreePercent() throws {
        let ratio = try #require(ExactDecimal(47_000_000).dividing(ExactDecimal(1_050_000_000)))
        #expect(ratio > d("0.03"))
        #expect(!(ratio <= d("0.03")))
        #expect(ratio == ExactDecimal(numerator: 47, denominator: 1050))
        #expect(ratio < d("0.045"))
    }

    @Test(arguments: [
        // value, scale, halfAway, halfEven, towardZero, down, up
        ("2.5", 0, "3", "2", "2", "2", "3"),
        ("-2.5", 0, "-3", "-2", "-2", "-3", "-2"),
        ("3.5", 0, "4", "4", "3", "3", "4"),
        ("-3.5", 0, "-4", "-4", "-3", "-4", "-3"),
        ("2.4", 0, "2", "2", "2", "2", "3"),
        ("-2.6", 0, "-3", "-3", "-2", "-3", "-2"),
        ("0.125", 2, "0.13", "0.12", "0.12", "0.12", "0.13"),
        ("-0.125", 2, "-0.13", "-0.12", "-0.12", "-0.13", "-0.12"),
        ("0.135", 2, "0.14", "0.14", "0.13", "0.13", "0.14"),
        ("1.005", 2, "1.01", "1", "1", "1", "1.01"),
        ("9.995", 2, "10", "10", "9.99", "9.99", "10"),
        ("-0.004", 2, "0", "0", "0", "-0.01", "0"),
        ("7", 2, "7", "7", "7", "7", "7"),
        ("25", -1, "30", "20", "20", "20", "30"),
        ("-25", -1, "-30", "-20", "-20", "-30", "-20"),
        ("35", -1, "40", "40", "30", "30", "40"),
        ("1250000", -5, "1300000", "1200000", "1200000", "1200000", "1300000"),
        ("1250000.0001", -5, "1300000", "1300000", "1200000", "1200000", "1300000"),
        ("0.3", -1, "0", "0", "0", "0", "10"),
        ("-0.3", -50, "0", "0", "0", "-0", "0"), // "-0" marks expected overflow (nil) below
    ])
    func roundingRules(value: String, scale: Int, halfAway: String, halfEven: String,
                       towardZero: String, down: String, up: String) {
        let x = d(value)
        let cases: [(ExactDecimal.RoundingRule, String)] = [
            (.halfAwayFromZero, halfAway), (.halfEven, halfEven), (.towardZero, towardZero), (.down, down), (.up, up),
        ]
        for (rule, expected) in cases {
            let got = x.rounded(scale: scale, rule)
            if expected == "-0" {
                #expect(got == nil, "\(value) scale \(scale) \(rule)")
            } else {
                #expect(got?.description == expected, "\(value) scale \(scale) \(rule)")
            }
        }
    }

    @Test func roundingThirdsAndDefaults() throws {
        let third = try #require(ExactDecimal.one.dividing(ExactDecimal(3)))
        #expect(third.rounded(scale: 2) == d("0.33"))
        #expect(third.negated.rounded(scale: 4, .down) == d("-0.3334"))
        #expect(third.rounded(scale: 38)?.description == "0.33333333333333333333333333333333333333")
        #expect(third.rounded(scale: 39) == nil)   // 10^39 denominator cannot be represented
        #expect(d("0.5").rounded(scale: 100) == d("0.5"))
        #expect(ExactDecimal(5).rounded(scale: -60, .up) == nil)
        #expect(ExactDecimal(5).rounded(scale: -60, .down) == .zero)
        let max = ExactDecimal(numerator: .max, denominator: 1)!
        #expect(max.rounded(scale: -1) == nil)     // rounds up past Int128.max
        #expect(max.rounded(scale: -1, .down)?.description == "170141183460469231731687303715884105720")
    }

    @Test func floorAndCeiling() throws {
        #expect(d("2.7").floored() == ExactDecimal(2))
        #expect(d("-2.7").floored() == ExactDecimal(-3))
        #expect(d("2.1").ceiled() == ExactDecimal(3))
        #expect(d("-2.1").ceiled() == ExactDecimal(-2))
        #expect(ExactDecimal(-4).floored() == ExactDecimal(-4))
        let maxOverTwo = try #require(ExactDecimal(numerator: .max, denominator: 2))
        #expect(maxOverTwo.ceiled().numerator == Int128.max / 2 + 1)
        #expect(maxOverTwo.negated.floored().numerator == -(Int128.max / 2 + 1))
    }

    @Test(arguments: [
        ("2250000", 2, "2250000.00"), ("-0.005", 2, "-0.01"), ("0.004", 2, "0.00"), ("-0.004", 2, "0.00"),
        ("0.125", 2, "0.13"), ("1.5", 0, "2"), ("-1.5", 0, "-2"), ("0", 3, "0.000"), ("9.9999", 3, "10.000"),
        ("1234.5", -2, "1200"), ("-1250", -2, "-1300"), ("49", -2, "0"), ("0.1", 5, "0.10000"),
    ])
    func formatting(value: String, scale: Int, expected: String) {
        #expect(d(value).formatted(scale: scale) == expected)
    }

    @Test func formattingNonTerminating() throws {
        let twoThirds = try #require(ExactDecimal(-2).dividing(ExactDecimal(3)))
        #expect(twoThirds.formatted(scale: 3) == "-0.667")
        #expect(twoThirds.formatted(scale: 45) == "-0.666666666666666666666666666666666666666666667")
    }

    @Test(arguments: [
        ("-7", "3", "-1"), ("7", "-3", "1"), ("-7", "-3", "-1"), ("7", "3", "1"),
        ("5.5", "2", "1.5"), ("-5.5", "2", "-1.5"), ("6", "3", "0"), ("1", "0.3", "0.1"), ("0.25", "1", "0.25"),
    ])
    func remainderSigns(a: String, b: String, expected: String) throws {
        let r = try #require(d(a).remainder(dividingBy: d(b)))
        #expect(r == d(expected))
    }

    @Test func remainderByZeroIsNil() {
        #expect(ExactDecimal(5).remainder(dividingBy: .zero) == nil)
    }

    @Test func overflowReturnsNil() throws {
        let big = d("1e38")
        #expect(big.multiplying(big) == nil)
        #expect(big.adding(big) == nil)
        #expect(big.adding(d("1e38").negated) == .zero)
        let max = ExactDecimal(numerator: .max, denominator: 1)!
        #expect(max.adding(.one) == nil)
        #expect(max.negated.subtracting(.one) == nil)    // would be Int128.min: not representable
        #expect(max.adding(max.negated) == .zero)
        #expect(ExactDecimal(2).power(127) == nil)
        #expect(ExactDecimal(2).power(126)?.numerator == Int128(1) << 126)
        #expect(ExactDecimal.one.dividing(max)?.dividing(max) == nil)
    }

    @Test func exactSlowPathsAvoidSpuriousOverflow() throws {
        let max = ExactDecimal(numerator: .max, denominator: 1)!
        let x = try #require(max.dividing(ExactDecimal(3)))          // max/3, max divisible by 7 but not 3
        let y = try #require(max.negated.dividing(ExactDecimal(2)).flatMap { $0.adding(.one) })
        // x + y = max/3 - max/2 + 1 = 1 - max/6; intermediate max·2 overflows Int128.
        let sum = try #require(x.adding(y))
        let maxSixth = try #require(max.dividing(ExactDecimal(6)))
        let expected = try #require(ExactDecimal.one.subtracting(maxSixth))
        #expect(sum == expected)
        // Remainder where lcm-scaled operands overflow: max % (max/2) = 1? (max odd: max = 2·(max/2) + 1 with exact halves)
        let half = try #require(ExactDecimal(numerator: .max, denominator: 2))
        let r = try #require(max.remainder(dividingBy: half))
        #expect(r == .zero)   // max / (max/2) = 2 exactly
        let third = try #require(ExactDecimal(numerator: .max - 1, denominator: 3))
        let r2 = try #require(ExactDecimal(numerator: .max, denominator: 5).flatMap { $0.remainder(dividingBy: third) })
        #expect(r2 == ExactDecimal(numerator: .max, denominator: 5))  // |dividend| < |divisor|
    }

    @Test func comparisonNearOverflowDoesNotTrap() throws {
        let max = ExactDecimal(numerator: .max, denominator: 1)!
        let a = try #require(ExactDecimal(numerator: .max, denominator: .max - 1))
        let b = try #require(ExactDecimal(numerator: .max - 1, denominator: .max - 2))
        // (m)/(m-1) < (m-1)/(m-2) since 1 + 1/(m-1) < 1 + 1/(m-2)
        #expect(a < b)
        #expect(!(b < a))
        #expect(b.negated < a.negated)
        #expect(max.negated < ExactDecimal(numerator: 1, denominator: .max)!.negated)
        #expect(ExactDecimal(numerator: 1, denominator: .max)! < ExactDecimal(numerator: 1, denominator: .max - 1)!)
        #expect([max, .zero, max.negated, a, b.negated].sorted() == [max.negated, b.negated, .zero, a, max])
    }

    @Test(arguments: [("0", "0"), ("-0.5", "-0.5"), ("1e3", "1000"), ("0.3", "0.3"), ("-1.5", "-1.5"),
                      ("400000", "400000"), ("0.045", "0.045"), ("100", "100"), ("-0.0001", "-0.0001")])
    func descriptions(text: String, expected: String) {
        #expect(d(text).description == expected)
    }

    @Test func descriptionOfBinaryFraction() throws {
        let x = try #require(ExactDecimal(numerator: 1, denominator: Int128(1) << 40))
        #expect(x.description == "0.0000000000009094947017729282379150390625")
        #expect(x.isTerminating)
    }

    @Test func propertiesAndPower() throws {
        let x = d("-2.5")
        #expect(x.magnitude == d("2.5"))
        #expect(x.negated == d("2.5"))
        #expect(x.isNegative && !x.isZero && !x.isInteger && x.signum == -1)
        #expect(ExactDecimal.zero.signum == 0 && ExactDecimal.zero.isZero && !ExactDecimal.zero.isNegative)
        #expect(ExactDecimal.one.signum == 1)
        #expect(d("2.5").intValue == nil)
        #expect(d("1e20").intValue == nil)
        #expect(d("-42").intValue == -42)
        #expect(d("1.1").power(2) == d("1.21"))
        #expect(d("2").power(-3) == d("0.125"))
        #expect(d("-0.5").power(-3) == ExactDecimal(-8))
        #expect(ExactDecimal.zero.power(-1) == nil)
        #expect(ExactDecimal.zero.power(0) == .one)
        #expect(ExactDecimal(-1).power(Int.min) == .one)
        #expect(ExactDecimal(-1).power(Int.max) == ExactDecimal(-1))
        #expect(d("1.0001").power(Int.max) == nil)
        #expect(Set([d("0.50"), d("0.5"), d(".5")]).count == 1)
    }

    /// Binary GCD against Euclid's, in 64 and 128 bits, with shared powers of two and zeros.
    @Test func binaryGCDAgreesWithEuclid() {
        func euclid(_ a: UInt128, _ b: UInt128) -> UInt128 {
            var a = a, b = b
            while b != 0 { (a, b) = (b, a % b) }
            return a
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        var cases: [(UInt128, UInt128)] = [(0, 0), (0, 7), (7, 0), (1, 1), (12, 18), (1 << 100, 1 << 70), (UInt128(UInt64.max) + 1, 6)]
        for _ in 0..<2000 {
            let shift = UInt128(next() % 20)
            let a = UInt128(next() % 1_000_000) << shift, b = UInt128(next() % 1_000_000) << shift
            cases.append((a, b))
            cases.append((UInt128(next()) << 40 | UInt128(next()), UInt128(next()) << (next() % 2 == 0 ? 30 : 0)))
            cases.append((UInt128(next()), UInt128(next() % 1000)))
        }
        for (a, b) in cases { #expect(gcd(a, b) == euclid(a, b), "gcd(\(a), \(b))") }
    }

    /// Orderings of fractions whose parts fit in 64 bits (compared in 128) agree with the 256-bit
    /// comparison, at and around the 64-bit edge, for both signs.
    @Test func orderingIn128BitsAgreesWith256() throws {
        var random = SplitMix64(seed: 0x2545_F491_4F6C_DD1D)
        func next() -> UInt64 { random.next() }
        func part() -> Int128 {
            switch next() % 4 {
            case 0: return Int128(next() % 1000) + 1
            case 1: return Int128(UInt64.max) - Int128(next() % 3)
            case 2: return Int128(UInt64.max) + 1 + Int128(next() % 3)
            default: return Int128(next() >> 1) + 1
            }
        }
        var compared = 0
        for _ in 0..<3000 {
            let sign: Int128 = next() % 2 == 0 ? 1 : -1
            guard let a = ExactDecimal(numerator: sign * part(), denominator: part()),
                  let b = ExactDecimal(numerator: sign * part(), denominator: part()) else { continue }
            let l = U256.product(a.numerator.magnitude, UInt128(b.denominator)), r = U256.product(b.numerator.magnitude, UInt128(a.denominator))
            let expected = a.isNegative ? r < l : l < r
            #expect((a < b) == expected, "\(a) < \(b)")
            compared += 1
        }
        #expect(compared > 2500)
    }

    /// Products, quotients and sums of fractions whose parts fit in 64 bits (cross-reduced, not
    /// normalized again) are the fractions of the plain products, in lowest terms, for both signs.
    @Test func arithmeticIn64BitPartsIsInLowestTerms() throws {
        var random = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        func next() -> UInt64 { random.next() }
        func part() -> Int128 {
            switch next() % 3 {
            case 0: return Int128(next() % 1000) + 1
            case 1: return Int128(next() % 100_000) * 10_000 + 1
            default: return Int128(next() >> 2) + 1
            }
        }
        for _ in 0..<3000 {
            let (a, b, c, d) = (part(), part(), part(), part())
            let sign: Int128 = next() % 2 == 0 ? 1 : -1
            let x = try #require(ExactDecimal(numerator: sign * a, denominator: b)), y = try #require(ExactDecimal(numerator: c, denominator: d))
            // The plain products, reduced by the general constructor (a gcd of the whole).
            let product = try #require(ExactDecimal(numerator: x.numerator * y.numerator, denominator: x.denominator * y.denominator))
            let quotient = try #require(ExactDecimal(numerator: x.numerator * y.denominator, denominator: x.denominator * y.numerator))
            #expect(x.multiplying(y) == product, "\(x) · \(y)")
            #expect(x.dividing(y) == quotient, "\(x) / \(y)")
            // Sums too, over different denominators and over one the two share.
            let sum = try #require(ExactDecimal(numerator: x.numerator * y.denominator + y.numerator * x.denominator, denominator: x.denominator * y.denominator))
            #expect(x.adding(y) == sum, "\(x) + \(y)")
            let sameDenominator = try #require(ExactDecimal(numerator: c, denominator: b))
            let shared = try #require(ExactDecimal(numerator: x.numerator * sameDenominator.denominator + sameDenominator.numerator * x.denominator,
                                                   denominator: x.denominator * sameDenominator.denominator))
            #expect(x.adding(sameDenominator) == shared, "\(x) + \(sameDenominator)")
            #expect(x.subtracting(x) == .zero)
        }
    }

    /// The whole-number fast paths overflow exactly where the general path does, never to Int128.min.
    @Test func wholeNumberFastPathsAtTheEdge() throws {
        let max = ExactDecimal(uncheckedNumerator: .max, denominator: 1)
        #expect(max.adding(.one) == nil)
        #expect(max.negated.adding(ExactDecimal(-1)) == nil)
        #expect(max.multiplying(ExactDecimal(2)) == nil)
        #expect(max.negated.multiplying(.one) == max.negated)
        #expect(try #require(max.adding(ExactDecimal(-1))).numerator == Int128.max - 1)
        #expect(ExactDecimal(3).multiplying(ExactDecimal(-4)) == ExactDecimal(-12))
        #expect(ExactDecimal(3).adding(ExactDecimal(-3)) == .zero)
        #expect(try #require(d("0.5").adding(ExactDecimal(2))) == d("2.5"))
    }
}
