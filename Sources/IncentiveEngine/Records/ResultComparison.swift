import IncentiveSupport

/// Compares a recorded result with a re-derived one (both as `EstimateEncoder` JSON with
/// explanations). Equality is on canonical JSON, ignoring only `policy_set` (which the caller
/// judges separately); differences are reported per rule with the first explanation item where
/// the two derivations part, so an auditor sees *why*, not only *that*.
public enum ResultComparison {
    public static func differences(recorded: JSONValue, replayed: JSONValue) -> [RuleDifference] {
        let old = without("policy_set", recorded), new = without("policy_set", replayed)
        if JSONWriter.canonical(old) == JSONWriter.canonical(new) { return [] }
        var out: [RuleDifference] = []
        for section in ["results", "obligations"] {
            let olds = keyed(old[section]), news = keyed(new[section])
            var ids = olds.map(\.0)
            for (id, _) in news where !ids.contains(id) { ids.append(id) }
            for id in ids {
                let a = olds.first { $0.0 == id }?.1, b = news.first { $0.0 == id }?.1
                if let a, let b, JSONWriter.canonical(a) == JSONWriter.canonical(b) { continue }
                out.append(RuleDifference(rule: id, oldStatus: a?["status"]?.stringValue ?? (a == nil ? "absent" : nil), oldAmount: amount(a),
                                          newStatus: b?["status"]?.stringValue ?? (b == nil ? "absent" : nil), newAmount: amount(b),
                                          parting: parting(a, b)))
            }
        }
        for member in ["year", "enterprise", "vetoes", "totals"] where out.isEmpty {
            let a = old[member] ?? .null, b = new[member] ?? .null
            if JSONWriter.canonical(a) != JSONWriter.canonical(b) {
                out.append(RuleDifference(rule: "(\(member))", oldStatus: nil, oldAmount: nil, newStatus: nil, newAmount: nil,
                                          parting: "\(member): \(short(a)) → \(short(b))"))
            }
        }
        if out.isEmpty {
            out.append(RuleDifference(rule: "(result)", oldStatus: nil, oldAmount: nil, newStatus: nil, newAmount: nil, parting: "the result's layout differs"))
        }
        return out
    }

    /// The first item of the explanations (article, facts, params, conditions, steps, in that
    /// order) that differs, else the first other member of the result that does.
    static func parting(_ a: JSONValue?, _ b: JSONValue?) -> String? {
        guard let a, let b else { return a == nil ? "the rule was not in the recorded result" : "the rule is no longer in force for this enterprise and year" }
        let ea = a["explanation"] ?? .null, eb = b["explanation"] ?? .null
        if !same(ea["article"], eb["article"]) { return "article: \(short(ea["article"] ?? .null)) → \(short(eb["article"] ?? .null))" }
        for section in ["facts", "params", "conditions", "steps"] {
            let xs = ea[section]?.arrayValue ?? [], ys = eb[section]?.arrayValue ?? []
            for i in 0..<max(xs.count, ys.count) {
                let x = i < xs.count ? xs[i] : nil, y = i < ys.count ? ys[i] : nil
                if !same(x, y) { return "\(section)[\(i)] \(describe(x, section)) → \(describe(y, section))" }
            }
        }
        for member in ["status", "amount_before_stacking", "amount", "reasons", "missing", "near_misses", "provenance"] {
            if !same(a[member], b[member]) { return "\(member): \(short(a[member] ?? .null)) → \(short(b[member] ?? .null))" }
        }
        return nil
    }

    /// Equality of content: member order does not count (a parsed record is in sorted-key order,
    /// a fresh encoding in the encoder's order).
    static func same(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        JSONWriter.canonical(a ?? .null) == JSONWriter.canonical(b ?? .null) && (a == nil) == (b == nil)
    }

    static func describe(_ item: JSONValue?, _ section: String) -> String {
        guard let item else { return "(none)" }
        switch section {
        case "facts":
            let year = item["year"]?.numberText.map { " of \($0)" } ?? ""
            return "\(item["fact"]?.stringValue ?? "?")\(year) = \(short(item["value"] ?? .null))"
        case "params":
            return "\(item["name"]?.stringValue ?? "?") = \(short(item["value"] ?? .null)) (version from \(item["version_from"]?.stringValue ?? "?"))"
        case "conditions":
            return "\(item["name"]?.stringValue ?? "?") holds \(short(item["holds"] ?? .null))"
        default:
            return "\(item["step"]?.stringValue ?? "?"): \(item["detail"]?.stringValue ?? "") = \(item["value"]?.stringValue ?? "")"
        }
    }

    static func amount(_ result: JSONValue?) -> String? {
        guard let value = result?["amount"] else { return nil }
        return value.stringValue ?? value.numberText
    }

    static func keyed(_ list: JSONValue?) -> [(String, JSONValue)] {
        (list?.arrayValue ?? []).map { ($0["rule"]?.stringValue ?? "?", $0) }
    }

    static func without(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object(members.filter { $0.key != key })
    }

    static func short(_ value: JSONValue) -> String {
        let text = value.stringValue ?? JSONWriter.compact(value)
        return text.count > 80 ? String(text.prefix(77)) + "…" : text
    }
}
