import IncentiveEngine

/// One line per record (`line N  label  credit-code`), indented notes and per-rule differences
/// under it, and a summary with the count of each label. The labels are the documented keywords
/// in either language; the words around them follow `--lang`.
struct ReplayRenderer {
    /// Print only entries that are not identical (the summary still counts all).
    var onlyProblems = false
    var english = true

    func render(_ report: ReplayReport, log: String, digest: String) -> String {
        var lines: [String] = []
        for entry in report.entries where !(onlyProblems && entry.label == .identical) {
            lines.append((english ? "line \(entry.line)" : "第 \(entry.line) 行") + "  \(entry.label.rawValue)" + (entry.enterprise.map { "  \($0)" } ?? ""))
            for note in entry.notes { lines.append("    " + note.text(english: english)) }
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
        let records = report.entries.filter { $0.label != .partial }.count
        let counts = ReplayReport.Label.allCases.map { "\(report.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        lines.append(english ? "replay \(log): \(records) record\(records == 1 ? "" : "s"): \(counts) (policy set \(digest))"
                             : "replay \(log)：\(records) 条记录：\(counts)（政策集 \(digest)）")
        return lines.joined(separator: "\n")
    }

    private func outcome(_ status: String?, _ amount: String?) -> String {
        (status ?? "?") + (amount.map { " \($0)" } ?? "")
    }
}
