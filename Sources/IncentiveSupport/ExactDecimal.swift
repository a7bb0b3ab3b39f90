/// An exact rational number for money and rates. Never passes through binary floating point.
///
/// Stored as `numerator / denominator` in `Int128`, always normalized:
/// `denominator > 0`, `gcd(|numerator|, denominator) == 1`, zero is `0/1`, and
/// `numerator != Int128.min` (so negation and magnitude can never overflow).
///
/// Every arithmetic operation reports overflow by returning `nil` instead of trapping.
/// Intermediate results are computed exactly (falling back to 256-bit arithmetic), so `nil`
/// means the exact, fully reduced result itself does not fit in `Int128`.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Int128
    public let denominator: Int128

    /// Caller guarantees the invariants.
    init(uncheckedNumerator numerator: Int128, denominator: Int128) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public init(_ value: Int) {
        self.init(uncheckedNumerator: Int128(value), denominator: 1)
    }

    /// `nil` if `denominator` is 0, or if the normalized value is not representable
    /// (only possible when `Int128.min` is involved and cannot be reduced away).
    public init?(numerator: Int128, denominator: Int128) {
        guard denominator != 0,
              let value = ExactDecimal.make(
                  negative: (numerator < 0) != (denominator < 0),
                  magnitude: numerator.magnitude,
                  denominator: denominator.magnitude)
        else { return nil }
        self = value
    }

    public static let zero = ExactDecimal(uncheckedNumerator: 0, denominator: 1)
    public static let one = ExactDecimal(uncheckedNumerator: 1, denominator: 1)

    /// Builds a normalized value from sign and magnitudes; `nil` if denominator is 0 or the
    /// reduced parts exceed `Int128.max`.
    static func make(negative: Bool, magnitude: UInt128, denominator: UInt128) -> ExactDecimal? {
        guard denominator != 0 else { return nil }
        if magnitude == 0 { return .zero }
        let g = gcd(magnitude, denominator)
        let m = g == 1 ? magnitude : magnitude / g
        let d = g == 1 ? denominator : denominator / g
        let limit = UInt128(Int128.max)
        guard m <= limit, d <= limit else { return nil }
        return ExactDecimal(uncheckedNumerator: negative ? -Int128(m) : Int128(m), denominator: Int128(d))
    }

    // MARK: - Properties

    public var negated: ExactDecimal {
        ExactDecimal(uncheckedNumerator: -numerator, denominator: denominator)
    }

    public var magnitude: ExactDecimal {
        ExactDecimal(uncheckedNumerator: numerator < 0 ? -numerator : numerator, denominator: denominator)
    }

    public var isZero: Bool { numerator == 0 }
    public var isNegative: Bool { numerator < 0 }
    public var isInteger: Bool { denominator == 1 }
    public var signum: Int { numerator < 0 ? -1 : (numerator == 0 ? 0 : 1) }

    /// True when the value has a finite decimal expansion (denominator is 2^a · 5^b).
    public var isTerminating: Bool {
        ExactDecimal.decimalDigitsNeeded(UInt128(denominator)) != nil
    }

    /// The value as `Int`, only if it is an integer that fits.
    public var intValue: Int? {
        guard isInteger else { return nil }
        return Int(exactly: numerator)
    }

    /// Largest integer ≤ self. Cannot overflow.
    public func floored() -> ExactDecimal {
        if denominator == 1 { return self }
        // Truncating division; |q| <= Int128.max / 2 because denominator >= 2.
        let q = numerator / denominator
        return ExactDecimal(numerator < 0 ? q - 1 : q)
    }

    /// Smallest integer ≥ self. Cannot overflow.
    public func ceiled() -> ExactDecimal {
        if denominator == 1 { return self }
        let q = numerator / denominator
        return ExactDecimal(numerator > 0 ? q + 1 : q)
    }

    init(_ value: Int128) {
        // Callers pass values with |value| <= Int128.max.
        self.init(uncheckedNumerator: value, denominator: 1)
    }

    // MARK: - Comparable

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        // Whole numbers (most amounts and counts) and equal denominators compare directly.
        if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
        let ls = lhs.signum, rs = rhs.signum
        if ls != rs { return ls < rs }
        if ls == 0 { return false }
        // Same non-zero sign: compare |a|·d with |c|·b exactly; in 128 bits when all four parts
        // fit in 64 (ratios of amounts, rates), else in 256.
        let a = lhs.numerator.magnitude, b = UInt128(lhs.denominator), c = rhs.numerator.magnitude, d = UInt128(rhs.denominator)
        if (a | b | c | d) >> 64 == 0 {
            let l = a &* d, r = c &* b
            return ls > 0 ? l < r : r < l
        }
        let l = U256.product(lhs.numerator.magnitude, UInt128(rhs.denominator))
        let r = U256.product(rhs.numerator.magnitude, UInt128(lhs.denominator))
        return ls > 0 ? l < r : r < l
    }

    // MARK: - Helpers

    /// If `d == 2^a · 5^b`, returns `max(a, b)` (fractional digits of the exact expansion), else nil.
    static func decimalDigitsNeeded(_ d: UInt128) -> Int? {
        var d = d
        var twos = 0, fives = 0
        while d % 2 == 0 { d /= 2; twos += 1 }
        while d % 5 == 0 { d /= 5; fives += 1 }
        return d == 1 ? max(twos, fives) : nil
    }

    /// 10^k as UInt128 for 0 <= k <= 38, else nil.
    static func powerOfTen(_ k: Int) -> UInt128? {
        guard k >= 0, k <= 38 else { return nil }
        var p: UInt128 = 1
        for _ in 0..<k { p *= 10 }
        return p
    }
}

@inline(__always)
/// Binary GCD (Stein): shifts and subtractions only, in 64 bits when both fit. A 128-bit `%` is
/// a library call, and the batch reduces millions of fractions.
func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
    if a == 0 { return b }
    if b == 0 { return a }
    if a == 1 || b == 1 { return 1 }
    if a >> 64 == 0, b >> 64 == 0 { return UInt128(gcd64(UInt64(a), UInt64(b))) }
    var a = a, b = b
    let shift = (a | b).trailingZeroBitCount
    a >>= a.trailingZeroBitCount
    repeat {
        b >>= b.trailingZeroBitCount
        if a > b { swap(&a, &b) }
        b -= a
    } while b != 0
    return a << shift
}

/// Binary GCD of two non-zero 64-bit values.
func gcd64(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var a = a, b = b
    let shift = (a | b).trailingZeroBitCount
    a >>= a.trailingZeroBitCount
    repeat {
        b >>= b.trailingZeroBitCount
        if a > b { swap(&a, &b) }
        b -= a
    } while b != 0
    return a << shift
}

// MARK: - Parsing

extension ExactDecimal {
    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]` (at least one mantissa digit; `.5` and `5.`
    /// accepted). No whitespace, `_` or `,`. `nil` on bad syntax, |exponent| > 60, or if the value
    /// does not fit.
    public init?(parsing text: String) {
        // A whole number of at most 18 digits (policy literals, most cells) fits an Int: read it
        // without the general path's arrays and 128-bit arithmetic; the value is the same.
        let utf8 = text.utf8
        if !utf8.isEmpty, utf8.count <= 18, utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            self.init(uncheckedNumerator: Int128(utf8.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }), denominator: 1)
            return
        }
        self.init(parsingGeneral: text)
    }

    /// Every form `init(parsing:)` accepts.
    init?(parsingGeneral text: String) {
        let bytes = Array(text.utf8)
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissaDigits: [UInt8] = []   // integer digits followed by fraction digits
        var fractionCount = 0
        var sawDigit = false
        while i < bytes.count, let digit = ExactDecimal.digitValue(bytes[i]) {
            mantissaDigits.append(digit); sawDigit = true; i += 1
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, let digit = ExactDecimal.digitValue(bytes[i]) {
                mantissaDigits.append(digit); fractionCount += 1; sawDigit = true; i += 1
            }
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var sawExpDigit = false
            while i < bytes.count, let digit = ExactDecimal.digitValue(bytes[i]) {
                sawExpDigit = true
                if exponent <= 1000 { exponent = exponent * 10 + Int(digit) }  // clamp, checked below
                i += 1
            }
            guard sawExpDigit else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == bytes.count, abs(exponent) <= 60 else { return nil }

        // Strip leading zeros; move trailing zeros into the exponent.
        var start = 0
        while start < mantissaDigits.count, mantissaDigits[start] == 0 { start += 1 }
        if start == mantissaDigits.count { self = .zero; return }
        var end = mantissaDigits.count
        var scale = exponent - fractionCount   // value = M · 10^scale
        while mantissaDigits[end - 1] == 0 { end -= 1; scale += 1 }
        var m: UInt128 = 0
        for digit in mantissaDigits[start..<end] {
            let (t, o1) = m.multipliedReportingOverflow(by: 10)
            let (u, o2) = t.addingReportingOverflow(UInt128(digit))
            guard !o1, !o2 else { return nil }
            m = u
        }
        if scale >= 0 {
            guard let p = ExactDecimal.powerOfTen(scale) else { return nil }
            let (v, o) = m.multipliedReportingOverflow(by: p)
            guard !o, let value = ExactDecimal.make(negative: negative, magnitude: v, denominator: 1)
            else { return nil }
            self = value
        } else {
            guard let p = ExactDecimal.powerOfTen(-scale),
                  let value = ExactDecimal.make(negative: negative, magnitude: m, denominator: p)
            else { return nil }
            self = value
        }
    }

    @inline(__always)
    static func digitValue(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }
}
