/// The enterprises met so far, by the 64-bit hash of their credit-code cell (`RecordStream.Run.key`),
/// to tell whether one's rows come apart: an open-addressed table of the keys themselves. The keys
/// are hashes already, so a slot is found from their low bits; a `Set<UInt64>` hashed each one
/// again (SipHash) for the million enterprises of a large file, on the thread that cuts records.
struct SeenKeys {
    /// Zero marks an empty slot; a key of zero is noted in `hasZero`. At most three quarters full.
    private var slots: [UInt64]
    private var count = 0
    private var hasZero = false

    /// Room for about `capacity` keys before the table grows.
    init(capacity: Int = 1024) {
        var size = 16
        while size * 3 < capacity * 4 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// Adds a key; false when it was there already.
    mutating func insert(_ key: UInt64) -> Bool {
        if key == 0 {
            defer { hasZero = true }
            return !hasZero
        }
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let inserted = slots.withUnsafeMutableBufferPointer { Self.place(key, in: $0) }
        if inserted { count += 1 }
        return inserted
    }

    /// Puts a non-zero key in its slot (linear probing); false when it is there already.
    private static func place(_ key: UInt64, in slots: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        let mask = slots.count - 1
        // The high bits mixed into the low: FNV-1a's low bits alone follow the last bytes.
        var index = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while true {
            let held = slots[index]
            if held == key { return false }
            if held == 0 { slots[index] = key; return true }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        var larger = [UInt64](repeating: 0, count: slots.count * 2)
        larger.withUnsafeMutableBufferPointer { table in
            for key in slots where key != 0 { _ = Self.place(key, in: table) }
        }
        slots = larger
    }
}
