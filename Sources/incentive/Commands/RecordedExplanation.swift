import Foundation
import IncentiveEngine
import IncentiveSupport

/// `explain --record LOG --line N [RULE]`: reads one line of a decision log and prints the
/// derivation it holds. Nothing is re-evaluated, so this works without the policies of the time;
/// `replay` is what checks the derivation still holds.
enum RecordedExplanation {
    static func run(_ args: Arguments, log: String) throws -> Int32 {
        guard let lineText = args.value("line"), let number = Int(lineText), number >= 1 else {
            throw Arguments.UsageError(message: "explain --record LOG needs --line N (a line number of the log, from 1)")
        }
        guard args.positional.count <= 1 else {
            throw Arguments.UsageError(message: "explain --record takes at most one rule id; found \(args.positional.count) arguments")
        }
        let lines = try Console.readFile(log).split(separator: "\n", omittingEmptySubsequences: false)
        guard number <= lines.count, !lines[number - 1].isEmpty else {
            throw Arguments.UsageError(message: "\(log): no line \(number) (the log has \(lines.last?.isEmpty == true ? lines.count - 1 : lines.count) lines)")
        }
        let record: DecisionRecord
        do { record = try DecisionRecord.parse(line: String(lines[number - 1])) } catch {
            Console.error("incentive: \(log):\(number): not a decision record: \(error)")
            return 1
        }
        let rule = args.positional.first
        if let rule, !(record.result?["results"]?.arrayValue ?? []).contains(where: { $0["rule"]?.stringValue == rule }),
           !(record.result?["obligations"]?.arrayValue ?? []).contains(where: { $0["rule"]?.stringValue == rule }) {
            throw Arguments.UsageError(message: "the record at \(log):\(number) has no result for rule '\(rule)'")
        }
        let english = try args.choice("lang", of: ["zh", "en"], default: "zh") == "en"
        Console.print(RecordRenderer(english: english).render(record, line: number, rule: rule))
        return record.isIntact ? 0 : 1
    }
}
