import IncentiveSupport
import PolicyLanguage

/// Where a rank sits: a rule, and the expression it ranks by (a rule could rank by two).
struct RankKey: Hashable, Sendable {
    let rule: Int
    let expression: String
}

/// One enterprise's place in one ranking: its rank, or the facts that left its value unknown.
enum RankEntry: Sendable {
    case ranked(Int)
    case undetermined(missing: [String])
}

/// Cohort rankings (`rank(expr)` in a rule's conditions). The cohort of a rule is the batch's
/// enterprises for which the rule is in force (its policy covers their region) and whose values
/// pass the rule's `cohort` filter. Ranking is descending (largest = 1) with competition ranks:
/// ties share a rank and the next rank skips (1, 2, 2, 4), so "rank ≤ 10" may admit more than ten.
/// Enterprises whose filter or value is unknown are not ranked and stay undetermined; they do not
/// push others down.
enum CohortRanking {
    /// The expressions a rule ranks by, found anywhere in its conditions and lets.
    static func rankExpressions(of rule: CheckedRule) -> [CheckedExpr] {
        var found: [CheckedExpr] = []
        for expr in rule.conditions.map(\.expr) + rule.cohort.map(\.expr) + rule.lets.map(\.expr) {
            collect(expr, into: &found)
        }
        return found
    }

    private static func collect(_ expr: CheckedExpr, into found: inout [CheckedExpr]) {
        switch expr.node {
        case .rank(let inner): found.append(inner)
        case .constant, .assessmentYear, .param, .local, .variable, .paid: break
        case .fact(_, let year): if let year { collect(year, into: &found) }
        case .factOver(_, let years): collect(years, into: &found)
        case .unary(_, let operand): collect(operand, into: &found)
        case .binary(_, let left, let right), .range(let left, let right, _, _), .membership(let left, let right, _):
            collect(left, into: &found); collect(right, into: &found)
        case .conditional(let a, let b, let c): collect(a, into: &found); collect(b, into: &found); collect(c, into: &found)
        case .call(_, let arguments), .list(let arguments): arguments.forEach { collect($0, into: &found) }
        case .quantified(_, _, let list, let condition): collect(list, into: &found); collect(condition, into: &found)
        }
    }

    /// One enterprise's value for a ranking: nil when it is not in the cohort (its filter fails);
    /// `.undetermined` when the filter or the value cannot be computed.
    static func value(of inner: CheckedExpr, rule: CheckedRule, policies: CheckedPolicySet, profile: Profile, year: Int) -> Candidate? {
        var evaluator = ExpressionEvaluator(policies: policies, profile: profile, year: year)
        evaluator.versionDateExpr = rule.versionDate
        evaluator.lets = rule.lets
        var unknown = false
        for condition in rule.cohort {
            switch evaluator.value(condition.expr).bool {
            case false?: return nil
            case nil: unknown = true
            case true?: break
            }
        }
        if !unknown, let number = evaluator.value(inner).number { return .value(number) }
        return .undetermined(missing: evaluator.missing.isEmpty ? ["the value ranked (\(inner.text))"] : evaluator.missing)
    }

    enum Candidate: Sendable {
        case value(ExactDecimal)
        case undetermined(missing: [String])
    }

    /// Competition ranks, descending: `values` holds (enterprise, value) pairs; the result maps
    /// each enterprise to its rank. Independent of the input order.
    static func competitionRanks(_ values: [(enterprise: Int, value: ExactDecimal)]) -> [Int: Int] {
        let sorted = values.sorted { $0.value > $1.value }
        var ranks: [Int: Int] = [:]
        ranks.reserveCapacity(sorted.count)
        var rank = 0
        for (position, entry) in sorted.enumerated() {
            if position == 0 || entry.value != sorted[position - 1].value { rank = position + 1 }
            ranks[entry.enterprise] = rank
        }
        return ranks
    }
}
