import IncentiveSupport
import PolicyLanguage

/// Re-decides a batch's rankings and pools from the batch's own records, and compares with the
/// cohort decisions each record kept.
///
/// Why: replaying one batch record takes its ranks and pool outcome as given (the other
/// enterprises are not in it). But `batch --record` records every enterprise the batch evaluated,
/// and the cohort is exactly those enterprises; so when a log holds all of a batch's records,
/// untampered and under the replaying policy set, the cohort can be decided again from their
/// inputs. Then the replay proves the ranks and allocations too, not only what follows from them.
/// A record whose recorded decisions disagree with the re-decided ones `differs`.
public struct CohortCheck: Sendable {
    let policies: CheckedPolicySet
    let policySetDigest: String

    /// The `options` of a batch record: what `Member` reads back. `batch` names one run of the
    /// batch (unique per run), `position` is 1-based in input order, `count` the batch's size.
    public static func options(source: String, batch: String, position: Int, of count: Int) -> JSONValue {
        .object([
            ("command", .string("batch")), ("source", .string(source)), ("batch", .string(batch)),
            ("enterprise", .number(String(position))), ("enterprises", .number(String(count))),
        ])
    }

    /// What the check needs of one batch record (its input and decisions, not its result), kept
    /// while the rest of the record is let go.
    struct Member: Sendable {
        let line: Int
        let batch: String
        let position: Int
        let count: Int
        let source: String?
        let year: Int?
        let policySet: String?
        let input: JSONValue?
        let decisions: CohortDecisions?

        /// nil for a record that is not part of a batch run.
        init?(_ record: DecisionRecord, line: Int) {
            guard let cohort = record.body["cohort"], let options = record.body["options"], let batch = options["batch"]?.stringValue,
                  let position = options["enterprise"]?.numberText.flatMap({ Int($0) }),
                  let count = options["enterprises"]?.numberText.flatMap({ Int($0) }) else { return nil }
            self.line = line
            self.batch = batch
            self.position = position
            self.count = count
            source = options["source"]?.stringValue
            year = record.year
            policySet = record.policySet
            input = record.input
            decisions = try? CohortDecisions(json: cohort)
        }
    }

    /// Checks every batch found among `members`; marks records whose decisions differ in `entries`
    /// (found by line). Returns one check per batch, in order of first appearance.
    func run(_ all: [Member], entries: inout [ReplayReport.Entry]) -> [ReplayReport.BatchCheck] {
        var order: [String] = []
        var members: [String: [Member]] = [:]
        for member in all {
            if members[member.batch] == nil { order.append(member.batch) }
            members[member.batch, default: []].append(member)
        }
        let entryAt = Dictionary(entries.indices.map { (entries[$0].line, $0) }, uniquingKeysWith: { a, _ in a })
        return order.map { batch in
            let group = members[batch]!.sorted { $0.position < $1.position }
            let source = group[0].source
            func skip(_ why: String) -> ReplayReport.BatchCheck {
                ReplayReport.BatchCheck(batch: batch, source: source, records: group.count, consistent: nil, note: why)
            }
            let expected = group[0].count
            guard group.map(\.position) == Array(1...max(1, expected)), group.allSatisfy({ $0.count == expected }) else {
                return skip("\(group.count) of its \(expected) records are here (or numbered twice): its cohort cannot be decided again")
            }
            guard group.allSatisfy({ entryAt[$0.line].map { entries[$0].label != .tampered } ?? false }) else {
                return skip("some of its records are tampered: its cohort is not decided again")
            }
            let year = group[0].year
            guard let year, group.allSatisfy({ $0.year == year }) else { return skip("its records disagree on the year") }
            guard group.allSatisfy({ $0.policySet == policySetDigest }) else {
                return skip("recorded under another policy set: its cohort is not decided again under these policies")
            }
            let reader = ProfileReader(policies: policies)
            var profiles: [Profile] = []
            var recorded: [CohortDecisions] = []
            for member in group {
                guard let input = member.input, let profile = reader.read(input).profile, let decisions = member.decisions else {
                    return skip("the record on line \(member.line) cannot be read: its cohort is not decided again")
                }
                profiles.append(profile)
                recorded.append(decisions)
            }
            let evaluator = BatchEvaluator(policies: policies, year: year)
            let cohort = evaluator.prepare(profiles)
            var differing = 0
            for (index, member) in group.enumerated() {
                let again = evaluator.decisions(at: index, in: cohort)
                guard again != recorded[index], let at = entryAt[member.line] else { continue }
                differing += 1
                if entries[at].label == .identical { entries[at].label = .differs }
                entries[at].differences.append(RuleDifference(
                    rule: "(cohort)", oldStatus: nil, oldAmount: nil, newStatus: nil, newAmount: nil,
                    parting: "recorded \(recorded[index].summary.joined(separator: "; ")) → decided again from the batch's \(group.count) records: \(again.summary.joined(separator: "; "))"))
            }
            return ReplayReport.BatchCheck(batch: batch, source: source, records: group.count, consistent: differing == 0,
                                           note: differing == 0 ? "ranks and pools decided again from its \(group.count) records: the same as recorded in every record"
                                                                : "ranks and pools decided again from its \(group.count) records: \(differing) record\(differing == 1 ? "" : "s") recorded other decisions")
        }
    }
}
