import Foundation
import IncentiveSupport
import PolicyLanguage

/// The first pass over the file: each block of enterprises read and evaluated on every core, 64
/// at a time into a `Chunk` (rows and packed profiles end to end in one buffer each, not an array
/// per enterprise), and the chunks gathered in order on the calling thread.
extension KernelBatch {
    /// What the first pass has gathered so far.
    struct Pass {
        let headerIssues: [ProfileIssue]
        var rowIssues: [(row: Int, issue: ProfileIssue)] = []
        var store = WideRowStore()
        var waiting = PackedSlotProfiles()
        /// By ranking number (`KernelEvaluator.firstRanking`): the waiting enterprises' values.
        var rankValues: [[(enterprise: Int, value: ExactDecimal)]]
        var records = 0, enterprises = 0
        /// An enterprise's first row was dropped and a later one kept (`ReadResult.firstRowDropped`).
        var firstRowDropped = false

        init(issues: [ProfileIssue], rankings: Int) {
            headerIssues = issues
            rankValues = Array(repeating: [], count: rankings)
        }

        /// Room for what a file of `size` bytes gives, estimated from the CSV contract (an
        /// enterprise's three rows take about 600 bytes; its wide row about a fifth of that, its
        /// packed profile about a half, and a quarter of the enterprises wait for a cohort); a
        /// store that outgrows it doubles as before. Only what is written is paged in.
        mutating func reserveCapacity(forFileOf size: Int) {
            let size = Self.sizeToPlanFor(size)
            store.reserveCapacity(rows: size / 500, bytes: size / 4)
            waiting.reserveCapacity(enterprises: size / 500 / 3, bytes: size / 8)
        }

        /// About how many enterprises a file of `size` bytes holds (see `reserveCapacity`).
        static func expectedEnterprises(inFileOf size: Int) -> Int { sizeToPlanFor(size) / 500 }

        /// As for a file of at most 1 GiB and a quarter of the machine's memory: the size of a
        /// file with long ignored columns, or of a sparse one, says little, and an allocation
        /// larger than the memory aborts. Beyond, what was reserved doubles as it fills.
        private static func sizeToPlanFor(_ size: Int) -> Int {
            min(size, 1 << 30, Int(clamping: ProcessInfo.processInfo.physicalMemory / 4))
        }
    }

    /// What a worker gathers from consecutive enterprises: positions and waiting indices are the
    /// chunk's own, moved on when the chunk joins the pass.
    struct Chunk {
        var issues: [(row: Int, issue: ProfileIssue)] = []
        var abandon = false
        var firstRowDropped = false
        /// Enterprises evaluated (finished or waiting).
        var evaluated = 0
        var store = WideRowStore()
        var waiting = PackedSlotProfiles()
        var rankValues: [[(enterprise: Int, value: ExactDecimal)]]

        init(rankings: Int) { rankValues = Array(repeating: [], count: rankings) }
    }

    /// A block of runs evaluated on every core and gathered in order; false when the file must
    /// take the general path.
    func evaluate(_ runs: [RecordStream.Run], reader: PerThread<SlotRowReader.Shared>, into pass: inout Pass) -> Bool {
        evaluate(runs.count, records: runs.reduce(0) { $0 + $1.records.count }, reader: reader, into: &pass) { runs[$0] }
    }

    /// `count` runs, each made by `run` on the worker that evaluates it (nil: take the general path).
    func evaluate(_ count: Int, records: Int, reader: PerThread<SlotRowReader.Shared>, into pass: inout Pass,
                  run: @Sendable (Int) -> RecordStream.Run?) -> Bool {
        pass.records += records
        let chunks = Parallel.map(0..<count, chunk: 64) { range in
            // This thread's reader and kernel, fetched once a chunk: fetching them per enterprise
            // counts references on the shared `PerThread` from both cores.
            let reader = reader.instance.reader, kernel = self.kernel
            var chunk = Chunk(rankings: kernel.rankings)
            // The profile of the enterprise finished last, whose arrays the next one takes, and
            // the outcomes' array every enterprise of the chunk is evaluated into.
            var spare: SlotProfile?, outcomes: [KernelOutcome] = []
            for index in range {
                guard let run = run(index) else { chunk.abandon = true; break }
                firstPass(run, reader: reader, kernel: kernel, spare: &spare, outcomes: &outcomes, into: &chunk)
                if chunk.abandon { break }
            }
            return chunk
        }
        for chunk in chunks {
            pass.rowIssues += chunk.issues
            guard !chunk.abandon else { return false }
            if chunk.firstRowDropped { pass.firstRowDropped = true }
            pass.store.append(contentsOf: chunk.store)
            let base = pass.waiting.count
            for (ranking, values) in chunk.rankValues.enumerated() where !values.isEmpty {
                pass.rankValues[ranking].append(contentsOf: values.lazy.map { ($0.enterprise + base, $0.value) })
            }
            pass.waiting.append(contentsOf: chunk.waiting, positionOffset: pass.enterprises)
            pass.enterprises += chunk.evaluated
        }
        return true
    }

    /// Reads an enterprise; finishes it when its region has no cohort rule, else packs it and
    /// notes its ranking values.
    private func firstPass(_ run: RecordStream.Run, reader: SlotRowReader, kernel: KernelEvaluator, spare: inout SlotProfile?,
                           outcomes: inout [KernelOutcome], into chunk: inout Chunk) {
        var read = ReadResult()
        self.read(run, reader: reader, kernel: kernel, spare: &spare, into: &read)
        chunk.issues += read.issues
        if read.abandon { chunk.abandon = true; return }
        if read.firstRowDropped { chunk.firstRowDropped = true }
        // Taken out, not copied (a copy counts six references up, and down when `read` ends).
        guard let profile = read.profile.take() else { return }
        let plan = kernel.plan(for: profile.region)
        if plan.needsCohort {
            rankValues(profile, plan: plan, kernel: kernel, enterprise: chunk.waiting.count, into: &chunk.rankValues)
            chunk.waiting.append(profile, position: chunk.evaluated)
        } else {
            kernel.evaluate(profile, plan: plan, into: &outcomes) { _, _ in .null }
            let obligations = kernel.obligations(profile, plan: plan, outcomes: outcomes)
            chunk.store.append(region: profile.region) { bytes in
                WideRows.write(profile, plan: plan, outcomes: outcomes, obligations: obligations, to: &bytes)
            }
        }
        chunk.evaluated += 1
        spare = consume profile
    }
}
