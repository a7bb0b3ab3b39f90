import IncentiveSupport
import PolicyLanguage

/// Evaluates every rule in force for an enterprise's region and year, then applies, over all of
/// them: group stacking, enterprise limits, and obligations. Pools are decided over a cohort;
/// evaluated alone, an enterprise's pooled amounts are reported before the pool.
public struct Evaluator: Sendable {
    public let policies: CheckedPolicySet
    /// Whether to look for near misses of ineligible and undetermined rules (re-evaluations: off for large batches).
    public var findsNearMisses: Bool
    /// Whether each outcome carries its derivation (facts, parameters, conditions with values, steps).
    public var explains: Bool

    public init(policies: CheckedPolicySet, findsNearMisses: Bool = true, explains: Bool = true) {
        self.policies = policies
        self.findsNearMisses = findsNearMisses
        self.explains = explains
    }

    /// Indices of the rules in force for a region in a year: the policy covers the region and the
    /// rule's window overlaps the year.
    public func rulesInForce(region: String, year: Int) -> [Int] {
        policies.rules.indices.filter { index in
            let rule = policies.rules[index]
            return policies.policies[rule.policy].covers(region: region) && rule.window.overlaps(year: year)
        }
    }

    public func evaluate(_ profile: Profile, year: Int) -> Estimate {
        evaluate(profile, year: year, rank: nil)
    }

    /// - Parameters:
    ///   - rank: per rule, the cohort's ranks (batch); nil leaves rank conditions undetermined.
    ///   - pools: applied after stacking and limits, before obligations (which read paid amounts):
    ///     the batch's pool allocation.
    func evaluate(_ profile: Profile, year: Int, rank: ((CheckedRule) -> ((CheckedExpr, inout ExpressionEvaluator) -> Value)?)?,
                  pools: ((inout Estimate) -> Void)? = nil) -> Estimate {
        let inForce = rulesInForce(region: profile.region, year: year)
        let vetoes = evaluateVetoes(profile, year: year)
        var results: [RuleOutcome] = []
        for index in inForce {
            let rule = policies.rules[index]
            let applicable = vetoes.filter { $0.targets.contains(rule.id) }
            var evaluation = RuleEvaluation(policies: policies, rule: rule, profile: profile, year: year, rank: rank?(rule))
            evaluation.explains = explains
            var outcome = evaluation.evaluate(vetoes: applicable)
            if findsNearMisses, outcome.status != .eligible, rule.kind != .penalty {
                let vetoesAfter = { (changed: Profile) in evaluateVetoes(changed, year: year).filter { $0.targets.contains(rule.id) } }
                outcome.nearMisses = NearMissFinder(policies: policies, rule: rule, profile: profile, year: year, vetoes: applicable,
                                                    vetoesAfter: vetoesAfter).find(for: outcome)
            }
            results.append(outcome)
        }
        var estimate = Estimate(year: year, creditCode: profile.creditCode, name: profile.name, region: profile.region,
                                results: results, vetoes: vetoes, obligations: [])
        Stacking(policies: policies).apply(to: &estimate)
        pools?(&estimate)
        estimate.obligations = evaluateObligations(profile, year: year, results: estimate.results)
        return estimate
    }

    private func evaluateVetoes(_ profile: Profile, year: Int) -> [VetoOutcome] {
        policies.vetoes.compactMap { veto in
            let policy = policies.policies[veto.policy]
            guard policy.covers(region: profile.region), policy.decl.effective.overlaps(year: year) else { return nil }
            var evaluator = ExpressionEvaluator(policies: policies, profile: profile, year: year)
            evaluator.explanation.article = veto.decl.article
            var fired: Bool? = true
            for condition in veto.conditions {
                let (holds, _) = RuleEvaluation.check(condition, &evaluator)
                if holds == false { fired = false; break }
                if holds == nil { fired = nil }
            }
            return VetoOutcome(id: veto.decl.id, title: veto.decl.title, fired: fired,
                               targets: veto.targets.map { policies.rules[$0].id }, explanation: evaluator.explanation)
        }
    }

    private func evaluateObligations(_ profile: Profile, year: Int, results: [RuleOutcome]) -> [ObligationOutcome] {
        policies.obligations.compactMap { obligation in
            let policy = policies.policies[obligation.policy]
            guard policy.covers(region: profile.region), policy.decl.effective.overlaps(year: year) else { return nil }
            var evaluator = ExpressionEvaluator(policies: policies, profile: profile, year: year)
            evaluator.explanation.article = obligation.decl.article
            var pending: [String] = []
            evaluator.paid = { selector in
                var total = ExactDecimal.zero
                for result in results where matches(selector, result) {
                    if result.status == .undetermined { pending.append(result.rule) }
                    total = total.adding(result.paid) ?? total
                }
                return .number(total)
            }
            var outcome = ObligationOutcome(id: obligation.decl.id, title: obligation.decl.title, amount: nil, status: .eligible,
                                            reasons: [], explanation: Explanation(), digits: obligation.roundingDigits)
            for condition in obligation.conditions {
                let (holds, reason) = RuleEvaluation.check(condition, &evaluator)
                if holds != true {
                    outcome.status = holds == false ? .ineligible : .undetermined
                    outcome.reasons.append(reason)
                }
            }
            if outcome.status == .eligible {
                if var amount = evaluator.value(obligation.amount).number {
                    if let digits = obligation.roundingDigits { amount = amount.rounded(scale: digits) ?? amount }
                    outcome.amount = amount
                    outcome.reasons.append("\(obligation.amount.text) = \(amount.formatted(scale: obligation.roundingDigits ?? 2))")
                    evaluator.explanation.steps.append(Explanation.Step(label: "amount", detail: obligation.amount.text, value: amount.description))
                } else {
                    outcome.status = .undetermined
                }
                if !pending.isEmpty {
                    outcome.status = .undetermined
                    outcome.reasons.append(Reason(english: "may rise: \(pending.joined(separator: ", ")) not yet decided",
                                                  chinese: "可能增加：\(pending.joined(separator: "、")) 尚待确定"))
                }
            }
            outcome.explanation = evaluator.explanation
            return outcome
        }
    }

    func matches(_ selector: MemberSelector, _ result: RuleOutcome) -> Bool {
        switch selector {
        case .rule(let id): return result.rule == id
        case .kind(let kind): return result.kind.rawValue == kind
        case .tag(let tag): return policies.rule(result.rule)?.decl.tags.contains(tag) ?? false
        }
    }
}
