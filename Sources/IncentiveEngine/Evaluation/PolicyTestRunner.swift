import IncentiveSupport
import PolicyLanguage

/// Runs the tests written next to the policies: builds each case's profile from its given facts
/// (in the region of the policy that holds the test, unless the case gives `region`), evaluates
/// the case's year, and compares each expected status and amount.
public struct PolicyTestRunner: Sendable {
    public let policies: CheckedPolicySet

    public init(policies: CheckedPolicySet) {
        self.policies = policies
    }

    public struct Failure: Sendable, CustomStringConvertible {
        public let testName: String
        public let location: String
        public let rule: String
        public let expected: String
        public let actual: String

        public var description: String { "\(location): test \"\(testName)\": \(rule): expected \(expected), got \(actual)" }
    }

    public struct Report: Sendable {
        public var passed = 0
        public var failures: [Failure] = []
        public var passedCases: [String] = []
        public var failed: Int { failures.count }
    }

    public func run() -> Report {
        var report = Report()
        for test in policies.tests {
            let failures = run(test)
            if failures.isEmpty {
                report.passed += 1
                report.passedCases.append(test.decl.name)
            } else {
                report.failures += failures
            }
        }
        return report
    }

    public func profile(for test: CheckedTest) -> Profile {
        var profile = Profile(creditCode: "91330726MA28F8XX4Y", name: test.decl.name, region: policies.policies[test.policy].decl.region)
        for given in test.givens {
            if given.fact.name == "region", case .text(let code) = given.value { profile.region = code }
            if given.fact.name == "region", case .number(let code) = given.value { profile.region = code.description }
            profile.set(given.fact, year: given.year ?? test.decl.year, to: given.value == .null ? nil : given.value)
        }
        return profile
    }

    public func run(_ test: CheckedTest) -> [Failure] {
        let estimate = Evaluator(policies: policies).evaluate(profile(for: test), year: test.decl.year)
        let location = place(test.decl.range)
        var failures: [Failure] = []
        for expectation in test.expectations {
            let expected = expectation.status + (expectation.amount.map { " \($0)" } ?? "")
            if let obligation = estimate.obligations.first(where: { $0.id == expectation.rule }) {
                let actual = "due \(obligation.amount?.description ?? "none")"
                if expectation.status != "due" || (expectation.amount != nil && obligation.amount != expectation.amount) {
                    failures.append(Failure(testName: test.decl.name, location: location, rule: expectation.rule, expected: expected, actual: actual))
                }
                continue
            }
            guard let result = estimate.result(expectation.rule) else {
                failures.append(Failure(testName: test.decl.name, location: location, rule: expectation.rule, expected: expected,
                                        actual: "not in force for region \(estimate.region) in \(test.decl.year)"))
                continue
            }
            let paid = result.status == .eligible ? result.amount : nil
            let actual = result.status.rawValue + (paid.map { " \($0)" } ?? "") + (result.reasons.first.map { " (\($0))" } ?? "")
            if result.status.rawValue != expectation.status || (expectation.amount != nil && paid != expectation.amount) {
                failures.append(Failure(testName: test.decl.name, location: location, rule: expectation.rule, expected: expected, actual: actual))
            }
        }
        return failures
    }

    private func place(_ range: SourceRange) -> String {
        guard range.file >= 0, range.file < policies.sources.count else { return "?" }
        return "\(policies.sources[range.file].name):\(policies.sources[range.file].location(of: range.start).line)"
    }
}
