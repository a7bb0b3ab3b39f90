import IncentiveSupport
import PolicyLanguage

/// Re-derives every decision in a log with the given policies and compares, after verifying the
/// chain. Reads the input each record kept (not a parsed profile) so a change in how profiles are
/// read shows up as a difference too.
public struct Replayer: Sendable {
    public let policies: CheckedPolicySet
    public let policySetDigest: String

    public init(policies: CheckedPolicySet, policySetDigest: String) {
        self.policies = policies
        self.policySetDigest = policySetDigest
    }

    /// Replays a whole log given as its bytes.
    public func replay(log bytes: [UInt8]) -> ReplayReport {
        let lines = LogLines(bytes)
        // Parsing and re-deriving records are independent per line: both run on every core, in
        // line order; only the chain is verified in one pass.
        let complete = lines.complete
        let parsed = Parallel.map(complete.indices, chunk: 64) { range in
            range.map { index -> Result<ChainVerifier.Item, DecisionRecord.ParseError> in
                Result { () throws(DecisionRecord.ParseError) in
                    ChainVerifier.Item(line: complete[index].number, record: try DecisionRecord.parse(line: complete[index].text))
                }
            }
        }.joined()
        var items: [ChainVerifier.Item] = []
        var unreadable: [(line: Int, why: String)] = []
        for (line, result) in zip(complete, parsed) {
            switch result {
            case .success(let item): items.append(item)
            case .failure(let error): unreadable.append((line.number, error.message))
            }
        }
        let findings = ChainVerifier().verify(items)
        var entries: [ReplayReport.Entry] = []
        for (line, why) in unreadable {
            // Torn by a crash only if the record after it says it was appended after a torn line.
            let next = items.first { $0.line > line }
            if next?.record.followsPartialLine == true {
                entries.append(.init(line: line, label: .partial, notes: ["incomplete record left by an interrupted append; the record on line \(next!.line) continues the chain"], differences: []))
            } else {
                entries.append(.init(line: line, label: .tampered, notes: ["not a valid record: \(why)"], differences: []))
            }
        }
        let verified = items
        entries += Parallel.map(verified.indices, chunk: 16) { range in
            range.map { replay(verified[$0].record, line: verified[$0].line, findings: findings[verified[$0].line] ?? []) }
        }.joined()
        if let tail = lines.partialTail {
            entries.append(.init(line: tail.number, label: .partial,
                                 notes: ["last line is incomplete (\(tail.text.utf8.count) bytes, no newline): an append was interrupted; it is not replayed"], differences: []))
        }
        entries.sort { $0.line < $1.line }
        let batches = CohortCheck(policies: policies, policySetDigest: policySetDigest).run(items, entries: &entries)
        return ReplayReport(entries: entries, batches: batches)
    }

    /// Replays one record; `findings` are the chain verifier's notes for its line.
    public func replay(_ record: DecisionRecord, line: Int, findings: [String]) -> ReplayReport.Entry {
        var entry = ReplayReport.Entry(line: line, label: .identical, enterprise: record.input?["credit_code"]?.stringValue, notes: findings, differences: [])
        if !findings.isEmpty { entry.label = .tampered }
        guard let input = record.input, let year = record.year, let recorded = record.result else {
            entry.label = .tampered
            entry.notes.append("lacks its input, year or result")
            return entry
        }
        let read = ProfileReader(policies: policies).read(input)
        if let profile = read.profile, let estimate = evaluate(profile, year: year, record: record, entry: &entry) {
            let replayed = EstimateEncoder(policySetDigest: policySetDigest, includeExplanation: true).encode(estimate)
            entry.differences = ResultComparison.differences(recorded: recorded, replayed: replayed) + poolDrift(record, replayed: replayed)
        } else if read.profile != nil {
            entry.differences = [RuleDifference(rule: "(cohort)", oldStatus: nil, oldAmount: nil, newStatus: nil, newAmount: nil, parting: "recorded cohort decisions unreadable")]
        } else {
            entry.notes.append("its input cannot be read with these policies: " + read.issues.map(\.description).joined(separator: "; "))
            entry.differences = [RuleDifference(rule: "(input)", oldStatus: nil, oldAmount: nil, newStatus: nil, newAmount: nil, parting: "input rejected")]
        }
        if let engine = record.body["engine"]?.stringValue, engine != EngineVersion.current {
            entry.notes.append("recorded by \(engine); replayed by \(EngineVersion.current)")
        }
        if entry.label == .tampered { return entry }
        if record.policySet != policySetDigest {
            entry.label = .policyChanged
            entry.notes.append("recorded under policy set \(record.policySet ?? "(none)"), replayed under \(policySetDigest)")
            if let changed = changedFiles(record) { entry.notes.append("files changed: \(changed)") }
            if entry.differences.isEmpty { entry.notes.append("no impact on this decision") }
        } else if !entry.differences.isEmpty {
            entry.label = .differs
        }
        return entry
    }
}

extension Replayer {
    /// Evaluates as the record was made: alone (estimate), or, for a batch record (one with a
    /// `cohort` member), through the batch evaluator with the recorded ranks and pool outcomes as
    /// given inputs, which `entry.given` lists. nil (with a note) when those decisions do not read.
    func evaluate(_ profile: Profile, year: Int, record: DecisionRecord, entry: inout ReplayReport.Entry) -> Estimate? {
        guard let json = record.body["cohort"] else { return Evaluator(policies: policies).evaluate(profile, year: year) }
        let decisions: CohortDecisions
        do { decisions = try CohortDecisions(json: json) } catch {
            entry.notes.append("its cohort decisions cannot be read: \(error.message)")
            return nil
        }
        entry.given = decisions.summary
        return BatchEvaluator(policies: policies, year: year).evaluate(profile, given: decisions)
    }

    /// Where the recorded allocation can no longer be right: the pool's size or method is not what
    /// these policies say, or the enterprise's claim on it (its amount before the pool) changed. A
    /// replay that takes the allocation as given cannot show that impact, so it is a difference.
    func poolDrift(_ record: DecisionRecord, replayed: JSONValue) -> [RuleDifference] {
        guard let json = record.body["cohort"], let decisions = try? CohortDecisions(json: json) else { return [] }
        var seen = Set<String>(), out: [RuleDifference] = []
        func claim(_ result: JSONValue?, _ rule: String) -> String? {
            let found = result?["results"]?.arrayValue?.first { $0["rule"]?.stringValue == rule }?["amount_before_pool"]
            return found?.stringValue ?? found?.numberText
        }
        for allocation in decisions.allocations {
            let old = claim(record.result, allocation.rule), new = claim(replayed, allocation.rule)
            if old != new {
                out.append(RuleDifference(rule: allocation.rule, oldStatus: nil, oldAmount: nil, newStatus: nil, newAmount: nil,
                                          parting: "claim on pool \(allocation.pool.id): \(old ?? "none") → \(new ?? "none"); the allocation was taken as recorded: re-run the batch to re-decide it"))
            }
        }
        for allocation in decisions.allocations where seen.insert(allocation.pool.id).inserted {
            let recorded = allocation.pool
            let now = policies.pools.first { $0.decl.id == recorded.id }
            let change: String? = if let now {
                now.size != recorded.size ? "size \(recorded.size) → \(now.size)"
                    : now.decl.method != recorded.method ? "method \(recorded.method.rawValue) → \(now.decl.method.rawValue)" : nil
            } else { "the pool no longer exists" }
            if let change {
                out.append(RuleDifference(rule: recorded.id, oldStatus: nil, oldAmount: nil, newStatus: nil, newAmount: nil,
                                          parting: "pool \(change); the allocation was taken as recorded: re-run the batch to re-decide it"))
            }
        }
        return out
    }

    /// The policy files whose digest differs from the record's (added, removed or edited).
    func changedFiles(_ record: DecisionRecord) -> String? {
        guard let recorded = record.body["policy_files"]?.objectMembers else { return nil }
        var current: [String: String] = [:]
        for source in policies.sources { current[source.name] = PolicySetDigest.fileDigest(source) }
        var names = Set(current.keys)
        for member in recorded { names.insert(member.key) }
        let changed = names.sorted().filter { name in recorded.first { $0.key == name }?.value.stringValue != current[name] }
        return changed.isEmpty ? nil : changed.joined(separator: ", ")
    }
}

/// A log split into lines: complete ones (ended by a newline) and an incomplete tail, if any.
struct LogLines {
    struct Line {
        let number: Int
        let text: String
    }

    var complete: [Line] = []
    var partialTail: Line?

    init(_ bytes: [UInt8]) {
        var start = 0, number = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            number += 1
            if index > start { complete.append(Line(number: number, text: String(decoding: bytes[start..<index], as: UTF8.self))) }
            start = index + 1
        }
        if start < bytes.count {
            partialTail = Line(number: number + 1, text: String(decoding: bytes[start...], as: UTF8.self))
        }
    }
}
