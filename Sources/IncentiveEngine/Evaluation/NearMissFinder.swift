import IncentiveSupport
import PolicyLanguage

/// Finds, for each failed condition of an ineligible rule, a change of one fact that would meet
/// it. A number must enter the comparison linearly (checked exactly at three points), and the
/// answer is rounded to the fact's granularity (a fen of money, one whole person) in the direction
/// that passes; a boolean is flipped; a title or a certificate of Y is added. Undetermined rules
/// get the value an absent fact would need (`NearMissFinder+Absent`). The rule is then
/// re-evaluated with the change, its vetoes too: the amount it would give is reported only when the
/// change alone makes it eligible, so no near miss claims more than it delivers.
struct NearMissFinder {
    let policies: CheckedPolicySet
    let rule: CheckedRule
    let profile: Profile
    let year: Int
    let vetoes: [VetoOutcome]
    /// The rule's vetoes decided again on a changed profile (a change may decide an open veto).
    let vetoesAfter: (Profile) -> [VetoOutcome]

    func find(for outcome: RuleOutcome) -> [NearMiss] {
        if outcome.status == .undetermined { return findForAbsentFacts(outcome) }
        guard outcome.status == .ineligible, !vetoes.contains(where: { $0.fired == true }) else { return [] }
        var misses: [NearMiss] = []
        for condition in rule.cohort + rule.conditions {
            guard let reading = outcome.explanation.conditions.first(where: { $0.name == condition.name }), reading.holds == false else { continue }
            for (fact, factYear, current) in candidates(read: condition) {
                guard let needed = change(condition, fact: fact, year: factYear, current: current) else { continue }
                let path = fact.perYear ? "years.\(factYear).\(fact.name)" : fact.name
                let miss = NearMiss(condition: condition.description ?? condition.name, fact: fact.name, year: fact.perYear ? factYear : nil,
                                    current: current, needed: needed, amount: nil, set: ["\(path)=\(NearMiss.setText(needed))"])
                misses.append(settled(miss, fact: fact, year: factYear))
            }
        }
        return misses
    }

    /// The near miss with the rule re-checked whole on the changed profile: the amount and
    /// `sufficient` only when the change alone makes the rule eligible.
    func settled(_ miss: NearMiss, fact: FactDecl, year factYear: Int) -> NearMiss {
        var miss = miss
        var changed = profile
        changed.set(fact, year: factYear, to: miss.needed)
        let retried = RuleEvaluation(policies: policies, rule: rule, profile: changed, year: year).evaluate(vetoes: vetoesAfter(changed))
        if retried.status == .eligible {
            miss.amount = retried.amountBeforeStacking
            miss.sufficient = true
        }
        return miss
    }

    /// The value of one fact that makes the condition hold: solved exactly for numbers in a
    /// linear comparison; flipped for a boolean; with the title or a certificate of Y added.
    private func change(_ condition: CheckedCondition, fact: FactDecl, year factYear: Int, current: Value?) -> Value? {
        switch (fact.type, current) {
        case (.money, .number(let value)?), (.integer, .number(let value)?), (.number, .number(let value)?):
            guard case .binary(let op, let left, let right) = condition.expr.node, op.isComparison else { return nil }
            return solve(op, left, right, fact: fact, year: factYear, from: value, current: value).map { Value.number($0.value) }
        case (.bool, .bool(let value)?):
            return holds(condition, fact: fact, year: factYear, value: .bool(!value)) ? .bool(!value) : nil
        case (.titles, .titles(let titles)?):
            for name in Self.titleNames(in: condition.expr) where !titles.contains(where: { $0.name == name && $0.effectiveYear == year }) {
                let added = Value.titles(titles + [Title(name: name, year: year, date: nil)])
                if holds(condition, fact: fact, year: factYear, value: added) { return added }
            }
            return nil
        case (.list(.date), .list(let dates)?):
            guard let end = CivilDate.lastDay(ofYear: year), !dates.contains(.date(end)) else { return nil }
            let added = Value.list(dates + [.date(end)])
            return holds(condition, fact: fact, year: factYear, value: added) ? added : nil
        default:
            return nil
        }
    }

    func holds(_ condition: CheckedCondition, fact: FactDecl, year factYear: Int, value: Value) -> Bool {
        var changed = profile
        changed.set(fact, year: factYear, to: value)
        var evaluator = makeEvaluator(changed)
        return evaluator.value(condition.expr) == .bool(true)
    }

    /// Title names a condition asks about: the text constants of its `has_title(…)` calls.
    static func titleNames(in expr: CheckedExpr) -> [String] {
        switch expr.node {
        case .call(.hasTitle, let args):
            if args.count > 1, case .constant(.text(let name)) = args[1].node { return [name] }
            return []
        case .call(_, let items), .list(let items): return items.flatMap(titleNames)
        case .unary(_, let a): return titleNames(in: a)
        case .binary(_, let a, let b), .membership(let a, let b, _), .range(let a, let b, _, _): return titleNames(in: a) + titleNames(in: b)
        case .conditional(let a, let b, let c): return titleNames(in: a) + titleNames(in: b) + titleNames(in: c)
        case .quantified(_, _, let list, let condition): return titleNames(in: list) + titleNames(in: condition)
        default: return []
        }
    }

    /// The facts a condition reads that are present: the ones a change could move.
    private func candidates(read condition: CheckedCondition) -> [(FactDecl, Int, Value?)] {
        var evaluator = makeEvaluator(profile)
        _ = evaluator.value(condition.expr)
        return evaluator.explanation.facts.compactMap { reading in
            guard let fact = policies.factIndex[reading.fact], let value = reading.value else { return nil }
            return (fact, reading.year ?? year, value)
        }
    }

    func makeEvaluator(_ profile: Profile) -> ExpressionEvaluator {
        var evaluator = ExpressionEvaluator(policies: policies, profile: profile, year: year)
        evaluator.versionDateExpr = rule.versionDate
        evaluator.lets = rule.lets
        return evaluator
    }

    /// left − right as a function of the fact's value, or nil where undetermined.
    private func gap(_ left: CheckedExpr, _ right: CheckedExpr, fact: FactDecl, year factYear: Int, value: ExactDecimal) -> ExactDecimal? {
        var changed = profile
        changed.set(fact, year: factYear, to: .number(value))
        var evaluator = makeEvaluator(changed)
        guard let l = evaluator.value(left).number, let r = evaluator.value(right).number else { return nil }
        return l.subtracting(r)
    }

    /// The value nearest `base` at the fact's granularity that passes `left op right`, probing
    /// linearity from `base` (the current value, or zero for an absent fact); `increasing` says
    /// whether larger values pass.
    func solve(_ op: BinaryOperator, _ left: CheckedExpr, _ right: CheckedExpr, fact: FactDecl, year factYear: Int,
               from base: ExactDecimal, current: ExactDecimal?) -> (value: ExactDecimal, increasing: Bool)? {
        let step = ExactDecimal.one
        guard let d0 = gap(left, right, fact: fact, year: factYear, value: base),
              let x1 = base.adding(step), let d1 = gap(left, right, fact: fact, year: factYear, value: x1),
              let x2 = x1.adding(step), let d2 = gap(left, right, fact: fact, year: factYear, value: x2),
              let slope = d1.subtracting(d0), !slope.isZero, d2.subtracting(d1) == slope,
              let shift = d0.dividing(slope), let exact = base.subtracting(shift) else { return nil }
        // Which way the fact must move to pass, and the smallest step of its unit.
        let unit = fact.type == .integer ? ExactDecimal.one : ExactDecimal(numerator: 1, denominator: 100)!
        let digits = fact.type == .integer ? 0 : 2
        let increasing = (op == .greater || op == .greaterOrEqual) == (slope.signum > 0)
        guard var needed = exact.rounded(scale: digits, increasing ? .up : .down) else { return nil }
        for _ in 0..<2 where !passes(op, gap(left, right, fact: fact, year: factYear, value: needed)) {
            needed = (increasing ? needed.adding(unit) : needed.subtracting(unit)) ?? needed
        }
        guard passes(op, gap(left, right, fact: fact, year: factYear, value: needed)), needed != current else { return nil }
        if needed.isNegative, !fact.signed { return nil }
        return (needed, increasing)
    }

    private func passes(_ op: BinaryOperator, _ gap: ExactDecimal?) -> Bool {
        guard let gap else { return false }
        switch op {
        case .greater: return gap.signum > 0
        case .greaterOrEqual: return gap.signum >= 0
        case .less: return gap.signum < 0
        case .lessOrEqual: return gap.signum <= 0
        case .equal: return gap.isZero
        default: return !gap.isZero
        }
    }
}
