import IncentiveSupport
import PolicyLanguage

/// The wide CSV's rows as the kernel writes them: first per region (a cell for each rule and
/// obligation in force there), then spread over the batch's columns (every rule in force for some
/// enterprise), which are known only once the whole file is read. Same cells as
/// `BatchRenderer.wideRow`: the paid amount, `eligible` for an eligible rule without one, empty
/// otherwise; totals by kind; obligations' amounts.
struct WideRows: Sendable {
    static let kinds: [RuleKind] = [.cash, .tax, .voucher]

    /// One enterprise's row before spreading: the quoted prefix (code, name, region) and its
    /// region's cells, comma-separated (cells never hold commas), as bytes.
    struct Row: Sendable {
        var region: String
        var bytes: [UInt8]
        var prefixLength: Int
    }

    static func row(_ profile: SlotProfile, plan: RegionPlan, outcomes: [KernelOutcome], obligations: [KernelOutcome],
                    policies: CheckedPolicySet) -> Row {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160)
        let prefixLength = write(profile, plan: plan, outcomes: outcomes, obligations: obligations, policies: policies, to: &bytes)
        return Row(region: profile.region, bytes: bytes, prefixLength: prefixLength)
    }

    /// Appends the row's bytes to `bytes`; returns the length of its prefix.
    static func write(_ profile: SlotProfile, plan: RegionPlan, outcomes: [KernelOutcome], obligations: [KernelOutcome],
                      policies: CheckedPolicySet, to bytes: inout [UInt8]) -> Int {
        let start = bytes.count
        CSVCell.append(profile.creditCode, to: &bytes)
        bytes.append(0x2C)
        CSVCell.append(profile.name ?? "", to: &bytes)
        bytes.append(0x2C)
        CSVCell.append(profile.region, to: &bytes)
        let prefixLength = bytes.count - start
        var totals: [ExactDecimal] = [.zero, .zero, .zero]
        for (position, outcome) in outcomes.enumerated() {
            if position > 0 { bytes.append(0x2C) }
            guard outcome.status == .eligible else { continue }
            let rule = policies.rules[plan.rules[position]]
            guard let amount = outcome.amount else { bytes.append(contentsOf: "eligible".utf8); continue }
            amount.appendFormatted(scale: rule.roundingDigits ?? 2, to: &bytes)
            if let kind = kinds.firstIndex(of: rule.kind) { totals[kind] = totals[kind].adding(amount) ?? .zero }
        }
        for (offset, total) in totals.enumerated() {
            if offset > 0 || !outcomes.isEmpty { bytes.append(0x2C) }
            total.appendFormatted(scale: 2, to: &bytes)
        }
        for (position, outcome) in obligations.enumerated() {
            bytes.append(0x2C)
            if outcome.status == .eligible, let amount = outcome.amount {
                amount.appendFormatted(scale: policies.obligations[plan.obligations[position]].roundingDigits ?? 2, to: &bytes)
            }
        }
        return prefixLength
    }

    /// The batch's columns and, per region, where each column's cell is in that region's rows.
    struct Layout: Sendable {
        let rules: [Int]
        let obligations: [Int]
        /// Per region: for each column, the position of its cell in that region's rows (nil when
        /// the rule is not in force there), and where the totals start.
        private var sources: [String: (rules: [Int?], totals: Int, obligations: [Int?])] = [:]

        init(plans: [String: RegionPlan]) {
            rules = Set(plans.values.flatMap(\.rules)).sorted()
            obligations = Set(plans.values.flatMap(\.obligations)).sorted()
            for (region, plan) in plans {
                sources[region] = (rules.map { plan.rules.firstIndex(of: $0) }, plan.rules.count,
                                   obligations.map { plan.obligations.firstIndex(of: $0).map { $0 + plan.rules.count + kinds.count } })
            }
        }

        func header(_ policies: CheckedPolicySet) -> String {
            (["credit_code", "name", "region"] + rules.map { policies.rules[$0].id } + kinds.map { "total_\($0.rawValue)" }
                + obligations.map { policies.obligations[$0].decl.id }).map(CSVCell.quoted).joined(separator: ",") + "\r\n"
        }

        /// Appends one row spread over the batch's columns, CRLF-terminated; `starts` is scratch
        /// space, kept by the caller from row to row.
        func write(prefix: ArraySlice<UInt8>, cells: ArraySlice<UInt8>, region: String, into line: inout [UInt8], starts: inout [Int]) {
            let source = sources[region]!
            starts.removeAll(keepingCapacity: true)
            starts.append(cells.startIndex)
            for index in cells.indices where cells[index] == 0x2C { starts.append(index + 1) }
            func cell(_ position: Int) -> ArraySlice<UInt8> {
                cells[starts[position]..<(position + 1 < starts.count ? starts[position + 1] - 1 : cells.endIndex)]
            }
            line.append(contentsOf: prefix)
            for position in source.rules { line.append(0x2C); if let position { line.append(contentsOf: cell(position)) } }
            for offset in 0..<kinds.count { line.append(0x2C); line.append(contentsOf: cell(source.totals + offset)) }
            for position in source.obligations { line.append(0x2C); if let position { line.append(contentsOf: cell(position)) } }
            line.append(0x0D)
            line.append(0x0A)
        }
    }
}
