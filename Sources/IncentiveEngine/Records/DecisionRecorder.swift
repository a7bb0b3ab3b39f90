import IncentiveSupport
import PolicyLanguage

/// What `estimate --record` and `batch --record` call: evaluate as usual, then hand each
/// enterprise's input, year, options and estimate here; the record is built, chained and synced
/// before this returns.
public struct DecisionRecorder: Sendable {
    public var builder: DecisionRecordBuilder
    public let log: DecisionLog

    public init(logPath: String, policies: CheckedPolicySet, policySetDigest: String) {
        self.builder = DecisionRecordBuilder(policies: policies, policySetDigest: policySetDigest)
        self.log = DecisionLog(path: logPath)
    }

    /// One decision: one durable record.
    /// - Parameter options: how it was asked, e.g. `{"command": "estimate", "source": "a.json"}`.
    @discardableResult
    public func record(input: JSONValue, year: Int, options: JSONValue, estimate: Estimate) throws(DecisionLog.Failure) -> DecisionRecord {
        try log.append(builder.body(input: input, year: year, options: options, estimate: estimate))
    }

    public struct Decision: Sendable {
        public let input: JSONValue
        public let year: Int
        public let options: JSONValue
        public let estimate: Estimate
        /// A batch's decisions about this enterprise (ranks, pools); nil outside a batch.
        public let cohort: CohortDecisions?

        public init(input: JSONValue, year: Int, options: JSONValue, estimate: Estimate, cohort: CohortDecisions? = nil) {
            self.input = input
            self.year = year
            self.options = options
            self.estimate = estimate
            self.cohort = cohort
        }
    }

    /// Many decisions under one lock and one fsync (a batch chunk), chained in the given order.
    @discardableResult
    public func record(_ decisions: [Decision]) throws(DecisionLog.Failure) -> [DecisionRecord] {
        try log.append(decisions.map { builder.body(input: $0.input, year: $0.year, options: $0.options, estimate: $0.estimate, cohort: $0.cohort) })
    }
}
