import Foundation
import IncentiveEngine
import IncentiveSupport

/// `--record LOG`: appends the decision to the log (durably) before the command reports anything.
/// The record keeps the profile JSON exactly as given; the file is read again here, so we check it
/// still reads to the profile that was evaluated (a file changed mid-command would otherwise
/// record an input that was never evaluated).
enum Recording {
    static func append(profile: Profile, path: String, year: Int, estimate: Estimate, loaded: PolicyStore.Loaded, to log: String) throws {
        let input = try JSONParser.parse(try Console.readFile(path))
        guard ProfileReader(policies: loaded.policies).read(input).profile == profile else {
            throw Arguments.UsageError("\(path) changed while it was being evaluated; nothing recorded", "\(path) 在评估过程中被修改；未作记录")
        }
        let recorder = DecisionRecorder(logPath: log, policies: loaded.policies, policySetDigest: loaded.digest)
        try recorder.record(input: input, year: year, options: .object([("command", .string("estimate")), ("source", .string(path))]), estimate: estimate)
    }
}
