import IncentiveEngine

/// One line per record (`line N  label  credit-code`), indented notes, the cohort decisions a
/// batch record was replayed with, and per-rule differences under it; then a summary with the
/// count of each label. The labels are the documented keywords in either language; the words
/// around them follow `--lang`.
struct ReplayRenderer {
    /// Print only entries that are not identical (the summary still counts all).
    var onlyProblems = false
    var english = true

    func render(_ report: ReplayReport, log: String, digest: String) -> String {
        var lines: [String] = []
        for entry in report.entries where !(onlyProblems && entry.label == .identical) {
            lines.append((english ? "line \(entry.line)" : "第 \(entry.line) 行") + "  \(entry.label.rawValue)" + (entry.enterprise.map { "  \($0)" } ?? ""))
            for note in entry.notes { lines.append("    " + note.text(english: english)) }
            for given in entry.given { lines.append((english ? "    given as recorded: " : "    按记录采用：") + "\(given)") }
            for difference in entry.differences {
                var text = "    \(difference.rule)"
                if difference.oldStatus != nil || difference.newStatus != nil {
                    let (old, new) = (outcome(difference.oldStatus, difference.oldAmount), outcome(difference.newStatus, difference.newAmount))
                    text += english ? ": recorded \(old), now \(new)" : "：记录为 \(old)，现为 \(new)"
                }
                lines.append(text)
                if let parting = difference.parting { lines.append((english ? "      parts at " : "      分岔于 ") + parting) }
            }
        }
        for batch in report.batches {
            lines.append("batch \(batch.batch)\(batch.source.map { " (\($0))" } ?? ""): \(batch.note)")
        }
        let records = report.entries.filter { $0.label != .partial }.count
        let counts = ReplayReport.Label.allCases.map { "\(report.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        lines.append(english ? "replay \(log): \(records) record\(records == 1 ? "" : "s"): \(counts) (policy set \(digest))"
                             : "replay \(log)：\(records) 条记录：\(counts)（政策集 \(digest)）")
        let batch = report.entries.filter { !$0.given.isEmpty }.count
        if batch > 0 {
            lines.append(english ? "\(batch) record\(batch == 1 ? "" : "s") re-derived with their batch's recorded cohort decisions (ranks, pool outcomes) as given; each batch line above says whether those decisions were decided again from the batch's records"
                                 : "\(batch) 条记录按其批量评估记录的评比决定（名次、资金池结果）重算；上面每个批次行说明这些决定是否已根据该批记录重新判定")
        }
        return lines.joined(separator: "\n")
    }

    private func outcome(_ status: String?, _ amount: String?) -> String {
        (status ?? "?") + (amount.map { " \($0)" } ?? "")
    }
}
