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
        var items: [ChainVerifier.Item] = []
        var unreadable: [(line: Int, why: String)] = []
        for line in lines.complete {
            do { items.append(ChainVerifier.Item(line: line.number, record: try DecisionRecord.parse(line: line.text))) }
            catch { unreadable.append((line.number, error.message)) }
        }
        let findings = ChainVerifier().verify(items)
        var entries: [ReplayReport.Entry] = []
        for (line, why) in unreadable {
            // Torn by a crash only if the record after it says it was appended after a torn line.
            let next = items.first { $0.line > line }
            if next?.record.followsPartialLine == true {
                entries.append(.init(line: line, label: .partial, notes: [Reason(english: "incomplete record left by an interrupted append; the record on line \(next!.line) continues the chain",
                                                                                 chinese: "追加中断留下的不完整记录；第 \(next!.line) 行的记录接续哈希链")], differences: []))
            } else {
                entries.append(.init(line: line, label: .tampered, notes: [Reason(english: "not a valid record: \(why)", chinese: "不是有效的记录：\(why)")], differences: []))
            }
        }
        for item in items {
            entries.append(replay(item.record, line: item.line, findings: findings[item.line] ?? []))
        }
        if let tail = lines.partialTail {
            entries.append(.init(line: tail.number, label: .partial,
                                 notes: [Reason(english: "last line is incomplete (\(tail.text.utf8.count) bytes, no newline): an append was interrupted; it is not replayed",
                                                chinese: "最后一行不完整（\(tail.text.utf8.count) 字节，无换行）：追加被中断；不予重算")], differences: []))
        }
        entries.sort { $0.line < $1.line }
        return ReplayReport(entries: entries)
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
        if let profile = read.profile {
            let estimate = Evaluator(policies: policies).evaluate(profile, year: year)
            let replayed = EstimateEncoder(policySetDigest: policySetDigest, includeExplanation: true).encode(estimate)
            entry.differences = ResultComparison.differences(recorded: recorded, replayed: replayed)
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
