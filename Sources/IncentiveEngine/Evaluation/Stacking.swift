import IncentiveSupport
import PolicyLanguage

/// Groups (就高不重复 `highest`, or `sum` with an optional cap) and enterprise limits, applied to
/// one enterprise's outcomes after every rule's own amount is known.
struct Stacking {
    let policies: CheckedPolicySet

    func apply(to estimate: inout Estimate) {
        let position = Dictionary(estimate.results.enumerated().map { ($1.rule, $0) }, uniquingKeysWith: { a, _ in a })
        for group in policies.groups {
            let members = group.members.compactMap { position[policies.rules[$0].id] }
            guard !members.isEmpty else { continue }
            switch group.decl.mode {
            case .highest: highest(group, members, &estimate.results)
            case .sum:
                if let cap = group.cap { limit(members, to: cap, label: "group \(group.decl.id) (\(group.decl.title))", &estimate.results) }
            }
        }
        for limit in policies.limits {
            let members = limit.members.compactMap { position[policies.rules[$0].id] }
            self.limit(members, to: limit.cap, label: "limit \(limit.decl.id) (\(limit.decl.title))", &estimate.results)
        }
        for pool in policies.pools {
            for member in pool.members.compactMap({ position[policies.rules[$0].id] }) where estimate.results[member].status == .eligible {
                estimate.results[member].amountBeforePool = estimate.results[member].amount
                estimate.results[member].reasons.append(Reason(
                    english: "subject to pool \(pool.decl.id) (\(pool.decl.title), \(pool.size.formatted(scale: 0))): scaled only when the cohort's demand exceeds it",
                    chinese: "受资金池 \(pool.decl.id)（\(pool.decl.title)，\(pool.size.formatted(scale: 0)) 元）约束：全体申报超出时按比例核减"))
            }
        }
    }

    /// The largest eligible amount is paid; ties go to the member listed first. Undetermined
    /// members may still supersede, and say so on the others.
    private func highest(_ group: CheckedGroup, _ members: [Int], _ results: inout [RuleOutcome]) {
        var winner: Int?
        for member in members where results[member].status == .eligible {
            let amount = results[member].amount ?? .zero
            if winner == nil || amount > (results[winner!].amount ?? .zero) { winner = member }
        }
        let open = members.filter { results[$0].status == .undetermined }.map { results[$0].rule }
        for member in members where results[member].status == .eligible {
            if member != winner {
                results[member].amount = .zero
                results[member].reasons.append(Reason(english: "superseded by \(results[winner!].rule) in group \(group.decl.id) (highest only)",
                                                      chinese: "就高不重复：由 \(results[winner!].rule) 取代（\(group.decl.id)）"))
            }
            for other in open {
                results[member].reasons.append(Reason(english: "\(other) may still supersede it in group \(group.decl.id) (highest only)",
                                                      chinese: "就高不重复：\(other) 尚待确定，可能取代本项（\(group.decl.id)）"))
            }
        }
    }

    /// Scales the members' paid amounts down pro rata so they total at most `cap`, rounded to each
    /// rule's digits with the largest remainder, so the total is exactly the cap.
    private func limit(_ members: [Int], to cap: ExactDecimal, label: String, _ results: inout [RuleOutcome]) {
        let paying = members.filter { results[$0].status == .eligible && (results[$0].amount ?? .zero) > .zero }
        let amounts = paying.map { results[$0].amount ?? .zero }
        guard let scaled = Apportionment.scale(amounts, to: cap, digits: paying.map { results[$0].digits ?? 0 }.min() ?? 0) else { return }
        for (offset, member) in paying.enumerated() where scaled[offset] != amounts[offset] {
            results[member].amount = scaled[offset]
            results[member].reasons.append(Reason(english: "scaled by \(label): total limited to \(cap.formatted(scale: 0))",
                                                  chinese: "按 \(label) 核减：合计不超过 \(cap.formatted(scale: 0)) 元"))
        }
    }
}
