@testable import IncentiveEngine
import PolicyLanguage
import Testing

/// One enterprise evaluated by the explaining evaluator and by the batch kernel, with the kernel
/// expected to give the same rules in force, statuses and paid amounts, and the same obligations:
/// the comparison the kernel's suites make over their generated profiles.
enum KernelVersusEvaluator {
    typealias Seen = [(id: String, status: RuleOutcome.Status)]

    /// Each rule's and each obligation's id with the evaluator's status, for the caller's coverage checks.
    @discardableResult
    static func expectSame(_ profile: Profile, year: Int, policies: CheckedPolicySet, evaluator: Evaluator,
                           kernel: KernelEvaluator) -> (rules: Seen, obligations: Seen) {
        let expected = evaluator.evaluate(profile, year: year)
        let slots = SlotProfile(profile, slots: kernel.slots)
        let plan = kernel.plan(for: profile.region)
        let outcomes = kernel.evaluate(slots, plan: plan) { _, _ in .null }
        #expect(plan.rules.map { policies.rules[$0].id } == expected.results.map(\.rule), "rules in force, \(profile.creditCode) \(year)")
        var rules: Seen = [], obligationsSeen: Seen = []
        for (result, outcome) in zip(expected.results, outcomes) {
            #expect(result.status == outcome.status, "\(result.rule) \(year): \(profile)")
            #expect(result.paid == outcome.paid, "\(result.rule) \(year): \(result.paid) vs \(outcome.paid)")
            rules.append((result.rule, result.status))
        }
        // Obligations read paid(): an undetermined award leaves them undetermined however the
        // code around it is compiled.
        let obligations = kernel.obligations(slots, plan: plan, outcomes: outcomes)
        #expect(obligations.count == expected.obligations.count)
        for (result, outcome) in zip(expected.obligations, obligations) {
            #expect(result.status == outcome.status, "\(result.id) \(year): \(profile)")
            if result.status == .eligible { #expect(result.amount == outcome.amount, "\(result.id) \(year)") }
            obligationsSeen.append((result.id, result.status))
        }
        return (rules, obligationsSeen)
    }

    /// Every profile compared in `year` (one evaluator, one kernel), and the "id status" of each
    /// rule and obligation the evaluator gave, for the caller's coverage checks.
    static func statusesSeen(_ profiles: [Profile], year: Int, policies: CheckedPolicySet) -> Set<String> {
        let evaluator = Evaluator(policies: policies, findsNearMisses: false, explains: false)
        let kernel = KernelEvaluator(policies: policies, year: year)
        var statuses: Set<String> = []
        for profile in profiles {
            let seen = expectSame(profile, year: year, policies: policies, evaluator: evaluator, kernel: kernel)
            for (id, status) in seen.rules + seen.obligations { statuses.insert("\(id) \(status)") }
        }
        return statuses
    }
}
