import IncentiveEngine
import IncentiveSupport
import PolicyLanguage

/// Renders batch results: the wide CSV (one row per enterprise, a column per rule), the long CSV
/// (one row per enterprise and rule), and JSON/JSON Lines through `EstimateEncoder`.
struct BatchRenderer: Sendable {
    /// Rule columns of the wide CSV: every rule in force for some enterprise of the batch.
    let rules: [(id: String, kind: RuleKind)]
    let obligations: [String]
    let encoder: EstimateEncoder
    static let kinds: [RuleKind] = [.cash, .tax, .voucher]

    /// Excel reads a CSV as UTF-8 only when it starts with a BOM.
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    func wideHeader() -> String {
        (["credit_code", "name", "region"] + rules.map(\.id) + Self.kinds.map { "total_\($0.rawValue)" } + obligations)
            .map(Self.cell).joined(separator: ",") + "\r\n"
    }

    func wideRow(_ estimate: Estimate) -> String {
        var byRule: [String: RuleOutcome] = [:]
        for result in estimate.results { byRule[result.rule] = result }
        var cells = [estimate.creditCode, estimate.name ?? "", estimate.region]
        for rule in rules {
            guard let result = byRule[rule.id], result.status == .eligible else { cells.append(""); continue }
            cells.append(result.amount.map { $0.formatted(scale: result.digits ?? 2) } ?? "eligible")
        }
        let totals = estimate.totals
        for kind in Self.kinds { cells.append((totals[kind] ?? .zero).formatted(scale: 2)) }
        for id in obligations {
            let found = estimate.obligations.first { $0.id == id && $0.status == .eligible }
            cells.append(found?.amount.map { $0.formatted(scale: found?.digits ?? 2) } ?? "")
        }
        return cells.map(Self.cell).joined(separator: ",") + "\r\n"
    }

    static let longHeader = "credit_code,name,region,rule,title,kind,status,amount,amount_before_stacking,amount_before_pool,upper_bound,provenance,reasons\r\n"

    func longRows(_ estimate: Estimate) -> String {
        var text = ""
        for result in estimate.results {
            let digits = result.digits ?? 2
            let eligible = result.status == .eligible
            let cells = [estimate.creditCode, estimate.name ?? "", estimate.region, result.rule, result.title, result.kind.rawValue,
                         result.status.rawValue,
                         eligible ? result.amount.map { $0.formatted(scale: digits) } ?? "" : "",
                         eligible ? result.amountBeforeStacking.map { $0.formatted(scale: digits) } ?? "" : "",
                         result.amountBeforePool.map { $0.formatted(scale: digits) } ?? "",
                         result.upperBound ? "true" : "false", result.provenance.rawValue, result.reasons.map(\.english).joined(separator: "; ")]
            text += cells.map(Self.cell).joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// RFC 4180 quoting: a cell is quoted when it holds a comma, a quote or a line break.
    static func cell(_ text: String) -> String { CSVCell.quoted(text) }

    static func pool(_ pool: PoolOutcome) -> JSONValue {
        .object([
            ("pool", .string(pool.id)), ("title", .string(pool.title)), ("policy", .string(pool.policy)),
            ("method", .string(pool.method.rawValue)), ("size", .string(pool.size.formatted(scale: 0))),
            ("demand", .string(pool.demand.formatted(scale: 0))), ("ratio", .string(pool.ratio.formatted(scale: 6))),
            ("paid", .string(pool.paid.formatted(scale: 0))), ("claims", .number(String(pool.claims))),
            ("undetermined", .number(String(pool.undetermined))),
        ])
    }

    static func issue(_ issue: ProfileIssue) -> JSONValue {
        .object([("location", .string(issue.location)), ("field", .string(issue.field)), ("value", .string(issue.value)),
                 ("expected", .string(issue.expected)), ("row_skipped", .bool(issue.fatal))])
    }
}
