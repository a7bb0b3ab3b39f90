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

    static func row(_ profile: SlotProfile, plan: RegionPlan, outcomes: [KernelOutcome], obligations: [KernelOutcome]) -> Row {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160)
        let prefixLength = write(profile, plan: plan, outcomes: outcomes, obligations: obligations, to: &bytes)
        return Row(region: profile.region, bytes: bytes, prefixLength: prefixLength)
    }

    /// Appends the row's bytes to `bytes`; returns the length of its prefix.
    static func write(_ profile: SlotProfile, plan: RegionPlan, outcomes: [KernelOutcome], obligations: [KernelOutcome],
                      to bytes: inout [UInt8]) -> Int {
        let start = bytes.count
        CSVCell.append(profile.creditCode, to: &bytes)
        bytes.append(0x2C)
        CSVCell.append(profile.name ?? "", to: &bytes)
        bytes.append(0x2C)
        CSVCell.append(profile.region, to: &bytes)
        let prefixLength = bytes.count - start
        // The totals of `kinds`, in its order (a tuple: no array per row).
        var totals: (ExactDecimal, ExactDecimal, ExactDecimal) = (.zero, .zero, .zero)
        for (position, outcome) in outcomes.enumerated() {
            if position > 0 { bytes.append(0x2C) }
            guard outcome.status == .eligible else { continue }
            guard let amount = outcome.amount else { bytes.append(contentsOf: "eligible".utf8); continue }
            amount.appendFormatted(scale: plan.ruleDigits[position], to: &bytes)
            switch plan.ruleKinds[position] {
            case 0?: totals.0 = totals.0.adding(amount) ?? .zero
            case 1?: totals.1 = totals.1.adding(amount) ?? .zero
            case 2?: totals.2 = totals.2.adding(amount) ?? .zero
            default: break
            }
        }
        if !outcomes.isEmpty { bytes.append(0x2C) }
        totals.0.appendFormatted(scale: 2, to: &bytes)
        bytes.append(0x2C)
        totals.1.appendFormatted(scale: 2, to: &bytes)
        bytes.append(0x2C)
        totals.2.appendFormatted(scale: 2, to: &bytes)
        for (position, outcome) in obligations.enumerated() {
            bytes.append(0x2C)
            if outcome.status == .eligible, let amount = outcome.amount {
                amount.appendFormatted(scale: plan.obligationDigits[position], to: &bytes)
            }
        }
        return prefixLength
    }

    /// The batch's columns and, per region, how its rows spread over them. A region's cells are
    /// in the batch's column order already (rules by index, the totals, obligations by index), so
    /// spreading a row is copying its cells with empty ones put between: `gaps[i]` empty cells
    /// before the region's cell `i`, and `gaps[cells]` after the last.
    struct Layout: Sendable {
        let rules: [Int]
        let obligations: [Int]
        private var regions: [String] = []
        private var gaps: [[Int]] = []
        /// Each region's place in `regions`, for a batch of many regions (a scan of a handful of
        /// six-digit codes is quicker than hashing; of thousands, much slower).
        private var places: [String: Int] = [:]
        /// Per region, the empty cells its rows get in all.
        private var emptyCells: [Int] = []

        init(plans: [String: RegionPlan]) {
            rules = Set(plans.values.flatMap(\.rules)).sorted()
            obligations = Set(plans.values.flatMap(\.obligations)).sorted()
            for (region, plan) in plans.sorted(by: { $0.key < $1.key }) {
                // Per batch column, whether the region has a cell for it.
                let present = rules.map { plan.rules.contains($0) } + kinds.map { _ in true } + obligations.map { plan.obligations.contains($0) }
                var gaps: [Int] = [], empty = 0
                for has in present {
                    if has { gaps.append(empty); empty = 0 } else { empty += 1 }
                }
                gaps.append(empty)
                places[region] = regions.count
                regions.append(region)
                self.gaps.append(gaps)
                emptyCells.append(gaps.reduce(0, +))
            }
        }

        func header(_ policies: CheckedPolicySet) -> String {
            (["credit_code", "name", "region"] + rules.map { policies.rules[$0].id } + kinds.map { "total_\($0.rawValue)" }
                + obligations.map { policies.obligations[$0].decl.id }).map(CSVCell.quoted).joined(separator: ",") + "\r\n"
        }

        /// Appends one row spread over the batch's columns, CRLF-terminated: the line is laid down
        /// as commas, then the prefix and each run of cells with no empty cell between them are
        /// copied over it (a run keeps its own commas).
        func write(prefix: UnsafeBufferPointer<UInt8>, cells bytes: UnsafeBufferPointer<UInt8>, region: String, into line: inout [UInt8]) {
            let place = regions.count <= 8 ? regions.firstIndex(of: region)! : places[region]!
            let start = line.count
            line.append(contentsOf: repeatElement(0x2C, count: prefix.count + bytes.count + emptyCells[place] + 3))
            // The region's gaps read in place (a copy of its array counted a reference a row).
            gaps[place].withUnsafeBufferPointer { gaps in line.withUnsafeMutableBufferPointer { out in
                var at = start
                copy(prefix, to: out, at: &at)
                // From `runStart`, cells up to the next one preceded by empty cells.
                var runStart = 0, cell = 0, index = 0
                at += 1 + gaps[0]
                while true {
                    let end = index == bytes.count || bytes[index] == 0x2C
                    if end {
                        cell += 1
                        if index == bytes.count || gaps[cell] > 0 {
                            copy(UnsafeBufferPointer(rebasing: bytes[runStart..<index]), to: out, at: &at)
                            if index == bytes.count { break }
                            at += 1 + gaps[cell]
                            runStart = index + 1
                        }
                    }
                    index += 1
                }
                at += gaps[gaps.count - 1]
                out[at] = 0x0D
                out[at + 1] = 0x0A
            } }
        }

        private func copy(_ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutableBufferPointer<UInt8>, at: inout Int) {
            if let base = bytes.baseAddress, !bytes.isEmpty { (out.baseAddress! + at).update(from: base, count: bytes.count) }
            at += bytes.count
        }
    }
}
