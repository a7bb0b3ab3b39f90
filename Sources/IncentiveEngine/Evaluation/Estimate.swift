import IncentiveSupport
import PolicyLanguage

/// Everything one enterprise gets for one year: each rule in force with its outcome, the vetoes
/// that were weighed, the obligations that follow, and totals by kind.
public struct Estimate: Sendable, Hashable {
    public let year: Int
    public let creditCode: String
    public let name: String?
    public let region: String
    public var results: [RuleOutcome]
    public var vetoes: [VetoOutcome]
    public var obligations: [ObligationOutcome]

    /// Paid amounts summed by kind (cash, tax, voucher), eligible rules only.
    public var totals: [RuleKind: ExactDecimal] {
        var totals: [RuleKind: ExactDecimal] = [:]
        for result in results where result.status == .eligible {
            guard let amount = result.amount else { continue }
            totals[result.kind] = (totals[result.kind] ?? .zero).adding(amount) ?? .zero
        }
        return totals
    }

    public func result(_ rule: String) -> RuleOutcome? { results.first { $0.rule == rule } }
}
