import IncentiveEngine
import IncentiveSupport

/// The derivation stored in a decision record, printed without re-evaluating anything: per rule
/// its outcome, the document and article it rests on, then the facts, parameter versions,
/// conditions and steps exactly as recorded, each step tagged with that article.
struct RecordRenderer {
    let english: Bool

    func render(_ record: DecisionRecord, line: Int, rule: String?) -> String {
        let body = record.body
        var out = ["record at line \(line): \(body["input"]?["credit_code"]?.stringValue ?? "?") \(body["input"]?["name"]?.stringValue ?? "")",
                   "  year \(body["year"]?.numberText ?? "?"), policy set \(record.policySet ?? "?"), \(body["engine"]?.stringValue ?? "?"), recorded \(body["recorded_at"]?.stringValue ?? "?")",
                   "  digest \(record.digest)\(record.isIntact ? "" : "  (DOES NOT MATCH ITS CONTENTS: edited)")"]
        let results = (body["result"]?["results"]?.arrayValue ?? []) + (body["result"]?["obligations"]?.arrayValue ?? [])
        for result in results {
            let id = result["rule"]?.stringValue ?? "?"
            if let rule, rule != id { continue }
            out.append("")
            out.append(contentsOf: renderRule(result, citation: body["citations"]?[id]))
        }
        return out.joined(separator: "\n")
    }

    private func renderRule(_ result: JSONValue, citation: JSONValue?) -> [String] {
        let amount = result["amount"]?.stringValue.map { " \($0)" } ?? ""
        var lines = ["\(result["rule"]?.stringValue ?? "?") \(result["title"]?.stringValue ?? ""): \(result["status"]?.stringValue ?? "?")\(amount)"]
        let e = result["explanation"] ?? .null
        let article = e["article"]?.stringValue ?? citation?["article"]?.stringValue
        if let citation {
            let number = citation["document_number"]?.stringValue.map { " \($0)" } ?? ""
            lines.append("├─ \(english ? "document" : "文件"): 《\(citation["document"]?.stringValue ?? "?")》\(number) [\(citation["policy"]?.stringValue ?? "?")]")
        }
        if let article { lines.append("├─ \(english ? "article" : "条款"): \(article)") }
        let basis = article.map { "  ⟨\($0)⟩" } ?? ""
        for fact in e["facts"]?.arrayValue ?? [] {
            let year = fact["year"]?.numberText.map { " (\($0))" } ?? ""
            lines.append("├─ \(english ? "fact" : "事实") \(fact["fact"]?.stringValue ?? "?")\(year) = \(text(fact["value"]))")
        }
        for param in e["params"]?.arrayValue ?? [] {
            lines.append("├─ \(english ? "parameter" : "参数") \(param["name"]?.stringValue ?? "?") \(param["title"]?.stringValue ?? "") = \(text(param["value"])) "
                         + "[\(english ? "version from" : "版本自") \(param["version_from"]?.stringValue ?? "?"), \(param["provenance"]?.stringValue ?? "?")]")
        }
        for condition in e["conditions"]?.arrayValue ?? [] {
            let mark = condition["holds"]?.boolValue.map { $0 ? "✓" : "✗" } ?? "?"
            lines.append("├─ \(mark) \(condition["name"]?.stringValue ?? "?") \(condition["description"]?.stringValue ?? ""): \(condition["expression"]?.stringValue ?? "")")
        }
        for step in e["steps"]?.arrayValue ?? [] {
            lines.append("├─ \(step["step"]?.stringValue ?? "?"): \(step["detail"]?.stringValue ?? "") = \(step["value"]?.stringValue ?? "")\(basis)")
        }
        for reason in result["reasons"]?.arrayValue ?? [] { lines.append("├─ \(reason.stringValue ?? "")") }
        lines.append("└─ \(english ? "provenance" : "数据来源"): \(result["provenance"]?.stringValue ?? "?")")
        return lines
    }

    private func text(_ value: JSONValue?) -> String {
        guard let value else { return "?" }
        if value.isNull { return english ? "absent" : "缺失" }
        return value.stringValue ?? JSONWriter.compact(value)
    }
}
