import PolicyLanguage

/// One enterprise's facts: the static ones, and the per-year ones keyed by year. A fact that is
/// not here is absent, which is never the same as zero.
public struct Profile: Sendable, Hashable {
    public var creditCode: String
    public var name: String?
    public var region: String
    public var staticFacts: [String: Value]
    public var yearFacts: [Int: [String: Value]]

    public init(creditCode: String, name: String?, region: String, staticFacts: [String: Value] = [:], yearFacts: [Int: [String: Value]] = [:]) {
        self.creditCode = creditCode
        self.name = name
        self.region = region
        self.staticFacts = staticFacts
        self.yearFacts = yearFacts
    }

    /// The value of a fact (of `year` for a per-year fact), or nil when absent.
    public func value(of fact: FactDecl, year: Int) -> Value? {
        fact.perYear ? yearFacts[year]?[fact.name] : staticFacts[fact.name]
    }

    /// Sets a fact, as tests, `--set` and the CSV reader do.
    public mutating func set(_ fact: FactDecl, year: Int?, to value: Value?) {
        if fact.perYear, let year {
            yearFacts[year, default: [:]][fact.name] = value
        } else {
            staticFacts[fact.name] = value
        }
    }
}
