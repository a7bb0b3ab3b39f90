import Foundation
import IncentiveSupport
import PolicyLanguage

/// Builds the body of a decision record from one evaluation. Everything an auditor needs to
/// re-derive or read the decision without the policies at hand goes in: the input as given, the
/// per-file digests, the parameter versions used, and the citation (document, 文号, article) of
/// each rule in the result.
public struct DecisionRecordBuilder: Sendable {
    public let policies: CheckedPolicySet
    public let policySetDigest: String
    /// Clock for `recorded_at`; replaceable so tests can make byte-identical records.
    public var now: @Sendable () -> Date = { Date() }

    public init(policies: CheckedPolicySet, policySetDigest: String) {
        self.policies = policies
        self.policySetDigest = policySetDigest
    }

    /// The record body (without `prev` and `digest`, which the log adds under its lock).
    /// - Parameters:
    ///   - input: the profile JSON exactly as given (not the parsed profile: replay reads it again).
    ///   - options: how the evaluation was asked for (command, source file or row, …).
    ///   - cohort: for a batch, the cohort decisions the result rests on (replay takes them as given).
    public func body(input: JSONValue, year: Int, options: JSONValue, estimate: Estimate, cohort: CohortDecisions? = nil) -> [JSONMember] {
        let encoded = EstimateEncoder(policySetDigest: policySetDigest, includeExplanation: true).encode(estimate)
        let files = policies.sources.sorted { $0.name < $1.name }.map {
            JSONMember(key: $0.name, value: .string(PolicySetDigest.fileDigest($0)))
        }
        var members = [
            JSONMember(key: "format", value: .number(String(EngineVersion.recordFormat))),
            JSONMember(key: "engine", value: .string(EngineVersion.current)),
            JSONMember(key: "recorded_at", value: .string(Self.timestamp(now()))),
            JSONMember(key: "input", value: input),
            JSONMember(key: "year", value: .number(String(year))),
            JSONMember(key: "options", value: options),
            JSONMember(key: "policy_set", value: .string(policySetDigest)),
            JSONMember(key: "policy_files", value: .object(files)),
            JSONMember(key: "parameters", value: .array(parameters(estimate))),
            JSONMember(key: "citations", value: .object(citations(estimate))),
            JSONMember(key: "result", value: encoded),
        ]
        if let cohort { members.append(JSONMember(key: "cohort", value: cohort.json)) }
        return members
    }

    /// Every parameter version the result used, once per (rule, parameter, version).
    func parameters(_ estimate: Estimate) -> [JSONValue] {
        var out: [JSONValue] = []
        let explained = estimate.results.map { ($0.rule, $0.explanation) } + estimate.obligations.map { ($0.id, $0.explanation) }
        for (rule, explanation) in explained {
            for param in explanation.params {
                out.append(.object([("rule", .string(rule)), ("param", .string(param.name)),
                                    ("version_from", .string(param.versionFrom.description)),
                                    ("chosen_by", .string(param.chosenBy.description)),
                                    ("value", EstimateEncoder.encodeValue(param.value)),
                                    ("provenance", .string(param.provenance.rawValue))]))
            }
        }
        return out
    }

    /// rule id → the policy document and article it comes from.
    func citations(_ estimate: Estimate) -> [JSONMember] {
        var out: [JSONMember] = []
        func cite(_ id: String, policy index: Int, article: String?) {
            let decl = policies.policies[index].decl
            out.append(JSONMember(key: id, value: .object([
                ("policy", .string(decl.id)), ("document", .string(decl.title)),
                ("document_number", decl.documentNumber.map(JSONValue.string) ?? .null),
                ("issuer", decl.issuer.map(JSONValue.string) ?? .null),
                ("article", article.map(JSONValue.string) ?? .null),
            ])))
        }
        for result in estimate.results {
            if let rule = policies.rule(result.rule) { cite(rule.id, policy: rule.policy, article: rule.decl.article) }
        }
        for obligation in estimate.obligations {
            if let checked = policies.obligations.first(where: { $0.decl.id == obligation.id }) {
                cite(obligation.id, policy: checked.policy, article: checked.decl.article)
            }
        }
        return out
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
