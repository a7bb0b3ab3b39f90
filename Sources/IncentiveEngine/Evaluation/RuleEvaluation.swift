import IncentiveSupport
import PolicyLanguage

/// Evaluates one rule for one enterprise, in the order of design.md: conditions (cohort filter
/// first), vetoes, formula, cap and floor, rounding. Stacking, limits and pools come after, over
/// all rules (see `Evaluator`).
struct RuleEvaluation {
    let policies: CheckedPolicySet
    let rule: CheckedRule
    let profile: Profile
    let year: Int
    /// Ranks from the cohort, when evaluating a batch.
    var rank: ((CheckedExpr, inout ExpressionEvaluator) -> Value)?
    /// Whether to record the derivation (off for batch outputs that show only amounts).
    var explains = true

    func evaluate(vetoes: [VetoOutcome]) -> RuleOutcome {
        var evaluator = ExpressionEvaluator(policies: policies, profile: profile, year: year)
        evaluator.versionDateExpr = rule.versionDate
        evaluator.rank = rank
        evaluator.isExplaining = explains
        evaluator.explanation.article = rule.decl.article
        evaluator.provenances.append(rule.provenance)
        evaluator.lets = rule.lets
        var outcome = RuleOutcome(rule: rule.id, title: rule.title, kind: rule.kind, status: .eligible, amount: nil, amountBeforeStacking: nil,
                                  amountBeforePool: nil, upperBound: rule.decl.upTo, reasons: [], missing: [], needsCohort: false,
                                  provenance: rule.provenance, explanation: Explanation(), nearMisses: [], digits: rule.roundingDigits)
        var failed: [Reason] = [], unknown: [Reason] = []
        for (index, condition) in (rule.cohort + rule.conditions).enumerated() {
            let (holds, reason) = Self.check(condition, &evaluator, isCohort: index < rule.cohort.count)
            switch holds {
            case true?: break
            case false?: failed.append(reason)
            case nil: unknown.append(reason)
            }
            if index < rule.cohort.count, holds == false { break }
        }
        let firedVetoes = vetoes.filter { $0.fired == true }
        let openVetoes = vetoes.filter { $0.fired == nil }
        if !failed.isEmpty {
            outcome.status = .ineligible
            outcome.reasons = failed + firedVetoes.map { Reason(english: "also vetoed by \($0.id) (\($0.title))", chinese: "且被一票否决：\($0.id)（\($0.title)）") }
        } else if !firedVetoes.isEmpty {
            outcome.status = .ineligible
            outcome.reasons = firedVetoes.map { Reason(english: "vetoed by \($0.id) (\($0.title))", chinese: "一票否决：\($0.id)（\($0.title)）") }
        } else if !unknown.isEmpty || !openVetoes.isEmpty {
            outcome.status = .undetermined
            outcome.reasons = unknown + openVetoes.map {
                Reason(english: "veto \($0.id) (\($0.title)) may apply: missing \(Self.absentFacts($0.explanation))",
                       chinese: "可能适用一票否决 \($0.id)（\($0.title)）：缺少 \(Self.absentFacts($0.explanation, chinese: true))")
            }
            outcome.missing = evaluator.missing
            outcome.needsCohort = evaluator.missing.contains("cohort")
            for veto in openVetoes {
                for fact in veto.explanation.facts where fact.value == nil {
                    let name = fact.year.map { "\(fact.fact) of \($0)" } ?? fact.fact
                    if !outcome.missing.contains(name) { outcome.missing.append(name) }
                }
            }
        } else if let amountExpr = rule.amount {
            computeAmount(amountExpr, &evaluator, into: &outcome)
            // Figures written `report` are shown for the reader even when the amount does not use
            // them (the super deduction's loss carried forward).
            for slot in rule.lets.indices where rule.lets[slot].isReported {
                if let figure = evaluator.value(CheckedExpr.local(slot, rule.lets[slot])).number, !figure.isZero {
                    let label = rule.lets[slot].description ?? rule.lets[slot].name
                    outcome.reasons.append(Reason(english: "\(rule.lets[slot].name) = \(figure.formatted(scale: rule.roundingDigits ?? 2))",
                                                  chinese: "\(label)：\(figure.formatted(scale: rule.roundingDigits ?? 2))"))
                }
            }
        } else {
            outcome.reasons = [rule.kind == .info ? Reason(english: "information only: no computable text", chinese: "仅供参考：无可计算的条文")
                                                  : Reason(english: "all conditions hold", chinese: "全部条件满足")]
        }
        outcome.provenance = evaluator.provenances.max() ?? rule.provenance
        outcome.explanation = evaluator.explanation
        return outcome
    }

    /// Evaluates a condition, records it in the explanation, and says why it failed or is unknown.
    static func check(_ condition: CheckedCondition, _ evaluator: inout ExpressionEvaluator, isCohort: Bool = false) -> (Bool?, Reason) {
        guard evaluator.isExplaining else { return checkBriefly(condition, &evaluator, isCohort: isCohort) }
        let factsBefore = evaluator.explanation.facts.count
        let missingBefore = evaluator.missing.count
        let value = evaluator.value(condition.expr)
        let readings = evaluator.explanation.facts[factsBefore...]
        let read = readings.map { reading in
            "\(reading.fact)\(reading.year.map { " of \($0)" } ?? "") = \(reading.value.map(display) ?? "absent")"
        }
        let readZh = readings.map { reading in
            "\(reading.fact)\(reading.year.map { "（\($0)）" } ?? "") = \(reading.value.map(display) ?? "缺失")"
        }
        let holds = value.bool
        evaluator.explanation.conditions.append(Explanation.ConditionReading(
            name: condition.name, description: condition.description, expression: condition.expr.text, holds: holds, values: read))
        let label = condition.description.map { "\($0) [\(condition.expr.text)]" } ?? "[\(condition.expr.text)]"
        let values = read.isEmpty ? "" : " with " + read.joined(separator: ", ")
        let valuesZh = readZh.isEmpty ? "" : "，其中 " + readZh.joined(separator: "，")
        switch holds {
        case true?: return (true, "")
        case false?:
            return (false, Reason(english: "\(isCohort ? "not in the cohort: " : "")condition \(condition.name) fails: \(label)\(values)",
                                  chinese: "\(isCohort ? "不在评比范围：" : "")不满足条件 \(condition.name)：\(label)\(valuesZh)"))
        case nil:
            let missing = Array(evaluator.missing[missingBefore...])
            if missing.contains("cohort") {
                return (nil, Reason(english: "condition \(condition.name) undetermined: \(label): needs the cohort (ranked among the enterprises evaluated together)",
                                    chinese: "条件 \(condition.name) 待定：\(label)：需在全体申报企业中排名（批量评估）"))
            }
            let list = missing.joined(separator: ", "), listZh = missing.map(Reason.chineseFactName).joined(separator: "、")
            return (nil, Reason(english: "condition \(condition.name) undetermined: \(label): " + (missing.isEmpty ? "cannot be decided" : "missing \(list)"),
                                chinese: "条件 \(condition.name) 待定：\(label)：" + (missing.isEmpty ? "无法判定" : "缺少 \(listZh)")))
        }
    }

    /// The condition's value with a short reason and no derivation: the batch's fast path.
    private static func checkBriefly(_ condition: CheckedCondition, _ evaluator: inout ExpressionEvaluator, isCohort: Bool) -> (Bool?, Reason) {
        let missingBefore = evaluator.missing.count
        let holds = evaluator.value(condition.expr).bool
        switch holds {
        case true?: return (true, "")
        case false?:
            return (false, Reason(english: "\(isCohort ? "not in the cohort: " : "")condition \(condition.name) fails",
                                  chinese: "\(isCohort ? "不在评比范围：" : "")不满足条件 \(condition.name)"))
        case nil:
            let missing = evaluator.missing[missingBefore...].joined(separator: ", ")
            return (nil, Reason(english: "condition \(condition.name) undetermined: missing \(missing)", chinese: "条件 \(condition.name) 待定：缺少 \(missing)"))
        }
    }

    static func display(_ value: Value) -> String {
        if case .text(let text) = value { return text }
        return value.description
    }

    static func absentFacts(_ explanation: Explanation, chinese: Bool = false) -> String {
        explanation.facts.filter { $0.value == nil }.map { reading in
            reading.year.map { chinese ? "\(reading.fact)（\($0)）" : "\(reading.fact) of \($0)" } ?? reading.fact
        }.joined(separator: chinese ? "、" : ", ")
    }

    /// Formula → cap → floor → rounding, each a step of the explanation.
    private func computeAmount(_ amountExpr: CheckedExpr, _ evaluator: inout ExpressionEvaluator, into outcome: inout RuleOutcome) {
        let missingBefore = evaluator.missing.count
        guard var amount = evaluator.value(amountExpr).number else {
            outcome.status = .undetermined
            let missing = Array(evaluator.missing[missingBefore...])
            outcome.missing = missing
            let list = missing.joined(separator: ", "), listZh = missing.map(Reason.chineseFactName).joined(separator: "、")
            outcome.reasons = [Reason(english: "amount \(amountExpr.text) cannot be computed: " + (missing.isEmpty ? "undetermined" : "missing \(list)"),
                                      chinese: "金额 \(amountExpr.text) 无法计算：" + (missing.isEmpty ? "待定" : "缺少 \(listZh)"))]
            return
        }
        evaluator.explanation.steps.append(Explanation.Step(label: "amount", detail: amountExpr.text, value: amount.description))
        if let capExpr = rule.cap {
            guard let cap = evaluator.value(capExpr).number else {
                outcome.status = .undetermined
                outcome.reasons = [Reason(english: "cap \(capExpr.text) cannot be computed", chinese: "上限 \(capExpr.text) 无法计算")]
                return
            }
            if amount > cap {
                evaluator.explanation.steps.append(Explanation.Step(label: "cap", detail: "\(amount) > cap \(capExpr.text) = \(cap)", value: cap.description))
                outcome.reasons.append(Reason(english: "capped at \(cap)", chinese: "按上限 \(cap) 封顶"))
                amount = cap
            } else {
                evaluator.explanation.steps.append(Explanation.Step(label: "cap", detail: "\(amount) ≤ cap \(capExpr.text) = \(cap)", value: amount.description))
            }
        }
        if let floorExpr = rule.floor, let floor = evaluator.value(floorExpr).number, amount < floor {
            evaluator.explanation.steps.append(Explanation.Step(label: "floor", detail: "\(amount) < floor \(floorExpr.text) = \(floor)", value: floor.description))
            amount = floor
        }
        if let digits = rule.roundingDigits, let rounded = amount.rounded(scale: digits), rounded != amount {
            evaluator.explanation.steps.append(Explanation.Step(label: "round", detail: "half up to \(digits == 0 ? "the yuan" : "\(digits) decimals")", value: rounded.formatted(scale: digits)))
            amount = rounded
        }
        outcome.amount = amount
        outcome.amountBeforeStacking = amount
        outcome.reasons.insert("\(amountExpr.text) = \(amount.formatted(scale: rule.roundingDigits ?? 2))", at: 0)
    }
}
