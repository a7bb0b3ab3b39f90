/// Checks a log's hash chain and says, per line, what is wrong with it.
///
/// Each record must hash to its own `digest` (else it was edited) and its `prev` must be the
/// digest of the record physically before it. When a link breaks, the verifier works out which
/// line is to blame rather than flagging everything after it:
/// - `prev` matching no record: a record before it was removed (or re-sealed after an edit);
/// - `prev` pointing forward, or a record linked to from an earlier line: reordered;
/// - a record nobody links to while the next record links past it: inserted (this catches a
///   forged line with a valid inner digest: its successor still links to the original record);
/// - the same digest twice: a duplicated line.
/// Removing the *last* record, or forging one at the very end, cannot be seen from the chain
/// alone; keep the last digest elsewhere (or a snapshot of the log's head) to catch that.
public struct ChainVerifier: Sendable {
    /// What the chain needs of one record: its digests and link, not its body (so a long log is
    /// verified without keeping every record in memory).
    public struct Item: Sendable {
        public let line: Int
        /// The digest stored in the record.
        public let digest: String
        public let prev: String?
        /// What the record's contents really hash to (computing it is most of verifying's cost).
        public let recomputedDigest: String
        public let followsPartialLine: Bool

        public var isIntact: Bool { recomputedDigest == digest }

        public init(line: Int, record: DecisionRecord) {
            self.line = line
            digest = record.digest
            prev = record.prev
            recomputedDigest = record.recomputedDigest
            followsPartialLine = record.followsPartialLine
        }
    }

    public init() {}

    /// Tamper findings by line number (lines absent from the result are sound).
    public func verify(_ items: [Item]) -> [Int: [Reason]] {
        var findings: [Int: [Reason]] = [:]
        var position: [String: Int] = [:]
        for (p, item) in items.enumerated() where position[item.digest] == nil {
            position[item.digest] = p
        }
        let predecessor: [Int?] = items.map { $0.prev.flatMap { position[$0] } }
        var linkedFrom: [Int: [Int]] = [:]
        for (q, pred) in predecessor.enumerated() { if let pred { linkedFrom[pred, default: []].append(q) } }
        func note(_ p: Int, _ english: String, _ chinese: String) {
            findings[items[p].line, default: []].append(Reason(english: english, chinese: chinese))
        }
        var explained = Set<Int>()  // positions flagged as moved or inserted

        for (p, item) in items.enumerated() {
            let record = item
            if !item.isIntact {
                note(p, "edited: its contents hash to \(record.recomputedDigest), not the stored \(record.digest)",
                     "被修改：内容的摘要为 \(record.recomputedDigest)，而非记录的 \(record.digest)")
            }
            if let first = position[record.digest], first != p {
                note(p, "duplicate of line \(items[first].line)", "与第 \(items[first].line) 行重复")
                explained.insert(p)
            }
            let prev = record.prev ?? ""
            if prev == DecisionRecord.genesis {
                if p != 0 {
                    note(p, "links to the genesis digest but is not the first record: inserted or reordered", "指向创世摘要却不是第一条记录：被插入或调换了顺序")
                    explained.insert(p)
                }
            } else if let pred = predecessor[p] {
                if pred > p {
                    note(p, "reordered: it links to line \(items[pred].line), which comes after it", "顺序被调换：它指向在其之后的第 \(items[pred].line) 行")
                    explained.insert(p)
                }
            } else {
                let before = p > 0 ? " (or line \(items[p - 1].line) was edited and re-sealed)" : ""
                let beforeZh = p > 0 ? "（或第 \(items[p - 1].line) 行被修改后重新封存）" : ""
                let shown = prev.isEmpty ? "(none)" : prev
                note(p, "a record before it was removed: its prev \(shown) matches no record in the log\(before)",
                     "之前有记录被删除：其 prev \(shown) 与日志中任何记录都不匹配\(beforeZh)")
            }
            if let earlier = linkedFrom[p]?.first(where: { $0 < p }), !explained.contains(p) {
                note(p, "reordered: line \(items[earlier].line), which comes before it, links to it", "顺序被调换：在其之前的第 \(items[earlier].line) 行指向它")
                explained.insert(p)
            }
            if linkedFrom[p] == nil, p + 1 < items.count, let next = predecessor[p + 1], next < p {
                note(p, "inserted: no record links to it; line \(items[p + 1].line) links past it to line \(items[next].line)",
                     "被插入：没有记录指向它；第 \(items[p + 1].line) 行越过它指向第 \(items[next].line) 行")
                explained.insert(p)
            }
        }
        // A link that skips records is sound only when every skipped record was itself flagged.
        for (p, pred) in predecessor.enumerated() {
            guard let pred, pred < p - 1, !explained.contains(p) else { continue }
            let skipped = (pred + 1)..<p
            if !skipped.allSatisfy(explained.contains) {
                note(p, "out of place: it links to line \(items[pred].line), not to line \(items[p - 1].line) just before it",
                     "位置不对：它指向第 \(items[pred].line) 行，而非紧挨其前的第 \(items[p - 1].line) 行")
            }
        }
        return findings
    }
}
