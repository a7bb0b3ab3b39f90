import IncentiveSupport

/// `fact rd_expense: money per-year [signed] "研发费用" "R&D expense of the year"`: one fact of the
/// enterprise profile, declared once for every policy.
public struct FactDecl: Sendable, Hashable {
    public init(name: String, type: ValueType, perYear: Bool, signed: Bool, chinese: String, english: String, range: SourceRange) {
        self.name = name
        self.type = type
        self.perYear = perYear
        self.signed = signed
        self.chinese = chinese
        self.english = english
        self.range = range
    }

    public let name: String
    public let type: ValueType
    public let perYear: Bool
    /// Whether a negative value makes sense (taxable income may be a loss; revenue may not).
    public let signed: Bool
    public let chinese: String
    public let english: String
    public let range: SourceRange
}

/// Where a number comes from, strongest first. Outputs show the weakest one an amount rests on.
public enum Provenance: String, Sendable, Hashable, Comparable, CaseIterable {
    case official, secondary, seed, assumed

    public static func < (a: Provenance, b: Provenance) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum RuleKind: String, Sendable, Hashable, CaseIterable {
    case cash, tax, voucher, qualification, penalty, info
}

/// A window of dates: `effective 2020-01-01 until 2024-12-31` (both inclusive; either open).
public struct DateWindow: Sendable, Hashable {
    public let from: CivilDate?
    public let until: CivilDate?

    public init(from: CivilDate?, until: CivilDate?) {
        self.from = from
        self.until = until
    }

    public func contains(_ date: CivilDate) -> Bool {
        (from.map { $0 <= date } ?? true) && (until.map { date <= $0 } ?? true)
    }

    /// Whether any day of year `y` falls in the window.
    public func overlaps(year y: Int) -> Bool {
        (from.map { $0.year <= y } ?? true) && (until.map { $0.year >= y } ?? true)
    }

    public static let always = DateWindow(from: nil, until: nil)
}

/// `param hte_award "新认定国家高企奖励标准" money { from 2017-01-01: 20万 provenance seed … }`.
public struct ParamDecl: Sendable, Hashable {
    public let name: String
    public let title: String
    public let type: ValueType
    public let versions: [ParamVersion]
    public let range: SourceRange
}

public struct ParamVersion: Sendable, Hashable {
    public let from: CivilDate
    public let value: Expr
    public let provenance: Provenance
    public let note: String?
    public let range: SourceRange
}

/// A named, explained condition: `when positive_rd "研发费用大于零": rd_expense > 0`.
public struct ConditionDecl: Sendable, Hashable {
    public let name: String
    public let description: String?
    public let expr: Expr
    public let range: SourceRange
}

/// `let rate = …`: a named intermediate value, shown in the explanation when used. Written
/// `report name = …`, it is always computed and shown for a decided rule (a figure for the
/// reader, such as the loss carried forward).
public struct LetDecl: Sendable, Hashable {
    public let name: String
    public let description: String?
    public let expr: Expr
    public let isReported: Bool
    public let range: SourceRange
}

public struct RuleDecl: Sendable, Hashable {
    public let id: String
    public let title: String
    public let kind: RuleKind
    public let tags: [String]
    public let article: String?
    public let effective: DateWindow?
    /// The date that picks parameter versions; `date(Y, 1, 1)` when not written.
    public let versionDate: Expr?
    public let lets: [LetDecl]
    /// Who belongs to the rule's cohort (ranks compare only these); failing it is ineligible.
    public let cohort: [ConditionDecl]
    public let conditions: [ConditionDecl]
    public let amount: Expr?
    public let cap: Expr?
    public let floor: Expr?
    /// Digits kept after rounding half-up; nil for the kind's default (yuan for awards, fen for tax).
    public let roundingDigits: Int?
    /// 最高: the amount is an upper bound.
    public let upTo: Bool
    public let provenance: Provenance?
    public let range: SourceRange
}

/// 一票否决: when all its conditions hold, every rule it names is ineligible.
public struct VetoDecl: Sendable, Hashable {
    public let id: String
    public let title: String
    public let article: String?
    public let targets: [MemberSelector]
    public let conditions: [ConditionDecl]
    /// Where each target is written, for diagnostics.
    public let targetRanges: [SourceRange]
    public let range: SourceRange
}

public enum StackingMode: String, Sendable, Hashable {
    /// 就高不重复: only the largest amount is paid.
    case highest
    case sum
}

public struct GroupDecl: Sendable, Hashable {
    public let id: String
    public let title: String
    public let mode: StackingMode
    public let cap: Expr?
    public let members: [String]
    public let memberRanges: [SourceRange]
    public let range: SourceRange
}

public enum PoolMethod: String, Sendable, Hashable {
    /// 按比例核减: every award scaled by pool ÷ demand.
    case prorata
    /// Paid in rank order of the amounts until the pool runs out.
    case rank
}

public struct PoolDecl: Sendable, Hashable {
    public let id: String
    public let title: String
    public let size: Expr
    public let provenance: Provenance
    public let method: PoolMethod
    public let members: [String]
    public let memberRanges: [SourceRange]
    public let range: SourceRange
}

/// An enterprise-level limit: the rules it names together pay at most `cap` to one enterprise.
public struct LimitDecl: Sendable, Hashable {
    public let id: String
    public let title: String
    public let cap: Expr
    public let members: [MemberSelector]
    public let memberRanges: [SourceRange]
    public let range: SourceRange
}

/// A use-of-funds duty computed from what was paid (两个50%).
public struct ObligationDecl: Sendable, Hashable {
    public let id: String
    public let title: String
    public let article: String?
    public let conditions: [ConditionDecl]
    public let amount: Expr
    public let roundingDigits: Int?
    public let range: SourceRange
}

/// A test case written next to a policy: facts given, outcomes expected.
public struct TestDecl: Sendable, Hashable {
    public struct Given: Sendable, Hashable {
        public let fact: String
        public let year: Int?
        public let value: Expr
        public let range: SourceRange
    }

    public struct Expectation: Sendable, Hashable {
        public let rule: String
        public let status: String
        public let amount: Expr?
        public let range: SourceRange
    }

    public let name: String
    public let year: Int
    public let givens: [Given]
    public let expectations: [Expectation]
    public let range: SourceRange
}

public struct PolicyDecl: Sendable, Hashable {
    public let id: String
    public let title: String
    public let issuer: String?
    public let documentNumber: String?
    public let published: CivilDate?
    public let url: String?
    public let region: String
    public let effective: DateWindow
    public let provenance: Provenance
    public let params: [ParamDecl]
    public let rules: [RuleDecl]
    public let vetoes: [VetoDecl]
    public let groups: [GroupDecl]
    public let pools: [PoolDecl]
    public let limits: [LimitDecl]
    public let obligations: [ObligationDecl]
    public let tests: [TestDecl]
    public let range: SourceRange
}

/// Everything one source file declares.
public struct SyntaxTree: Sendable, Hashable {
    public let facts: [FactDecl]
    public let policies: [PolicyDecl]
}
