import Foundation
import IncentiveEngine
import IncentiveSupport

/// `batch --record LOG`: one decision record per evaluated enterprise, in input order, chained and
/// synced like `estimate --record`, before the batch writes any output.
///
/// Kept apart from `BatchCommand` (which calls it in one line) because the records need what the
/// wide CSV leaves out for speed: each enterprise is evaluated again *with* its derivation, against
/// the cohort the batch already decided, and the record keeps that cohort's decisions about it
/// (ranks, pool outcomes) so `replay` can re-derive it alone. The input kept is the enterprise's
/// profile in profile.md's JSON form (`ProfileJSON`), checked to read back to what was evaluated.
enum BatchRecording {
    /// Records written per lock and fsync: bounds the records held at once.
    static let block = 1024

    /// A profile whose JSON form does not read back to it: recording it would keep an input that
    /// was never evaluated, so the batch stops before writing anything.
    struct Unrecordable: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    static func append(_ profiles: PackedProfiles, cohort: Cohort, year: Int, source: String, loaded: PolicyStore.Loaded, to log: String) throws {
        let batch = BatchEvaluator(policies: loaded.policies, year: year)
        let recorder = DecisionRecorder(logPath: log, policies: loaded.policies, policySetDigest: loaded.digest)
        let reader = ProfileReader(policies: loaded.policies)
        let run = UUID().uuidString.lowercased()
        for start in stride(from: 0, to: profiles.count, by: block) {
            let parts = Parallel.map(start..<min(start + block, profiles.count), chunk: 64) { range -> Result<[DecisionRecorder.Decision], Unrecordable> in
                var decisions: [DecisionRecorder.Decision] = []
                for index in range {
                    let profile = profiles.profile(at: index)
                    let input = ProfileJSON.encode(profile, facts: loaded.policies.factIndex)
                    guard reader.read(input).profile == profile else {
                        return .failure(Unrecordable(message: "\(source): enterprise \(profile.creditCode) does not read back from its recorded form; nothing more recorded"))
                    }
                    let options = CohortCheck.options(source: source, batch: run, position: index + 1, of: profiles.count)
                    decisions.append(DecisionRecorder.Decision(input: input, year: year, options: options,
                                                               estimate: batch.evaluate(profile, at: index, in: cohort),
                                                               cohort: batch.decisions(at: index, in: cohort)))
                }
                return .success(decisions)
            }
            try recorder.record(try parts.flatMap { try $0.get() })
        }
    }
}
