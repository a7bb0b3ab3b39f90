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

    /// In place of a static fact's packed value: the profile's credit code, region or name
    /// (bytes no `ValuePacking.Tag` takes).
    private static let sameAsCreditCode: UInt8 = 0xF0, sameAsRegion: UInt8 = 0xF1, sameAsName: UInt8 = 0xF2

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
        // The static facts that are the credit code, name and region are those texts again: a
        // byte says which, and unpacking shares the text (no second string to make and free).
        // Lengths first: comparing texts of different lengths took the slow path each time.
        let codeLength = profile.creditCode.utf8.count, regionLength = profile.region.utf8.count, nameLength = profile.name?.utf8.count
        for value in profile.statics {
            if case .text(let text) = value {
                let length = text.utf8.count
                if length == codeLength, text == profile.creditCode { bytes.append(Self.sameAsCreditCode); continue }
                if length == regionLength, text == profile.region { bytes.append(Self.sameAsRegion); continue }
                if length == nameLength, text == profile.name { bytes.append(Self.sameAsName); continue }
            }
            ValuePacking.append(value, to: &bytes)
        }
        ValuePacking.appendCount(profile.yearStride, to: &bytes)
        ValuePacking.appendCount(profile.years.count, to: &bytes)
        for year in profile.years { ValuePacking.appendSigned(Int64(year), to: &bytes) }
        ValuePacking.appendCells(profile.cells[...], to: &bytes)
    }

    /// Waiting enterprise `index`'s profile, as it was packed.
    func profile(_ index: Int) -> SlotProfile {
        var none: SlotProfile?
        return profile(index, spare: &none)
    }

    /// The same, in the arrays of `spare` (an enterprise done with, taken and emptied) when there
    /// is one: three allocations and frees fewer per enterprise.
    func profile(_ index: Int, spare: inout SlotProfile?) -> SlotProfile {
        var statics: [Value] = [], years: [Int] = [], cells: [YearCell] = []
        if var spare = spare.take() {
            swap(&statics, &spare.statics)
            swap(&years, &spare.years)
            swap(&cells, &spare.cells)
            statics.removeAll(keepingCapacity: true)
            years.removeAll(keepingCapacity: true)
            cells.removeAll(keepingCapacity: true)
        }
        return bytes.withUnsafeBufferPointer { buffer in
            var reader = ValuePacking.Reader(bytes: buffer, position: index == 0 ? 0 : ends[index - 1])
            let creditCode = reader.text()
            let name = reader.byte() == 1 ? reader.text() : nil
            let region = reader.text()
            let staticCount = reader.count()
            statics.reserveCapacity(staticCount)
            for _ in 0..<staticCount {
                switch reader.bytes[reader.position] {
                case Self.sameAsCreditCode: statics.append(.text(creditCode))
                case Self.sameAsRegion: statics.append(.text(region))
                case Self.sameAsName: statics.append(.text(name!))
                default:
                    statics.append(reader.value())
                    continue
                }
                reader.position += 1
            }
            let stride = reader.count(), yearCount = reader.count()
            // Reserved, then appended (see `[Value].nulls` for why not `map` or `unsafeUninitializedCapacity`).
            years.reserveCapacity(yearCount)
            for _ in 0..<yearCount { years.append(Int(reader.signed())) }
            cells.reserveCapacity(yearCount * stride)
            for _ in 0..<yearCount * stride { cells.append(reader.cell()) }
            return SlotProfile(creditCode: creditCode, name: name, region: region, statics: statics, yearStride: stride, years: years, cells: cells)
        }
    }
}
