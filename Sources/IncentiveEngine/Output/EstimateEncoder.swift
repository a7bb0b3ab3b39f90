import IncentiveSupport
import PolicyLanguage

/// Encodes an estimate as the JSON of design.md's contract. Amounts are decimal strings with the
/// rule's digits ("400000", "2250000.00"); `null` when there is none.
public struct EstimateEncoder: Sendable {
    public let policySetDigest: String
    public var includeExplanation: Bool

    public init(policySetDigest: String, includeExplanation: Bool = false) {
        self.policySetDigest = policySetDigest
        self.includeExplanation = includeExplanation
    }

    public func encode(_ estimate: Estimate) -> JSONValue {
        var totals: [(String, JSONValue)] = []
        let byKind = estimate.totals
        for kind in [RuleKind.cash, .tax, .voucher] {
            totals.append((kind.rawValue, .string((byKind[kind] ?? .zero).formatted(scale: 2))))
        }
        return .object([
            ("year", .number(String(estimate.year))),
            ("enterprise", .object([("credit_code", .string(estimate.creditCode)), ("name", estimate.name.map(JSONValue.string) ?? .null),
                                    ("region", .string(estimate.region))])),
            ("policy_set", .string(policySetDigest)),
            ("results", .array(estimate.results.map(encode))),
            ("vetoes", .array(estimate.vetoes.map(encode))),
            ("totals", .object(totals)),
            ("obligations", .array(estimate.obligations.map(encode))),
        ])
    }

    public static func amount(_ value: ExactDecimal?, digits: Int?) -> JSONValue {
        guard let value else { return .null }
        return .string(digits.map { value.formatted(scale: $0) } ?? value.description)
    }

    public func encode(_ result: RuleOutcome) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule", .string(result.rule)),
            ("title", .string(result.title)),
            ("kind", .string(result.kind.rawValue)),
            ("status", .string(result.status.rawValue)),
            ("amount", result.status == .eligible ? Self.amount(result.amount, digits: result.digits) : .null),
            ("amount_before_stacking", result.status == .eligible ? Self.amount(result.amountBeforeStacking, digits: result.digits) : .null),
            ("upper_bound", .bool(result.upperBound)),
            ("reasons", .array(result.reasons.map { .string($0.english) })),
            ("missing", .array(result.missing.map(JSONValue.string))),
            ("needs_cohort", .bool(result.needsCohort)),
            ("provenance", .string(result.provenance.rawValue)),
            ("near_misses", .array(result.nearMisses.map(encode))),
        ]
        if let beforePool = result.amountBeforePool {
            members.append(("amount_before_pool", Self.amount(beforePool, digits: result.digits)))
        }
        if includeExplanation { members.append(("explanation", encode(result.explanation))) }
        return .object(members)
    }

    func encode(_ miss: NearMiss) -> JSONValue {
        .object([
            ("condition", .string(miss.condition)),
            ("fact", .string(miss.fact)),
            ("year", miss.year.map { .number(String($0)) } ?? .null),
            ("current", miss.current.map(Self.encodeNearMissValue) ?? .null),
            ("needed", Self.encodeNearMissValue(miss.needed)),
            ("difference", miss.difference.map { .string($0.description) } ?? .null),
            ("amount", miss.amount.map { .string($0.description) } ?? .null),
            ("sufficient", .bool(miss.sufficient)),
            ("set", .array(miss.set.map(JSONValue.string))),
            ("relation", miss.relation.map { .string($0.rawValue) } ?? .null),
        ])
    }

    func encode(_ veto: VetoOutcome) -> JSONValue {
        .object([
            ("veto", .string(veto.id)),
            ("title", .string(veto.title)),
            ("fired", veto.fired.map(JSONValue.bool) ?? .null),
            ("targets", .array(veto.targets.map(JSONValue.string))),
        ])
    }

    func encode(_ obligation: ObligationOutcome) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("rule", .string(obligation.id)),
            ("title", .string(obligation.title)),
            ("status", .string(obligation.status.rawValue)),
            ("amount", Self.amount(obligation.amount, digits: obligation.digits)),
            ("reasons", .array(obligation.reasons.map { .string($0.english) })),
        ]
        if includeExplanation { members.append(("explanation", encode(obligation.explanation))) }
        return .object(members)
    }

    public func encode(_ explanation: Explanation) -> JSONValue {
        .object([
            ("article", explanation.article.map(JSONValue.string) ?? .null),
            ("facts", .array(explanation.facts.map { reading in
                .object([("fact", .string(reading.fact)), ("year", reading.year.map { .number(String($0)) } ?? .null),
                         ("value", reading.value.map(Self.encodeValue) ?? .null), ("absent", .bool(reading.value == nil))])
            })),
            ("params", .array(explanation.params.map { param in
                .object([("name", .string(param.name)), ("title", .string(param.title)), ("version_from", .string(param.versionFrom.description)),
                         ("chosen_by", .string(param.chosenBy.description)), ("value", Self.encodeValue(param.value)),
                         ("provenance", .string(param.provenance.rawValue)), ("note", param.note.map(JSONValue.string) ?? .null)])
            })),
            ("conditions", .array(explanation.conditions.map { condition in
                .object([("name", .string(condition.name)), ("description", condition.description.map(JSONValue.string) ?? .null),
                         ("expression", .string(condition.expression)), ("holds", condition.holds.map(JSONValue.bool) ?? .null),
                         ("values", .array(condition.values.map(JSONValue.string)))])
            })),
            ("steps", .array(explanation.steps.map { step in
                .object([("step", .string(step.label)), ("detail", .string(step.detail)), ("value", .string(step.value))])
            })),
        ])
    }

    /// Near-miss values: numbers as decimal strings, like amounts; the rest as `encodeValue`.
    static func encodeNearMissValue(_ value: Value) -> JSONValue {
        if case .number(let n) = value { return .string(n.description) }
        return encodeValue(value)
    }

    /// A value as JSON: numbers as JSON numbers (exact text), dates and text as strings.
    public static func encodeValue(_ value: Value) -> JSONValue {
        switch value {
        case .null: return .null
        case .number(let n): return .number(n.description)
        case .bool(let b): return .bool(b)
        case .text(let t): return .string(t)
        case .date(let d): return .string(d.description)
        case .list(let items): return .array(items.map(encodeValue))
        case .range: return .string(value.description)
        case .titles(let titles): return .array(titles.map { .string($0.description) })
        }
    }
}
