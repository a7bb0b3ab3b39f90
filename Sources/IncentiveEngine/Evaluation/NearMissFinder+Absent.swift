import IncentiveSupport
import PolicyLanguage

/// Near misses of an undetermined rule: for each undecided condition that reads exactly one absent
/// fact, the value that fact would need — solved exactly when the fact enters a comparison
/// linearly (the threshold, on the side that passes), or the one boolean that passes. An absent
/// fact has no current value to move from, so this names the boundary ("needs ≥ 2,000,000") and
/// offers it as the `--set`; the rule is re-checked whole with it, as for ineligible rules.
extension NearMissFinder {
    func findForAbsentFacts(_ outcome: RuleOutcome) -> [NearMiss] {
        // A rank needs the cohort, which no single fact supplies.
        guard !outcome.needsCohort else { return [] }
        var misses: [NearMiss] = []
        for condition in rule.cohort + rule.conditions {
            guard let reading = outcome.explanation.conditions.first(where: { $0.name == condition.name }), reading.holds == nil else { continue }
            let absent = absentFacts(read: condition)
            guard absent.count == 1, let (fact, factYear) = absent.first,
                  let (needed, relation) = requirement(condition, fact: fact, year: factYear) else { continue }
            let path = fact.perYear ? "years.\(factYear).\(fact.name)" : fact.name
            let miss = NearMiss(condition: condition.description ?? condition.name, fact: fact.name, year: fact.perYear ? factYear : nil,
                                current: nil, needed: needed, amount: nil, set: ["\(path)=\(NearMiss.setText(needed))"], relation: relation)
            misses.append(settled(miss, fact: fact, year: factYear))
        }
        return misses
    }

    /// The value the absent fact needs for the condition to hold, and on which side of it values pass.
    private func requirement(_ condition: CheckedCondition, fact: FactDecl, year factYear: Int) -> (Value, NearMiss.Relation)? {
        switch fact.type {
        case .money, .integer, .number:
            guard case .binary(let op, let left, let right) = condition.expr.node, op.isComparison, op != .notEqual,
                  let solved = solve(op, left, right, fact: fact, year: factYear, from: .zero, current: nil) else { return nil }
            return (.number(solved.value), op == .equal ? .exactly : solved.increasing ? .atLeast : .atMost)
        case .bool:
            let passing = [false, true].filter { holds(condition, fact: fact, year: factYear, value: .bool($0)) }
            guard passing.count == 1 else { return nil }
            return (.bool(passing[0]), .exactly)
        default:
            return nil
        }
    }

    /// The declared facts a condition reads that are absent, each once (by name and year).
    private func absentFacts(read condition: CheckedCondition) -> [(FactDecl, Int)] {
        var evaluator = makeEvaluator(profile)
        _ = evaluator.value(condition.expr)
        var found: [(FactDecl, Int)] = []
        for reading in evaluator.explanation.facts where reading.value == nil {
            guard let fact = policies.factIndex[reading.fact] else { continue }
            let factYear = reading.year ?? year
            if !found.contains(where: { $0.0.name == fact.name && $0.1 == factYear }) { found.append((fact, factYear)) }
        }
        return found
    }
}
