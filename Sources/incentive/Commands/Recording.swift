import Foundation
import IncentiveEngine
import IncentiveSupport

/// `--record LOG`: appends the decision to the log (durably) before the command reports anything.
/// The record keeps the profile JSON exactly as given; the file is read again here, so we check it
/// still reads to the profile that was evaluated (a file changed mid-command would otherwise
/// record an input that was never evaluated).
enum Recording {
    /// - Parameter cohort: with `--cohort FILE`, the cohort's decisions about this enterprise (kept
    ///   in the record for replay, which takes them as given) and the file, named with its digest so
    ///   an auditor can tell which cohort it was: its other enterprises are not in the log.
    static func append(profile: Profile, path: String, year: Int, estimate: Estimate, cohort: (decisions: CohortDecisions, source: String)? = nil,
                       loaded: PolicyStore.Loaded, to log: String) throws {
        let input = try JSONParser.parse(try Console.readFile(path))
        guard ProfileReader(policies: loaded.policies).read(input).profile == profile else {
            throw Arguments.UsageError("\(path) changed while it was being evaluated; nothing recorded", "\(path) 在评估过程中被修改；未作记录")
        }
        var options: [(String, JSONValue)] = [("command", .string("estimate")), ("source", .string(path))]
        if let cohort {
            options.append(("cohort", .string(cohort.source)))
            if let bytes = FileManager.default.contents(atPath: cohort.source) {
                options.append(("cohort_digest", .string("sha256:" + SHA256.hex([UInt8](bytes)))))
            }
        }
        let recorder = DecisionRecorder(logPath: log, policies: loaded.policies, policySetDigest: loaded.digest)
        try recorder.record([DecisionRecorder.Decision(input: input, year: year, options: .object(options), estimate: estimate, cohort: cohort?.decisions)])
    }
}
