import PolicyLanguage

/// One enterprise's facts in `FactSlots` order: what the batch kernel evaluates. `.null` is an
/// absent fact, as in `Profile` (never zero).
struct SlotProfile: Sendable {
    var creditCode: String
    var name: String?
    var region: String
    var statics: [Value]
    /// The years present, and their facts: the cells of `years[i]` are `cells[i * yearStride ..<
    /// (i + 1) * yearStride]`, by per-year slot. One array for all years, not one per year: an
    /// array is an allocation to make and to free for every enterprise.
    var years: [Int]
    var cells: [YearCell]
    /// The number of per-year slots.
    let yearStride: Int

    init(creditCode: String, name: String?, region: String, staticCount: Int, yearStride: Int) {
        self.init(creditCode: creditCode, name: name, region: region, statics: .nulls(staticCount), yearStride: yearStride)
    }

    /// - Parameters: years, cells: the profile's years and their cells (`years.count * yearStride` of them).
    init(creditCode: String, name: String?, region: String, statics: [Value], yearStride: Int, years: [Int] = [], cells: [YearCell] = []) {
        assert(cells.count == years.count * yearStride, "cells for every year")
        self.creditCode = creditCode
        self.name = name
        self.region = region
        self.statics = statics
        self.yearStride = yearStride
        self.years = years
        self.cells = cells
    }

    /// The same enterprise as a general `Profile` holds it.
    init(_ profile: Profile, slots: FactSlots) {
        self.init(creditCode: profile.creditCode, name: profile.name, region: profile.region, staticCount: slots.statics.count,
                  yearStride: slots.perYear.count)
        for (name, value) in profile.staticFacts { if let slot = slots.slot(named: name) { statics[slot] = value } }
        for year in profile.yearFacts.keys.sorted() {
            var facts = [YearCell].nulls(slots.perYear.count)
            // A value no cell holds cannot be a fact of a batch the kernel takes (`KernelBatch.run`).
            for (name, value) in profile.yearFacts[year]! {
                guard let slot = slots.slot(named: name) else { continue }
                let cell = YearCell(value)
                assert(cell != nil, "\(name): a per-year value no cell holds")
                facts[slot] = cell ?? .null
            }
            years.append(year)
            cells.append(contentsOf: facts)
        }
    }

    /// Takes a static fact another row of the enterprise gives (with the name, when it is the
    /// name): false when the enterprise already has another value for it.
    mutating func merge(static slot: Int, _ value: Value, name: String?) -> Bool {
        guard statics[slot].isNull else { return statics[slot] == value }
        statics[slot] = value
        if let name { self.name = name }
        return true
    }

    @inline(__always) func cell(yearSlot slot: Int, year: Int) -> YearCell {
        for index in years.indices where years[index] == year { return cells[index * yearStride + slot] }
        return .null
    }

    /// The cells of the year at `index` in `years`.
    func cells(ofYearAt index: Int) -> ArraySlice<YearCell> {
        cells[index * yearStride ..< (index + 1) * yearStride]
    }

    @inline(__always) func value(yearSlot slot: Int, year: Int) -> Value {
        cell(yearSlot: slot, year: year).value
    }
}
