import IncentiveSupport

/// A policy set that has passed the checker: every name resolved, every expression typed, every
/// reference between rules, groups, pools and vetoes valid. The evaluator accepts nothing else.
public struct CheckedPolicySet: Sendable {
    public let sources: [SourceFile]
    public let facts: [FactDecl]
    public let policies: [CheckedPolicy]
    public let rules: [CheckedRule]
    public let vetoes: [CheckedVeto]
    public let groups: [CheckedGroup]
    public let pools: [CheckedPool]
    public let limits: [CheckedLimit]
    public let obligations: [CheckedObligation]
    public let tests: [CheckedTest]
    public let ruleIndex: [String: Int]
    public let factIndex: [String: FactDecl]

    /// No policies at all: what stand-alone expressions are evaluated against.
    public static let empty = CheckedPolicySet(sources: [], facts: [], policies: [], rules: [], vetoes: [], groups: [], pools: [],
                                               limits: [], obligations: [], tests: [], ruleIndex: [:], factIndex: [:])

    public func rule(_ id: String) -> CheckedRule? { ruleIndex[id].map { rules[$0] } }

    public func param(_ id: ParamID) -> CheckedParam { policies[id.policy].params[id.index] }
}

public struct CheckedPolicy: Sendable {
    public let decl: PolicyDecl
    public let file: Int
    public let params: [CheckedParam]

    public var id: String { decl.id }

    /// Whether this policy's region covers an enterprise's county: the nation (100000) covers all,
    /// a province (330000) its counties, a city (330700) its counties, a county itself.
    public func covers(region: String) -> Bool { Self.region(decl.region, covers: region) }

    public static func region(_ policyRegion: String, covers region: String) -> Bool {
        if policyRegion == "100000" { return true }
        let policy = Array(policyRegion.utf8), target = Array(region.utf8)
        guard policy.count == 6, target.count == 6 else { return false }
        if policyRegion.hasSuffix("0000") { return policy[0..<2] == target[0..<2] }
        if policyRegion.hasSuffix("00") { return policy[0..<4] == target[0..<4] }
        return policy == target
    }
}

public struct CheckedParam: Sendable {
    public struct Version: Sendable {
        public let from: CivilDate
        public let value: Value
        public let provenance: Provenance
        public let note: String?
    }

    public let decl: ParamDecl
    /// Sorted by `from`, strictly increasing.
    public let versions: [Version]

    /// The version in force on a date: the latest whose `from` is on or before it.
    public func version(on date: CivilDate) -> Version? {
        versions.last { $0.from <= date }
    }
}

public struct CheckedCondition: Sendable {
    public let name: String
    public let description: String?
    public let expr: CheckedExpr
}

public struct CheckedLet: Sendable {
    public let name: String
    public let description: String?
    public let expr: CheckedExpr
    /// Always shown for a decided rule (`report`), not only when used.
    public let isReported: Bool
}

public struct CheckedRule: Sendable {
    public let decl: RuleDecl
    public let policy: Int
    public let versionDate: CheckedExpr
    public let lets: [CheckedLet]
    public let cohort: [CheckedCondition]
    public let conditions: [CheckedCondition]
    public let amount: CheckedExpr?
    public let cap: CheckedExpr?
    public let floor: CheckedExpr?
    /// Digits kept when rounding half-up; nil keeps the exact value.
    public let roundingDigits: Int?
    /// The provenance of the rule's own numbers (its literals): the rule's, else its policy's.
    public let provenance: Provenance
    /// Whether a condition ranks the enterprise within its cohort.
    public let usesRank: Bool
    /// Its effective window: the rule's own, inside the policy's.
    public let window: DateWindow

    public var id: String { decl.id }
    public var title: String { decl.title }
    public var kind: RuleKind { decl.kind }
}

public struct CheckedVeto: Sendable {
    public let decl: VetoDecl
    public let policy: Int
    public let conditions: [CheckedCondition]
    /// Indices of the rules it strikes.
    public let targets: [Int]
}

public struct CheckedGroup: Sendable {
    public let decl: GroupDecl
    public let policy: Int
    public let members: [Int]
    public let cap: ExactDecimal?
}

public struct CheckedPool: Sendable {
    public let decl: PoolDecl
    public let policy: Int
    public let size: ExactDecimal
    public let members: [Int]
}

public struct CheckedLimit: Sendable {
    public let decl: LimitDecl
    public let policy: Int
    public let cap: ExactDecimal
    public let members: [Int]
}

public struct CheckedObligation: Sendable {
    public let decl: ObligationDecl
    public let policy: Int
    public let conditions: [CheckedCondition]
    public let amount: CheckedExpr
    public let roundingDigits: Int?
}

public struct CheckedTest: Sendable {
    public struct Given: Sendable {
        public let fact: FactDecl
        public let year: Int?
        public let value: Value
    }

    public struct Expectation: Sendable {
        public let rule: String
        public let status: String
        public let amount: ExactDecimal?
        public let range: SourceRange
    }

    public let decl: TestDecl
    public let policy: Int
    public let givens: [Given]
    public let expectations: [Expectation]
}
