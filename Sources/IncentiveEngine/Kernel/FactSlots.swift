import PolicyLanguage

/// Slot numbers for the declared facts. The batch kernel keeps an enterprise's facts in arrays
/// indexed by these, not in dictionaries keyed by name: a fact read is an array index, not a
/// string hash.
struct FactSlots: Sendable {
    /// Static facts by slot, and per-year facts by slot (each in name order, for determinism).
    let statics: [FactDecl]
    let perYear: [FactDecl]
    private let slotByName: [String: Int]

    init(facts: [String: FactDecl]) {
        let sorted = facts.values.sorted { $0.name < $1.name }
        statics = sorted.filter { !$0.perYear }
        perYear = sorted.filter(\.perYear)
        var slots: [String: Int] = [:]
        for (slot, fact) in statics.enumerated() { slots[fact.name] = slot }
        for (slot, fact) in perYear.enumerated() { slots[fact.name] = slot }
        slotByName = slots
    }

    /// The fact's slot among the static or the per-year facts (as the fact is declared).
    func slot(of fact: FactDecl) -> Int { slotByName[fact.name]! }

    func slot(named name: String) -> Int? { slotByName[name] }
}
