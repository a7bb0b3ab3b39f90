// Rounding, formatting and description for ExactDecimal.

extension ExactDecimal {
    public enum RoundingRule: Sendable {
        case halfAwayFromZero
        case halfEven
        case towardZero
        /// Floor (toward negative infinity).
        case down
        /// Ceiling (toward positive infinity).
        case up
    }

    /// Where the discarded part of a magnitude lies relative to one unit of the last kept digit.
    enum Discarded { case zero, belowHalf, half, aboveHalf }

    static func roundsAway(_ discarded: Discarded, negative: Bool, lastDigitOdd: Bool, rule: RoundingRule) -> Bool {
        if discarded == .zero { return false }
        switch rule {
        case .towardZero: return false
        case .halfAwayFromZero: return discarded != .belowHalf
        case .halfEven: return discarded == .aboveHalf || (discarded == .half && lastDigitOdd)
        case .down: return negative
        case .up: return !negative
        }
    }

    /// |self| rounded (by `rule`, applied to the signed value) to `scale >= 0` fractional digits,
    /// as an integer part and exactly `scale` digits. Never overflows.
    func roundedDigits(scale: Int, _ rule: RoundingRule) -> (negative: Bool, integer: UInt128, digits: [UInt8]) {
        let n = numerator.magnitude, d = UInt128(denominator)
        var integer = n / d
        var r = n % d
        var digits: [UInt8] = []
        digits.reserveCapacity(scale)
        while digits.count < scale {
            if r == 0 {
                digits.append(contentsOf: repeatElement(0, count: scale - digits.count))
                break
            }
            // r < d, so r·10 / d < 10 and the full-width division cannot overflow.
            let wide = r.multipliedFullWidth(by: 10)
            let (q, rem) = d.dividingFullWidth((high: wide.high, low: wide.low))
            digits.append(UInt8(q))
            r = rem
        }
        let discarded: Discarded
        if r == 0 {
            discarded = .zero
        } else {
            let twice = r << 1   // r < d <= Int128.max, so no overflow
            discarded = twice < d ? .belowHalf : (twice == d ? .half : .aboveHalf)
        }
        let lastOdd = scale > 0 ? digits[scale - 1] & 1 == 1 : integer & 1 == 1
        if ExactDecimal.roundsAway(discarded, negative: isNegative, lastDigitOdd: lastOdd, rule: rule) {
            var i = scale - 1
            while i >= 0 {
                if digits[i] == 9 { digits[i] = 0; i -= 1 } else { digits[i] += 1; break }
            }
            if i < 0 { integer += 1 }   // integer <= Int128.max, so +1 fits in UInt128
        }
        return (isNegative, integer, digits)
    }

    /// |self| rounded to a multiple of 10^(-scale) for `scale < 0`: returns the count of such units
    /// (never overflows; the unit count is at most `|self| / 10^-scale + 1`).
    func roundedUnits(negativeScale scale: Int, _ rule: RoundingRule) -> (negative: Bool, units: UInt128) {
        let n = numerator.magnitude, d = UInt128(denominator)
        guard let unit = ExactDecimal.powerOfTen(-scale) else {
            // 10^-scale > 10^38 > 2·|self|: everything is below half a unit.
            let away = ExactDecimal.roundsAway(isZero ? .zero : .belowHalf, negative: isNegative,
                                               lastDigitOdd: false, rule: rule)
            return (isNegative, away ? 1 : 0)
        }
        let q = n / d, r = n % d
        var units = q / unit
        let rest = q % unit   // |self| / unit = units + (rest + r/d) / unit
        let discarded: Discarded
        if rest == 0 && r == 0 {
            discarded = .zero
        } else if rest << 1 < unit {   // unit is even, so 2·rest < unit implies 2·rest + 2r/d < unit
            discarded = .belowHalf
        } else if rest << 1 > unit {
            discarded = .aboveHalf
        } else {
            discarded = r == 0 ? .half : .aboveHalf
        }
        if ExactDecimal.roundsAway(discarded, negative: isNegative, lastDigitOdd: units & 1 == 1, rule: rule) {
            units += 1
        }
        return (isNegative, units)
    }

    /// Rounds to `scale` digits after the point (negative `scale` rounds to tens, hundreds, …).
    /// `nil` if the rounded value does not fit. Scales above 38 return `self` when it already has
    /// at most `scale` fractional digits; otherwise results needing more than 38 fractional digits
    /// are reported as `nil`.
    public func rounded(scale: Int, _ rule: RoundingRule = .halfAwayFromZero) -> ExactDecimal? {
        if scale < 0 {
            let (negative, units) = roundedUnits(negativeScale: scale, rule)
            if units == 0 { return .zero }
            guard let unit = ExactDecimal.powerOfTen(-scale) else { return nil }
            let (value, overflow) = units.multipliedReportingOverflow(by: unit)
            guard !overflow else { return nil }
            return ExactDecimal.make(negative: negative, magnitude: value, denominator: 1)
        }
        if let needed = ExactDecimal.decimalDigitsNeeded(UInt128(denominator)), needed <= scale {
            return self
        }
        let (negative, integer, digits) = roundedDigits(scale: scale, rule)
        var k = digits.count
        while k > 0, digits[k - 1] == 0 { k -= 1 }
        guard let p = ExactDecimal.powerOfTen(k) else { return nil }
        var f: UInt128 = 0
        for digit in digits[0..<k] { f = f * 10 + UInt128(digit) }   // k <= 38 digits: fits
        // value = integer + f / 10^k; with g = gcd(f, 10^k) this is
        // (integer·(10^k/g) + f/g) / (10^k/g), already in lowest terms.
        let g = gcd(f, p)
        let den = p / g
        let (scaled, o1) = integer.multipliedReportingOverflow(by: den)
        let (num, o2) = scaled.addingReportingOverflow(f / g)
        guard !o1, !o2 else { return nil }
        return ExactDecimal.make(negative: negative, magnitude: num, denominator: den)
    }

    /// Rounds half away from zero to exactly `scale` fractional digits and prints them
    /// ("2250000.00"). Never prints "-0…". A negative `scale` rounds to tens, hundreds, … and
    /// prints an integer.
    public func formatted(scale: Int) -> String {
        if scale < 0 {
            let (negative, units) = roundedUnits(negativeScale: scale, .halfAwayFromZero)
            if units == 0 { return "0" }
            return (negative ? "-" : "") + String(units) + String(repeating: "0", count: -scale)
        }
        let (negative, integer, digits) = roundedDigits(scale: scale, .halfAwayFromZero)
        return ExactDecimal.render(negative: negative, integer: integer, digits: digits[...])
    }

    /// Exact minimal decimal when terminating ("0.3", "-1.5", "400000"); otherwise rounded half-even
    /// to 28 fractional digits with trailing zeros trimmed.
    public var description: String {
        let scale = ExactDecimal.decimalDigitsNeeded(UInt128(denominator)) ?? 28
        let (negative, integer, digits) = roundedDigits(scale: scale, .halfEven)
        var k = digits.count
        while k > 0, digits[k - 1] == 0 { k -= 1 }
        return ExactDecimal.render(negative: negative, integer: integer, digits: digits[0..<k])
    }

    static func render(negative: Bool, integer: UInt128, digits: ArraySlice<UInt8>) -> String {
        let isZero = integer == 0 && digits.allSatisfy { $0 == 0 }
        var text = (negative && !isZero) ? "-" : ""
        text += String(integer)
        if !digits.isEmpty {
            text += "."
            text.unicodeScalars.append(contentsOf: digits.map { Unicode.Scalar(UInt8(ascii: "0") + $0) })
        }
        return text
    }
}

extension ExactDecimal {
    /// `formatted(scale:)`'s text appended as bytes, without building a string for the usual
    /// amount (a whole number of yuan or fen that fits in 64 bits): the batch writes millions.
    public func appendFormatted(scale: Int, to bytes: inout [UInt8]) {
        guard scale >= 0, scale <= 18, let power = ExactDecimal.powerOfTen64(scale), power % UInt64(denominator) == 0,
              numerator.magnitude <= UInt128(UInt64.max / power) else {
            bytes.append(contentsOf: formatted(scale: scale).utf8)
            return
        }
        let units = UInt64(numerator.magnitude) * (power / UInt64(denominator))
        if numerator < 0 { bytes.append(0x2D) }
        // Digits from the last, written backwards into a buffer on the stack (at most 20 digits
        // of a UInt64, a point, and zeros up to the scale), then appended at once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var start = buffer.count, written = 0, rest = units
            repeat {
                start -= 1
                buffer[start] = 0x30 + UInt8(rest % 10)
                rest /= 10
                written += 1
                if written == scale {
                    start -= 1
                    buffer[start] = 0x2E
                }
            } while rest > 0 || written <= scale
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    private static func powerOfTen64(_ exponent: Int) -> UInt64? {
        var value: UInt64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
