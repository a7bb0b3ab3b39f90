import IncentiveEngine

/// One line per record (`line N  label  credit-code`), indented notes, the cohort decisions a
/// batch record was replayed with, and per-rule differences under it; then a summary with the
/// count of each label.
struct ReplayRenderer {
    /// Print only entries that are not identical (the summary still counts all).
    var onlyProblems = false

    func render(_ report: ReplayReport, log: String, digest: String) -> String {
        var lines: [String] = []
        for entry in report.entries where !(onlyProblems && entry.label == .identical) {
            lines.append("line \(entry.line)  \(entry.label.rawValue)" + (entry.enterprise.map { "  \($0)" } ?? ""))
            for note in entry.notes { lines.append("    \(note)") }
            for given in entry.given { lines.append("    given as recorded: \(given)") }
            for difference in entry.differences {
                var text = "    \(difference.rule)"
                if difference.oldStatus != nil || difference.newStatus != nil {
                    text += ": recorded \(outcome(difference.oldStatus, difference.oldAmount)), now \(outcome(difference.newStatus, difference.newAmount))"
                }
                lines.append(text)
                if let parting = difference.parting { lines.append("      parts at \(parting)") }
            }
        }
        for batch in report.batches {
            lines.append("batch \(batch.batch)\(batch.source.map { " (\($0))" } ?? ""): \(batch.note)")
        }
        let records = report.entries.filter { $0.label != .partial }.count
        let counts = ReplayReport.Label.allCases.map { "\(report.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        lines.append("replay \(log): \(records) record\(records == 1 ? "" : "s"): \(counts) (policy set \(digest))")
        let batch = report.entries.filter { !$0.given.isEmpty }.count
        if batch > 0 {
            lines.append("\(batch) record\(batch == 1 ? "" : "s") re-derived with their batch's recorded cohort decisions (ranks, pool outcomes) as given; each batch line above says whether those decisions were decided again from the batch's records")
        }
        return lines.joined(separator: "\n")
    }

    private func outcome(_ status: String?, _ amount: String?) -> String {
        (status ?? "?") + (amount.map { " \($0)" } ?? "")
    }
}
