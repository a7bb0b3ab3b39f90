@testable import IncentiveEngine
import TestSupport
import Testing

/// `SeenKeys` says a key is new exactly when a `Set` would, through growth, for zero and for keys
/// that share their low bits.
@Suite struct SeenKeysTests {
    @Test("new exactly when a Set says so, starting small and growing", arguments: [1, 1000])
    func agreesWithASet(capacity: Int) {
        var random = SplitMix64(seed: UInt64(capacity))
        var seen = SeenKeys(capacity: capacity), reference = Set<UInt64>()
        for _ in 0..<50_000 {
            // Repeats, zero, and keys differing only in their high bits.
            let key: UInt64 = switch random.below(5) {
            case 0: UInt64(random.below(200))
            case 1: UInt64(random.below(64)) << 58
            case 2: reference.randomElement(using: &random) ?? 0
            default: random.next()
            }
            #expect(seen.insert(key) == reference.insert(key).inserted, "\(key)")
        }
        #expect(!seen.insert(0) || !reference.contains(0))
    }
}
