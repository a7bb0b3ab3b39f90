import PolicyLanguage

/// The enterprises waiting for the cohort, packed end to end in one buffer (`ValuePacking`), so
/// that they can be evaluated again once the ranks and the pools are decided without holding a
/// profile's arrays per enterprise, or reading their CSV rows again.
struct PackedSlotProfiles: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// Where each waiting enterprise's row goes in the output.
    private(set) var positions: [Int] = []

    var count: Int { ends.count }

    /// Room for `enterprises` profiles of `bytes` bytes in all (see `WideRowStore.reserveCapacity`).
    mutating func reserveCapacity(enterprises: Int, bytes: Int) {
        self.bytes.reserveCapacity(bytes)
        ends.reserveCapacity(enterprises)
        positions.reserveCapacity(enterprises)
    }

    /// Packs an enterprise's profile (on the workers, into a chunk's store that is appended later).
    mutating func append(_ profile: SlotProfile, position: Int) {
        Self.pack(profile, to: &bytes)
        ends.append(bytes.count)
        positions.append(position)
    }

    /// Appends every enterprise of another store, its positions moved on by `offset`.
    mutating func append(contentsOf other: PackedSlotProfiles, positionOffset offset: Int) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        ends.append(contentsOf: other.ends.lazy.map { $0 + base })
        positions.append(contentsOf: other.positions.lazy.map { $0 + offset })
    }

    private static func pack(_ profile: SlotProfile, to bytes: inout [UInt8]) {
        ValuePacking.appendText(profile.creditCode, to: &bytes)
        if let name = profile.name {
            bytes.append(1)
            ValuePacking.appendText(name, to: &bytes)
        } else {
            bytes.append(0)
        }
        ValuePacking.appendText(profile.region, to: &bytes)
        ValuePacking.appendCount(profile.statics.count, to: &bytes)
        for value in profile.statics { ValuePacking.append(value, to: &bytes) }
        ValuePacking.appendCount(profile.yearStride, to: &bytes)
        ValuePacking.appendCount(profile.years.count, to: &bytes)
        for year in profile.years { ValuePacking.appendSigned(Int64(year), to: &bytes) }
        ValuePacking.appendCells(profile.cells[...], to: &bytes)
    }

    /// Waiting enterprise `index`'s profile, as it was packed.
    func profile(_ index: Int) -> SlotProfile {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = ValuePacking.Reader(bytes: buffer, position: index == 0 ? 0 : ends[index - 1])
            let creditCode = reader.text()
            let name = reader.byte() == 1 ? reader.text() : nil
            let region = reader.text()
            let staticCount = reader.count()
            var statics: [Value] = []
            statics.reserveCapacity(staticCount)
            for _ in 0..<staticCount { statics.append(reader.value()) }
            let stride = reader.count(), yearCount = reader.count()
            // Reserved, then appended (see `[Value].nulls` for why not `map` or `unsafeUninitializedCapacity`).
            var years: [Int] = [], cells: [YearCell] = []
            years.reserveCapacity(yearCount)
            for _ in 0..<yearCount { years.append(Int(reader.signed())) }
            cells.reserveCapacity(yearCount * stride)
            for _ in 0..<yearCount * stride { cells.append(reader.cell()) }
            return SlotProfile(creditCode: creditCode, name: name, region: region, statics: statics, yearStride: stride, years: years, cells: cells)
        }
    }
}
