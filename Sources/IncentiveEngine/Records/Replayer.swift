import IncentiveSupport
import PolicyLanguage

/// Verifies a log's chain and re-derives every decision in it with the given policies, comparing
/// each with what was recorded. Reads the input each record kept (not a parsed profile) so a
/// change in how profiles are read shows up as a difference too.
public struct Replayer: Sendable {
    public let policies: CheckedPolicySet
    public let policySetDigest: String

    public init(policies: CheckedPolicySet, policySetDigest: String) {
        self.policies = policies
        self.policySetDigest = policySetDigest
    }

    /// Records parsed and re-derived at once: bounds the records held in memory (the rest of a
    /// long log is kept only as its lines' bytes and what the chain and the batch check need).
    static let block = 512

    private enum Parsed: Sendable {
        case record(ChainVerifier.Item, ReplayReport.Entry, CohortCheck.Member?)
        case unreadable(String)
    }

    /// Replays a whole log given as its bytes.
    public func replay(log bytes: [UInt8]) -> ReplayReport {
        let lines = LogLines(bytes)
        let complete = lines.complete
        var links: [ChainVerifier.Item] = []
        var members: [CohortCheck.Member] = []
        var unreadable: [(line: Int, why: String)] = []
        var entries: [ReplayReport.Entry] = []
        // Parsing and re-deriving records are independent per line: a block at a time, on every
        // core, in line order. The chain is verified afterwards, over what each record links.
        for start in stride(from: 0, to: complete.count, by: Self.block) {
            let block = start..<min(start + Self.block, complete.count)
            let parsed = Parallel.map(block, chunk: 16) { range in
                range.map { index -> Parsed in
                    let line = complete[index]
                    do throws(DecisionRecord.ParseError) {
                        let record = try DecisionRecord.parse(line: line.text(in: bytes))
                        return .record(ChainVerifier.Item(line: line.number, record: record), replay(record, line: line.number, findings: []),
                                       CohortCheck.Member(record, line: line.number))
                    } catch {
                        return .unreadable(error.message)
                    }
                }
            }.joined()
            for (index, outcome) in zip(block, parsed) {
                switch outcome {
                case .record(let link, let entry, let member):
                    links.append(link)
                    entries.append(entry)
                    if let member { members.append(member) }
                case .unreadable(let why):
                    unreadable.append((complete[index].number, why))
                }
            }
        }
        let findings = ChainVerifier().verify(links)
        for index in entries.indices {
            if let found = findings[entries[index].line], !found.isEmpty {
                entries[index].label = .tampered
                entries[index].notes = found + entries[index].notes
            }
        }
        for (line, why) in unreadable {
            // Torn by a crash only if the record after it says it was appended after a torn line.
            let next = links.first { $0.line > line }
            if let next, next.followsPartialLine {
                entries.append(.init(line: line, label: .partial, notes: [Reason(english: "incomplete record left by an interrupted append; the record on line \(next.line) continues the chain",
                                                                                 chinese: "追加中断留下的不完整记录；第 \(next.line) 行的记录接续哈希链")], differences: []))
            } else {
                entries.append(.init(line: line, label: .tampered, notes: [Reason(english: "not a valid record: \(why)", chinese: "不是有效的记录：\(why)")], differences: []))
            }
        }
        if let tail = lines.partialTail {
            entries.append(.init(line: tail.number, label: .partial,
                                 notes: [Reason(english: "last line is incomplete (\(tail.range.count) bytes, no newline): an append was interrupted; it is not replayed",
                                                chinese: "最后一行不完整（\(tail.range.count) 字节，无换行）：追加被中断；不予重算")], differences: []))
        }
        entries.sort { $0.line < $1.line }
        let batches = CohortCheck(policies: policies, policySetDigest: policySetDigest).run(members, entries: &entries)
        return ReplayReport(entries: entries, batches: batches)
    }

    /// Replays one record; `findings` are the chain verifier's notes for its line.
    public func replay(_ record: DecisionRecord, line: Int, findings: [Reason]) -> ReplayReport.Entry {
        var entry = ReplayReport.Entry(line: line, label: .identical, enterprise: record.input?["credit_code"]?.stringValue, notes: findings, differences: [])
        if !findings.isEmpty { entry.label = .tampered }
        guard let input = record.input, let year = record.year, let recorded = record.result else {
            entry.label = .tampered
            entry.notes.append(Reason(english: "lacks its input, year or result", chinese: "缺少输入、年度或结果"))
            return entry
        }
        let read = ProfileReader(policies: policies).read(input)
        if let profile = read.profile, let estimate = evaluate(profile, year: year, record: record, entry: &entry) {
            let replayed = EstimateEncoder(policySetDigest: policySetDigest, includeExplanation: true).encode(estimate)
            entry.differences = ResultComparison.differences(recorded: recorded, replayed: replayed) + poolDrift(record, replayed: replayed)
        } else if read.profile != nil {
            entry.differences = [RuleDifference(rule: "(cohort)", oldStatus: nil, oldAmount: nil, newStatus: nil, newAmount: nil, parting: "recorded cohort decisions unreadable")]
        } else {
            entry.notes.append(Reason(english: "its input cannot be read with these policies: " + read.issues.map(\.description).joined(separator: "; "),
                                      chinese: "按这些政策无法读取其输入：" + read.issues.map { $0.text(english: false) }.joined(separator: "；")))
            entry.differences = [RuleDifference(rule: "(input)", oldStatus: nil, oldAmount: nil, newStatus: nil, newAmount: nil, parting: "input rejected")]
        }
        if let engine = record.body["engine"]?.stringValue, engine != EngineVersion.current {
            entry.notes.append(Reason(english: "recorded by \(engine); replayed by \(EngineVersion.current)",
                                      chinese: "记录时引擎为 \(engine)；重算时为 \(EngineVersion.current)"))
        }
        if entry.label == .tampered { return entry }
        if record.policySet != policySetDigest {
            entry.label = .policyChanged
            let recordedSet = record.policySet ?? "(none)"
            entry.notes.append(Reason(english: "recorded under policy set \(recordedSet), replayed under \(policySetDigest)",
                                      chinese: "记录时的政策集为 \(recordedSet)，重算时为 \(policySetDigest)"))
            if let changed = changedFiles(record) { entry.notes.append(Reason(english: "files changed: \(changed)", chinese: "变化的文件：\(changed)")) }
            if entry.differences.isEmpty { entry.notes.append(Reason(english: "no impact on this decision", chinese: "对本决定没有影响")) }
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
            entry.notes.append(Reason(english: "its cohort decisions cannot be read: \(error.message)", chinese: "无法读取其评比决定：\(error.message)"))
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
/// Lines are ranges of the log's bytes, decoded only when parsed.
struct LogLines: Sendable {
    struct Line: Sendable {
        let number: Int
        let range: Range<Int>

        func text(in bytes: [UInt8]) -> String { String(decoding: bytes[range], as: UTF8.self) }
    }

    var complete: [Line] = []
    var partialTail: Line?

    init(_ bytes: [UInt8]) {
        var start = 0, number = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            number += 1
            if index > start { complete.append(Line(number: number, range: start..<index)) }
            start = index + 1
        }
        if start < bytes.count {
            partialTail = Line(number: number + 1, range: start..<bytes.count)
        }
    }
}
