import Foundation
import IncentiveEngine
import IncentiveSupport

/// `explain --record LOG --line N [RULE]`: reads one line of a decision log and prints the
/// derivation it holds. Nothing is re-evaluated, so this works without the policies of the time;
/// `replay` is what checks the derivation still holds.
enum RecordedExplanation {
    static func run(_ args: Arguments, log: String) throws -> Int32 {
        guard let lineText = args.value("line"), let number = Int(lineText), number >= 1 else {
            throw Arguments.UsageError("explain --record LOG needs --line N (a line number of the log, from 1)", "explain --record LOG 需要 --line N（日志的行号，从 1 起）")
        }
        guard args.positional.count <= 1 else {
            throw Arguments.UsageError("explain --record takes at most one rule id; found \(args.positional.count) arguments", "explain --record 最多接受一个规则编号；实际给出 \(args.positional.count) 个参数")
        }
        let lines = try Console.readFile(log).split(separator: "\n", omittingEmptySubsequences: false)
        guard number <= lines.count, !lines[number - 1].isEmpty else {
            let count = lines.last?.isEmpty == true ? lines.count - 1 : lines.count
            throw Arguments.UsageError("\(log): no line \(number) (the log has \(count) lines)", "\(log)：没有第 \(number) 行（日志共 \(count) 行）")
        }
        let record: DecisionRecord
        do { record = try DecisionRecord.parse(line: String(lines[number - 1])) } catch {
            Console.error(Language.say("incentive: \(log):\(number): not a decision record: \(error)", "incentive：\(log):\(number)：不是决定记录：\(error)"))
            return 1
        }
        let rule = args.positional.first
        if let rule, !(record.result?["results"]?.arrayValue ?? []).contains(where: { $0["rule"]?.stringValue == rule }),
           !(record.result?["obligations"]?.arrayValue ?? []).contains(where: { $0["rule"]?.stringValue == rule }) {
            throw Arguments.UsageError("the record at \(log):\(number) has no result for rule '\(rule)'", "\(log):\(number) 的记录中没有规则 '\(rule)' 的结果")
        }
        let english = try args.choice("lang", of: ["zh", "en"], default: "zh") == "en"
        Console.print(RecordRenderer(english: english).render(record, line: number, rule: rule))
        return record.isIntact ? 0 : 1
    }
}
