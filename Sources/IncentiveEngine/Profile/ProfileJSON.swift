import IncentiveSupport
import PolicyLanguage

/// A profile written back in profile.md's JSON contract, the form `ProfileReader` reads.
///
/// Why: a batch reads CSV rows (or JSON Lines), and an enterprise's rows need not be adjacent, so
/// there is no single piece of text "as given" to keep. Its decision record keeps this JSON of the
/// profile that was evaluated instead, so `replay` reads batch and estimate records the same way.
/// Reading the result back gives the same `Profile` (`BatchRecording` checks it per record).
public enum ProfileJSON {
    /// Members in a fixed order: identity, static facts by name, then `years` by year.
    public static func encode(_ profile: Profile, facts: [String: FactDecl]) -> JSONValue {
        var members: [JSONMember] = [JSONMember(key: "credit_code", value: .string(profile.creditCode))]
        if let name = profile.name { members.append(JSONMember(key: "name", value: .string(name))) }
        members.append(JSONMember(key: "region", value: .string(profile.region)))
        // `credit_code`, `name` and `region` are declared facts too; written once, above.
        members += encode(profile.staticFacts.filter { !ProfileReader.identityFields.contains($0.key) }, facts: facts)
        if !profile.yearFacts.isEmpty {
            let years = profile.yearFacts.keys.sorted().map { year in
                JSONMember(key: String(year), value: .object(encode(profile.yearFacts[year]!, facts: facts)))
            }
            members.append(JSONMember(key: "years", value: .object(years)))
        }
        return .object(members)
    }

    private static func encode(_ values: [String: Value], facts: [String: FactDecl]) -> [JSONMember] {
        values.keys.sorted().compactMap { name in
            guard let json = encode(values[name]!, type: facts[name]?.type) else { return nil }
            return JSONMember(key: name, value: json)
        }
    }

    /// Integers as JSON numbers, other numbers (money, percent) as exact decimal strings, as in
    /// profile.md's example; nil for an absent value (never written as zero).
    static func encode(_ value: Value, type: ValueType?) -> JSONValue? {
        switch value {
        case .null, .range: return nil
        case .number(let n): return type == .integer ? .number(n.description) : .string(n.description)
        case .bool(let b): return .bool(b)
        case .text(let t): return .string(t)
        case .date(let d): return .string(d.description)
        case .list(let items): return .array(items.compactMap { encode($0, type: nil) })
        case .titles(let titles):
            return .array(titles.map { title in
                if let date = title.date { return .object([("title", .string(title.name)), ("date", .string(date.description))]) }
                return .object([("title", .string(title.name)), ("year", .number(String(title.year ?? 0)))])
            })
        }
    }
}
