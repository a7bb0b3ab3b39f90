import IncentiveSupport
import PolicyLanguage

/// One file holding every policy source (name, text, digest) and the policy-set digest, so an
/// auditor can keep the exact text a decision used and replay against it years later. Loading
/// verifies every stored digest against the contents: an edited snapshot is refused, never
/// silently used.
public enum PolicySnapshot {
    public static let format = "incentive.policy-snapshot/1"

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The snapshot JSON for a set of sources (sorted by name, LF line endings).
    public static func encode(_ sources: [SourceFile]) -> JSONValue {
        let sorted = sources.sorted { $0.name < $1.name }
        return .object([
            ("format", .string(format)),
            ("policy_set", .string(PolicySetDigest.digest(of: sorted))),
            ("files", .array(sorted.map { source in
                .object([("name", .string(source.name)), ("digest", .string(PolicySetDigest.fileDigest(source))), ("text", .string(source.text))])
            })),
        ])
    }

    /// Reads a snapshot's text back into sources, checking the format and every digest.
    public static func decode(_ text: String, name: String) throws(Invalid) -> [SourceFile] {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch { throw Invalid(message: "\(name): not a policy snapshot: \(error)") }
        guard json["format"]?.stringValue == format else {
            throw Invalid(message: "\(name): not a policy snapshot (expected \"format\": \"\(format)\")")
        }
        guard let stored = json["policy_set"]?.stringValue, let files = json["files"]?.arrayValue else {
            throw Invalid(message: "\(name): policy snapshot lacks \"policy_set\" or \"files\"")
        }
        var sources: [SourceFile] = []
        for (index, file) in files.enumerated() {
            guard let fileName = file["name"]?.stringValue, let body = file["text"]?.stringValue else {
                throw Invalid(message: "\(name): files[\(index)] lacks a \"name\" or \"text\" string")
            }
            let source = SourceFile(name: fileName, text: body)
            if let digest = file["digest"]?.stringValue, digest != PolicySetDigest.fileDigest(source) {
                throw Invalid(message: "\(name): \(fileName) was changed after the snapshot was taken: stored digest \(digest), contents hash to \(PolicySetDigest.fileDigest(source))")
            }
            sources.append(source)
        }
        let actual = PolicySetDigest.digest(of: sources)
        guard actual == stored else {
            throw Invalid(message: "\(name): policy snapshot was changed after it was taken: stored policy set \(stored), contents hash to \(actual)")
        }
        return sources
    }
}
