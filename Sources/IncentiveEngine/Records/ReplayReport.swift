/// What `replay` found, one entry per log line that holds (or should hold) a record.
public struct ReplayReport: Sendable {
    public enum Label: String, Sendable, CaseIterable {
        /// Re-derived byte for byte (ignoring only the policy-set member, which is equal anyway).
        case identical
        /// Same policy set, different result: the engine or the environment changed.
        case differs
        /// Recorded under another policy set: re-evaluated anyway; the differences are the impact.
        case policyChanged = "policy-changed"
        /// The record or the chain around it was edited, removed, inserted or reordered.
        case tampered
        /// A torn line left by an interrupted append; nothing on it can be replayed.
        case partial
    }

    public struct Entry: Sendable {
        public let line: Int
        public var label: Label
        /// The enterprise's credit code, when the line could be read.
        public var enterprise: String?
        /// Why the label (tamper findings, policy digests, input problems), in English and Chinese.
        public var notes: [Reason]
        public var differences: [RuleDifference]
        /// For a batch record: the cohort decisions (ranks, pool outcomes) taken as recorded, not
        /// re-decided, because the other enterprises of the batch are not in this record.
        public var given: [String] = []
    }

    public var entries: [Entry]

    /// A batch whose records are in the log: whether its cohort could be decided again from them,
    /// and whether that agreed with what each record kept (`CohortCheck`).
    public struct BatchCheck: Sendable {
        public let batch: String
        public let source: String?
        public let records: Int
        /// nil when the cohort was not decided again (`note` says why).
        public let consistent: Bool?
        public let note: String
    }

    public var batches: [BatchCheck] = []

    public func count(_ label: Label) -> Int { entries.filter { $0.label == label }.count }

    /// Exit status 0 only when every record is identical and no line is partial.
    public var allIdentical: Bool { entries.allSatisfy { $0.label == .identical } }
}

/// How one rule's outcome differs between the record and the replay.
public struct RuleDifference: Sendable, Hashable {
    public let rule: String
    public let oldStatus: String?
    public let oldAmount: String?
    public let newStatus: String?
    public let newAmount: String?
    /// The first explanation item where the two derivations part ("steps[1] cap: … → …").
    public let parting: String?
}
