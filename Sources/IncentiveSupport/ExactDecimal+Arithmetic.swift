// Overflow-reporting arithmetic for ExactDecimal. Fast paths use Int128/UInt128 with
// *ReportingOverflow; when an intermediate overflows, an exact 256-bit slow path decides whether
// the fully reduced result fits, so `nil` always means a genuine overflow.

extension ExactDecimal {
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        if other.isZero { return self }
        if isZero { return other }
        // Whole numbers (most amounts and counts): a plain sum, already in lowest terms.
        if denominator == 1, other.denominator == 1 {
            let (sum, overflow) = numerator.addingReportingOverflow(other.numerator)
            if !overflow, sum != .min { return ExactDecimal(uncheckedNumerator: sum, denominator: 1) }
        }
        let b = UInt128(denominator), d = UInt128(other.denominator)
        let g = gcd(b, d)
        let bg = b / g, dg = d / g
        // Fast path (Knuth 4.5.1): t = a·(d/g) + c·(b/g); g2 = gcd(t, g);
        // result = (t/g2) / ((b/g)·(d/g2)), already in lowest terms.
        let (t1, o1) = numerator.multipliedReportingOverflow(by: Int128(dg))
        let (t2, o2) = other.numerator.multipliedReportingOverflow(by: Int128(bg))
        if !o1, !o2 {
            let (t, o3) = t1.addingReportingOverflow(t2)
            if !o3 {
                if t == 0 { return .zero }
                let g2 = gcd(t.magnitude, g)
                let (den, o4) = bg.multipliedReportingOverflow(by: d / g2)
                if !o4 {
                    // Already in lowest terms (Knuth 4.5.1): no gcd of the whole.
                    return Self.reduced(negative: t < 0, t.magnitude / g2, den)
                }
            }
        }
        // Exact slow path in 256 bits (signed magnitudes).
        let x = U256.product(numerator.magnitude, dg)
        let y = U256.product(other.numerator.magnitude, bg)
        let sum: U256
        let negative: Bool
        if isNegative == other.isNegative {
            sum = x + y
            negative = isNegative
        } else if x < y {
            sum = y - x
            negative = other.isNegative
        } else {
            sum = x - y
            negative = isNegative
        }
        return ExactDecimal.make(negative: negative, magnitude: sum, denominator: U256.product(bg, d))
    }

    public func subtracting(_ other: ExactDecimal) -> ExactDecimal? {
        adding(other.negated)
    }

    public func multiplying(_ other: ExactDecimal) -> ExactDecimal? {
        if isZero || other.isZero { return .zero }
        if denominator == 1, other.denominator == 1 {
            let (product, overflow) = numerator.multipliedReportingOverflow(by: other.numerator)
            if !overflow, product != .min { return ExactDecimal(uncheckedNumerator: product, denominator: 1) }
        }
        // a/b · c/d: reduce a with d and c with b first; the result is then in lowest terms (no
        // gcd of it is needed), so any overflow here is genuine.
        let a = numerator.magnitude, b = UInt128(denominator)
        let c = other.numerator.magnitude, d = UInt128(other.denominator)
        let negative = isNegative != other.isNegative
        if (a | b | c | d) >> 64 == 0 {
            // Ratios of amounts and rates: the reductions in 64 bits, the products in 128.
            let (a, b, c, d) = (UInt64(a), UInt64(b), UInt64(c), UInt64(d))
            let g1 = gcd64(a, d), g2 = gcd64(c, b)
            return Self.reduced(negative: negative, UInt128(a / g1) * UInt128(c / g2), UInt128(b / g2) * UInt128(d / g1))
        }
        let g1 = gcd(a, d), g2 = gcd(c, b)
        let (num, o1) = (a / g1).multipliedReportingOverflow(by: c / g2)
        let (den, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
        guard !o1, !o2 else { return nil }
        return Self.reduced(negative: negative, num, den)
    }

    /// A fraction already in lowest terms, or nil when a part does not fit.
    private static func reduced(negative: Bool, _ magnitude: UInt128, _ denominator: UInt128) -> ExactDecimal? {
        let limit = UInt128(Int128.max)
        guard magnitude <= limit, denominator <= limit else { return nil }
        return ExactDecimal(uncheckedNumerator: negative ? -Int128(magnitude) : Int128(magnitude), denominator: Int128(denominator))
    }

    /// `nil` on overflow or division by zero.
    public func dividing(_ other: ExactDecimal) -> ExactDecimal? {
        guard let inverse = other.reciprocal else { return nil }
        return multiplying(inverse)
    }

    /// 1/self; `nil` for zero. Cannot overflow given the invariants.
    var reciprocal: ExactDecimal? {
        guard numerator != 0 else { return nil }
        let den = numerator < 0 ? -numerator : numerator
        return ExactDecimal(uncheckedNumerator: numerator < 0 ? -denominator : denominator, denominator: den)
    }

    /// Truncated remainder `self - divisor · trunc(self / divisor)`; the result has the sign of
    /// `self` (like rust_decimal's `%`). `nil` if `divisor` is zero or on overflow.
    public func remainder(dividingBy divisor: ExactDecimal) -> ExactDecimal? {
        if divisor.isZero { return nil }
        if isZero { return .zero }
        // With L = lcm(b, d): a/b = a'/L, c/d = c'/L, and the remainder is (a' rem c') / L.
        let b = UInt128(denominator), d = UInt128(divisor.denominator)
        let g = gcd(b, d)
        let bg = b / g, dg = d / g
        let (x, o1) = numerator.magnitude.multipliedReportingOverflow(by: dg)
        let (y, o2) = divisor.numerator.magnitude.multipliedReportingOverflow(by: bg)
        let (lcm, o3) = bg.multipliedReportingOverflow(by: d)
        if !o1, !o2, !o3 {
            return ExactDecimal.make(negative: isNegative, magnitude: x % y, denominator: lcm)
        }
        let wx = U256.product(numerator.magnitude, dg)
        let wy = U256.product(divisor.numerator.magnitude, bg)
        let r = wx.quotientAndRemainder(dividingBy: wy).remainder
        return ExactDecimal.make(negative: isNegative, magnitude: r, denominator: U256.product(bg, d))
    }

    /// Integer power; negative exponents allowed. `nil` on overflow or `0` to a negative power.
    public func power(_ exponent: Int) -> ExactDecimal? {
        if exponent == 0 { return .one }
        if isZero { return exponent > 0 ? .zero : nil }
        guard var base = exponent < 0 ? reciprocal : self else { return nil }
        var e = exponent.magnitude
        if base.denominator == 1, base.numerator.magnitude == 1 {
            return (base.isNegative && e & 1 == 1) ? ExactDecimal(-1) : .one
        }
        var result = ExactDecimal.one
        while true {
            if e & 1 == 1 {
                guard let r = result.multiplying(base) else { return nil }
                result = r
            }
            e >>= 1
            if e == 0 { break }
            guard let sq = base.multiplying(base) else { return nil }
            base = sq
        }
        return result
    }

    /// Normalizes a 256-bit fraction; `nil` if the reduced parts do not fit.
    static func make(negative: Bool, magnitude: U256, denominator: U256) -> ExactDecimal? {
        guard !denominator.isZero else { return nil }
        if magnitude.isZero { return .zero }
        let g = U256.gcd(magnitude, denominator)
        let m = magnitude.quotientAndRemainder(dividingBy: g).quotient
        let d = denominator.quotientAndRemainder(dividingBy: g).quotient
        guard m.hi == 0, d.hi == 0 else { return nil }
        return make(negative: negative, magnitude: m.lo, denominator: d.lo)
    }
}

/// Minimal unsigned 256-bit integer, used only for exact comparison and overflow slow paths.
struct U256: Comparable {
    var hi: UInt128
    var lo: UInt128

    init(hi: UInt128, lo: UInt128) { self.hi = hi; self.lo = lo }
    init(_ value: UInt128) { self.init(hi: 0, lo: value) }

    static func product(_ a: UInt128, _ b: UInt128) -> U256 {
        let (h, l) = a.multipliedFullWidth(by: b)
        return U256(hi: h, lo: l)
    }

    var isZero: Bool { hi == 0 && lo == 0 }

    static func < (l: U256, r: U256) -> Bool { l.hi != r.hi ? l.hi < r.hi : l.lo < r.lo }

    /// Operands in this file are < 2^255, so the carry never leaves the high word.
    static func + (l: U256, r: U256) -> U256 {
        let (lo, carry) = l.lo.addingReportingOverflow(r.lo)
        return U256(hi: l.hi &+ r.hi &+ (carry ? 1 : 0), lo: lo)
    }

    /// Requires l >= r.
    static func - (l: U256, r: U256) -> U256 {
        let (lo, borrow) = l.lo.subtractingReportingOverflow(r.lo)
        return U256(hi: l.hi &- r.hi &- (borrow ? 1 : 0), lo: lo)
    }

    func bit(_ i: Int) -> Bool {
        i >= 128 ? (hi >> UInt128(i - 128)) & 1 == 1 : (lo >> UInt128(i)) & 1 == 1
    }

    /// Requires divisor != 0 and both operands < 2^255.
    func quotientAndRemainder(dividingBy divisor: U256) -> (quotient: U256, remainder: U256) {
        if hi == 0, divisor.hi == 0 {
            return (U256(lo / divisor.lo), U256(lo % divisor.lo))
        }
        if divisor.hi == 0 {
            // Two-step long division by a 128-bit divisor.
            let (qh, rh) = hi.quotientAndRemainder(dividingBy: divisor.lo)
            let (ql, rl) = divisor.lo.dividingFullWidth((high: rh, low: lo))
            return (U256(hi: qh, lo: ql), U256(rl))
        }
        if self < divisor { return (U256(0), self) }
        // Binary long division (divisor >= 2^128, so the quotient fits in 128 bits).
        var q: UInt128 = 0
        var r = U256(0)
        for i in stride(from: 255, through: 0, by: -1) {
            r = U256(hi: (r.hi << 1) | (r.lo >> 127), lo: (r.lo << 1) | (bit(i) ? 1 : 0))
            if !(r < divisor) {
                r = r - divisor
                if i < 128 { q |= UInt128(1) << UInt128(i) }
            }
        }
        return (U256(q), r)
    }

    static func gcd(_ a: U256, _ b: U256) -> U256 {
        var a = a, b = b
        while !b.isZero {
            if a.hi == 0, b.hi == 0 { return U256(IncentiveSupport.gcd(a.lo, b.lo)) }
            (a, b) = (b, a.quotientAndRemainder(dividingBy: b).remainder)
        }
        return a
    }
}
