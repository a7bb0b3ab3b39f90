#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny seeded random number generator (SplitMix64), so a property test's cases are the same
/// on every machine and a failing case can be replayed from the seed printed with it.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// The seeds a property test runs, in the spirit of swift-collections' `withEvery`: `count`
/// consecutive seeds from a fixed base, or only the one named by `PROPERTY_SEED` when replaying
/// a failure (`PROPERTY_SEED=1234 swift test --filter …`).
public enum PropertySeeds {
    public static func seeds(_ count: Int, base: UInt64 = 20_200_101) -> [UInt64] {
        if let text = getenv("PROPERTY_SEED").map({ String(cString: $0) }), let seed = UInt64(text) {
            return [seed]
        }
        return (0..<UInt64(count)).map { base &+ $0 }
    }
}
