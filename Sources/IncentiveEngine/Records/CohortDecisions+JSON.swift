import IncentiveSupport
import PolicyLanguage

/// The `cohort` member of a batch decision record, and reading it back. Amounts are exact decimal
/// strings; reading names the member, the value found and what was expected, because a record that
/// does not read is reported, never guessed at.
extension CohortDecisions {
    public var json: JSONValue {
        .object([
            ("ranks", .array(ranks.map { rank in
                var members: [(String, JSONValue)] = [("rule", .string(rank.rule)), ("by", .string(rank.by))]
                if let place = rank.rank {
                    members += [("rank", .number(String(place))), ("among", .number(String(rank.among ?? 0)))]
                } else {
                    members.append(("missing", .array(rank.missing.map(JSONValue.string))))
                }
                return .object(members)
            })),
            ("pools", .array(allocations.map { allocation in
                let pool = allocation.pool
                return .object([
                    ("rule", .string(allocation.rule)), ("pool", .string(pool.id)), ("title", .string(pool.title)),
                    ("policy", .string(pool.policy)), ("method", .string(pool.method.rawValue)),
                    ("size", .string(pool.size.description)), ("demand", .string(pool.demand.description)),
                    ("paid", .string(pool.paid.description)), ("claims", .number(String(pool.claims))),
                    ("undetermined", .number(String(pool.undetermined))), ("allocated", .string(allocation.amount.description)),
                ])
            })),
        ])
    }

    public init(json: JSONValue) throws(Invalid) {
        guard json.objectMembers != nil else { throw Invalid(message: "cohort: found \(json.typeName), expected an object with \"ranks\" and \"pools\"") }
        let rankItems = try Self.array(json, "ranks", at: "cohort")
        let poolItems = try Self.array(json, "pools", at: "cohort")
        ranks = []
        for (i, item) in rankItems.enumerated() {
            let at = "cohort.ranks[\(i)]"
            let rule = try Self.string(item, "rule", at: at), by = try Self.string(item, "by", at: at)
            if item["rank"] != nil {
                ranks.append(Rank(rule: rule, by: by, rank: try Self.count(item, "rank", at: at, least: 1),
                                  among: try Self.count(item, "among", at: at, least: 1), missing: []))
            } else {
                let missing = try Self.array(item, "missing", at: at).enumerated().map { (j, m) throws(Invalid) -> String in
                    guard let text = m.stringValue else { throw Invalid(message: "\(at).missing[\(j)]: found \(m.typeName), expected a string") }
                    return text
                }
                ranks.append(Rank(rule: rule, by: by, rank: nil, among: nil, missing: missing))
            }
        }
        allocations = []
        for (i, item) in poolItems.enumerated() {
            let at = "cohort.pools[\(i)]"
            let methodText = try Self.string(item, "method", at: at)
            guard let method = PoolMethod(rawValue: methodText) else {
                throw Invalid(message: "\(at).method: found \"\(methodText)\", expected \"prorata\" or \"rank\"")
            }
            let pool = PoolOutcome(id: try Self.string(item, "pool", at: at), title: try Self.string(item, "title", at: at),
                                   policy: try Self.string(item, "policy", at: at), method: method,
                                   size: try Self.amount(item, "size", at: at), demand: try Self.amount(item, "demand", at: at),
                                   paid: try Self.amount(item, "paid", at: at), claims: try Self.count(item, "claims", at: at, least: 0),
                                   undetermined: try Self.count(item, "undetermined", at: at, least: 0))
            allocations.append(Allocation(rule: try Self.string(item, "rule", at: at), pool: pool, amount: try Self.amount(item, "allocated", at: at)))
        }
    }

    private static func array(_ json: JSONValue, _ key: String, at: String) throws(Invalid) -> [JSONValue] {
        guard let items = json[key]?.arrayValue else { throw Invalid(message: "\(at).\(key): found \(json[key]?.typeName ?? "nothing"), expected an array") }
        return items
    }

    private static func string(_ json: JSONValue, _ key: String, at: String) throws(Invalid) -> String {
        guard let text = json[key]?.stringValue else { throw Invalid(message: "\(at).\(key): found \(json[key]?.typeName ?? "nothing"), expected a string") }
        return text
    }

    private static func count(_ json: JSONValue, _ key: String, at: String, least: Int) throws(Invalid) -> Int {
        guard let text = json[key]?.numberText, let value = Int(text), value >= least else {
            throw Invalid(message: "\(at).\(key): found \(json[key].map { JSONWriter.compact($0) } ?? "nothing"), expected a whole number ≥ \(least)")
        }
        return value
    }

    private static func amount(_ json: JSONValue, _ key: String, at: String) throws(Invalid) -> ExactDecimal {
        guard let text = json[key]?.stringValue, let value = ExactDecimal(parsing: text), !value.isNegative else {
            throw Invalid(message: "\(at).\(key): found \(json[key].map { JSONWriter.compact($0) } ?? "nothing"), expected an amount as a decimal string (\"833333\")")
        }
        return value
    }
}
