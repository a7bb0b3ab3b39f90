import IncentiveSupport
import PolicyLanguage

/// How an outcome was derived: the facts read, the parameter versions used with their
/// provenance, each condition's value, and the steps from formula to paid amount.
public struct Explanation: Sendable, Hashable {
    public struct FactReading: Sendable, Hashable {
        public let fact: String
        public let year: Int?
        /// nil when the fact is absent.
        public let value: Value?
    }

    public struct ParamReading: Sendable, Hashable {
        public let name: String
        public let title: String
        public let versionFrom: CivilDate
        public let chosenBy: CivilDate
        public let value: Value
        public let provenance: Provenance
        public let note: String?
    }

    public struct ConditionReading: Sendable, Hashable {
        public let name: String
        public let description: String?
        public let expression: String
        /// true, false, or nil when undetermined.
        public let holds: Bool?
        /// Values of the names the condition reads, for the reader (`rd_expense = 20000000`).
        public let values: [String]
    }

    public struct Step: Sendable, Hashable {
        public let label: String
        public let detail: String
        public let value: String
    }

    public var article: String?
    public var facts: [FactReading] = []
    public var params: [ParamReading] = []
    public var conditions: [ConditionReading] = []
    public var steps: [Step] = []

    mutating func noteFact(_ fact: String, year: Int?, value: Value?) {
        if !facts.contains(where: { $0.fact == fact && $0.year == year }) {
            facts.append(FactReading(fact: fact, year: year, value: value))
        }
    }

    mutating func noteParam(_ reading: ParamReading) {
        if !params.contains(where: { $0.name == reading.name && $0.versionFrom == reading.versionFrom }) {
            params.append(reading)
        }
    }
}
