import Dispatch
import IncentiveSupport
import PolicyLanguage

/// The bureau batch's fast path to a wide CSV: the file is cut into records on one thread, and the
/// records are read into slots (`SlotRowReader`) and evaluated (`KernelEvaluator`) on every core,
/// a block of enterprises at a time. Enterprises of regions with no cohort rule are finished in
/// that one pass; of the others only their ranking values and their packed profiles are kept
/// (`PackedSlotProfiles`), evaluated again once the ranks are known, to claim from the pools and then
/// to be finished (`BatchEvaluator`'s order). Memory grows with the output and the cohort, not
/// with the file.
///
/// Rows that are not plain go through `ProfileRowReader` (same values and messages). A file whose
/// enterprises' rows are not adjacent (sorted by year, say) is read a second time, the place of
/// every record held and grouped by enterprise (`GroupedRecords`); problems are reported in row
/// order either way. A file that is not UTF-8 (the command line gives the kernel a UTF-8 copy of a
/// GB18030 file), or whose rows of one enterprise disagree, is left to the general path (`run`
/// returns nil), which handles it all.
public final class KernelBatch: @unchecked Sendable {
    public struct Output: Sendable {
        public let header: String
        public let issues: [ProfileIssue]
        public let pools: [PoolOutcome]
        public let enterprises: Int
        public let rows: Int
        let layout: WideRows.Layout
        /// Every enterprise's row but those of the cohort, which are in `cohortRows` at `cohortPositions`
        /// (or, for the cohort indices in `scaledIndices`, in `scaledRows`).
        let store: WideRowStore
        let cohortRows: WideRowStore
        let cohortPositions: [Int]
        let scaledRows: WideRowStore
        let scaledIndices: [Int]

        /// The data rows, in the order enterprises first appear, `block` enterprises at a time: the
        /// rows of a block are spread over the columns on every core, `chunk` at a time, then
        /// written in order.
        public func writeRows(block: Int = 1 << 15, chunk: Int = 4096, _ write: ([UInt8]) -> Void) {
            for start in stride(from: 0, to: enterprises, by: block) {
                let parts = Parallel.map(start..<min(start + block, enterprises), chunk: chunk) { bytes(of: $0) }
                for part in parts where !part.isEmpty { write(part) }
            }
        }

        /// The lines of the enterprises at `positions`: each from the cohort's rows when its
        /// position is one of `cohortPositions` (ascending), else from the store.
        private func bytes(of positions: Range<Int>) -> [UInt8] {
            store.withRows { store in
                cohortRows.withRows { cohort in
                    scaledRows.withRows { scaled in bytes(of: positions, store: store, cohort: cohort, scaled: scaled) }
                }
            }
        }

        /// The same, from the stores' rows (a scaled row in place of its cohort row).
        private func bytes(of positions: Range<Int>, store: WideRowStore.Rows, cohort: WideRowStore.Rows, scaled: WideRowStore.Rows) -> [UInt8] {
            var buffer: [UInt8] = []
            buffer.reserveCapacity(positions.count * 128)
            // Cohort rows before the first position, found by bisection.
            let low = Self.firstIndex(in: cohortPositions, notBelow: positions.lowerBound)
            var nextCohort = low, stored = positions.lowerBound - low
            // Scaled rows from the first cohort index on, found the same way.
            var nextScaled = Self.firstIndex(in: scaledIndices, notBelow: low)
            for position in positions {
                let row: (prefix: UnsafeBufferPointer<UInt8>, cells: UnsafeBufferPointer<UInt8>, region: String)
                if nextCohort < cohortPositions.count, cohortPositions[nextCohort] == position {
                    if nextScaled < scaledIndices.count, scaledIndices[nextScaled] == nextCohort {
                        row = scaled.row(nextScaled)
                        nextScaled += 1
                    } else {
                        row = cohort.row(nextCohort)
                    }
                    nextCohort += 1
                } else {
                    row = store.row(stored)
                    stored += 1
                }
                layout.write(prefix: row.prefix, cells: row.cells, region: row.region, into: &buffer)
            }
            return buffer
        }

        /// The first index of ascending `values` whose value is `bound` or more (`values.count` if none).
        private static func firstIndex(in values: [Int], notBelow bound: Int) -> Int {
            var low = 0, high = values.count
            while low < high {
                let middle = (low + high) / 2
                if values[middle] < bound { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    let policies: CheckedPolicySet
    /// The compiled kernel of the calling thread (`PerThread`: one compilation per worker).
    var kernel: KernelEvaluator { kernels.instance }
    private let kernels: PerThread<KernelEvaluator>
    let year: Int
    let rowReader: ProfileRowReader
    /// Enterprises per parallel block.
    static let block = 4096

    public init(policies: CheckedPolicySet, year: Int) {
        self.policies = policies
        self.year = year
        kernels = PerThread { KernelEvaluator(policies: policies, year: year) }
        rowReader = ProfileRowReader(policies: policies)
    }

    /// Where a run is, for a progress line.
    public enum Stage: Sendable {
        case read(rows: Int)
        case cohort(enterprises: Int)
    }

    /// The wide CSV of a file, or nil when the file must take the general path.
    public func run(path: String, progress: ((Stage) -> Void)? = nil) throws -> Output? {
        // JSON Lines (by the name, or a first `{`) is the general path's, as `BatchInput.read` decides.
        let probe = try ByteChunkReader(path: path, chunkSize: 4096)
        guard BatchInput.format(path: path, firstBytes: probe.next() ?? []) == .csv else { return nil }
        let source = try ByteChunkReader(path: path)
        var scanner = RecordStream(source: source)
        guard scanner.isUTF8, let headerRecord = scanner.headerRecord() else { return nil }
        let (header, headerIssues) = rowReader.header(headerRecord)
        guard let header, let codeColumn = header.names.firstIndex(of: "credit_code") else { return nil }
        // A reader per thread, as the kernel is (`PerThread`).
        let slots = kernel.slots
        // Per-year facts are held as `YearCell`s: a fact set with another per-year type is the
        // general path's.
        guard slots.perYear.allSatisfy({ YearCell.holds($0.type) }) else { return nil }
        let reader = PerThread { SlotRowReader.Shared(SlotRowReader(header: header, slots: slots)) }

        let fileSize = source.fileSize
        var pass = Pass(issues: headerIssues, rankings: kernel.rankings)
        if let fileSize { pass.reserveCapacity(forFileOf: fileSize) }
        var apart = false
        // The next block is cut from the file on another thread while this one is evaluated; that
        // thread also notes the enterprises seen, to tell whether one's rows are apart.
        let expected = Pass.expectedEnterprises(inFileOf: fileSize ?? 0)
        let ahead = ReadAhead((stream: scanner, seen: SeenKeys(capacity: expected))) { source -> (runs: [RecordStream.Run], apart: Bool)? in
            guard let runs = source.stream.nextRuns(codeColumn: codeColumn, count: Self.block) else { return nil }
            return (runs, runs.contains { !source.seen.insert($0.key) })
        }
        while let (runs, rowsApart) = ahead.next() {
            if rowsApart { apart = true; break }
            guard evaluate(runs, reader: reader, into: &pass) else { return nil }
            progress?(.read(rows: pass.records))
            // The block's records (an array an enterprise, and the pieces of the file they
            // share) are freed on another thread, not here while the next block waits.
            DispatchQueue.global().async { withExtendedLifetime(runs) {} }
        }
        if apart {
            // An enterprise's rows are apart (a file sorted by year, say): read again, each
            // record's place held and grouped by enterprise in the order enterprises first appear.
            pass = Pass(issues: headerIssues, rankings: kernel.rankings)
            if let fileSize { pass.reserveCapacity(forFileOf: fileSize) }
            let grouped = try GroupedRecords(path: path, codeColumn: codeColumn)
            for start in stride(from: 0, to: grouped.enterprises, by: Self.block) {
                let block = start..<min(start + Self.block, grouped.enterprises)
                guard evaluate(block.count, records: grouped.recordCount(block), reader: reader, into: &pass, run: { grouped.run(start + $0) }) else { return nil }
                // Placed by a row the general path drops: its order is the general path's to decide.
                guard !pass.firstRowDropped else { return nil }
                progress?(.read(rows: pass.records))
            }
        }
        // Problems in the order of their rows, as the general path reports them.
        let issues = pass.headerIssues + pass.rowIssues.enumerated()
            .sorted { ($0.element.row, $0.offset) < ($1.element.row, $1.offset) }.map(\.element.issue)
        progress?(.cohort(enterprises: pass.waiting.count))
        // Each ranking sorted on its own core (a quarter of a million values each at 1M).
        let rankings = pass.rankValues
        let ranked = Parallel.map(0..<rankings.count, chunk: 1) { CohortRanking.competitionRanks(rankings[$0.lowerBound]) }
        let (cohortRows, scaledRows, scaledIndices, pools) = finishCohort(pass.waiting, ranks: ranked)
        // The regions met: a scan of the few found so far (a hash of every row's region took
        // milliseconds on the calling thread alone), hashed only when there are many.
        var regions: [String] = [], many: Set<String> = [], previous = ""
        for store in [pass.store, cohortRows] {
            for region in store.regions where region != previous {
                previous = region
                if regions.count < 16 {
                    guard !regions.contains(region) else { continue }
                    regions.append(region)
                    if regions.count == 16 { many = Set(regions) }
                } else if many.insert(region).inserted {
                    regions.append(region)
                }
            }
        }
        let plans = Dictionary(uniqueKeysWithValues: regions.map { ($0, kernel.plan(for: $0)) })
        let layout = WideRows.Layout(plans: plans)
        return Output(header: layout.header(policies), issues: issues, pools: pools, enterprises: pass.enterprises, rows: pass.records,
                      layout: layout, store: pass.store, cohortRows: cohortRows, cohortPositions: pass.waiting.positions,
                      scaledRows: scaledRows, scaledIndices: scaledIndices)
    }

    struct ReadResult {
        var profile: SlotProfile?
        var issues: [(row: Int, issue: ProfileIssue)] = []
        var abandon = false
        /// The enterprise's first row was dropped (a bad region, say) and a later one kept: the
        /// general path places it by its first kept row, which only the adjacent order knows.
        var firstRowDropped = false
    }

    /// One enterprise's rows, read and put together: each simple row straight into the profile
    /// (`SlotRowReader`, which takes the arrays of `spare`, an enterprise done with), any other
    /// through `ProfileRowReader` and merged.
    ///
    /// Written into the caller's `result` (new, empty): a result made here and returned was
    /// copied on the way out (its profile's references counted up and down).
    func read(_ run: RecordStream.Run, reader: SlotRowReader, kernel: KernelEvaluator, spare: inout SlotProfile?, into result: inout ReadResult) {
        var firstRowKept = false
        // The fields of the record being read, and of the reference's, in one buffer on the stack
        // for all the enterprise's records, each half with room for one more than the header has
        // (a record with more is the general path's either way).
        let room = reader.header.columns.count + 1
        withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: 2 * room) { buffer in
            buffer.initialize(repeating: 0..<0)
            let fields = UnsafeMutableBufferPointer(rebasing: buffer[..<room])
            let kept = UnsafeMutableBufferPointer(rebasing: buffer[room...])
            var reference: SlotRowReader.Reference?
            for (index, record) in run.records.enumerated() {
                if index == 1 { firstRowKept = result.profile != nil }
                // Every cell the reader reads is checked as UTF-8 where it decodes it; a record with
                // unread columns is checked whole (the general path decodes every field).
                if reader.hasIgnoredColumns, !record.isUTF8 { result.abandon = true; return }
                if let count = record.cutFields(into: fields) {
                    let cut = UnsafeBufferPointer(rebasing: fields[..<count])
                    let outcome = record.withBytes { reader.read($0, fields: cut, reference: reference, into: &result.profile, spare: &spare) }
                    // The first row read this way: later rows compare their static cells with its bytes.
                    if outcome == .read, reference == nil {
                        _ = kept.update(fromContentsOf: cut)
                        reference = SlotRowReader.Reference(record, fields: UnsafeBufferPointer(rebasing: kept[..<count]))
                    }
                    switch outcome {
                    case .read: continue
                    case .notUTF8, .conflict: result.abandon = true; return
                    case .general: break
                    }
                }
                guard let csv = record.csv() else { result.abandon = true; return }
                let (general, rowIssues) = rowReader.row(csv, header: reader.header)
                result.issues += rowIssues.map { (record.row, $0) }
                guard let general, !general.years.isEmpty else { continue }
                guard SlotRowReader.merge(SlotProfile(general.profile, slots: kernel.slots), into: &result.profile, slots: kernel.slots) else {
                    result.abandon = true
                    return
                }
            }
            result.firstRowDropped = run.records.count > 1 && !firstRowKept && result.profile != nil
        }
    }
}
