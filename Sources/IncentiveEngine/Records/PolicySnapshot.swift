import IncentiveSupport
import PolicyLanguage

/// One file holding every policy source (name, text, digest) and the policy-set digest, so an
/// auditor can keep the exact text a decision used and replay against it years later. Loading
/// verifies every stored digest against the contents: an edited snapshot is refused, never
/// silently used.
public enum PolicySnapshot {
    public static let format = "incentive.policy-snapshot/1"

    /// Why a snapshot cannot be used, in English and Chinese (`--lang`).
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let reason: Reason
        public var message: String { reason.english }
        public var description: String { message }

        init(_ english: String, _ chinese: String) { reason = Reason(english: english, chinese: chinese) }
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
        do { json = try JSONParser.parse(text) } catch { throw Invalid("\(name): not a policy snapshot: \(error)", "\(name)：不是政策快照：\(error)") }
        guard json["format"]?.stringValue == format else {
            throw Invalid("\(name): not a policy snapshot (expected \"format\": \"\(format)\")", "\(name)：不是政策快照（应有 \"format\": \"\(format)\"）")
        }
        guard let stored = json["policy_set"]?.stringValue, let files = json["files"]?.arrayValue else {
            throw Invalid("\(name): policy snapshot lacks \"policy_set\" or \"files\"", "\(name)：政策快照缺少 \"policy_set\" 或 \"files\"")
        }
        var sources: [SourceFile] = []
        for (index, file) in files.enumerated() {
            guard let fileName = file["name"]?.stringValue, let body = file["text"]?.stringValue else {
                throw Invalid("\(name): files[\(index)] lacks a \"name\" or \"text\" string", "\(name)：files[\(index)] 缺少字符串 \"name\" 或 \"text\"")
            }
            let source = SourceFile(name: fileName, text: body)
            if let digest = file["digest"]?.stringValue, digest != PolicySetDigest.fileDigest(source) {
                let actual = PolicySetDigest.fileDigest(source)
                throw Invalid("\(name): \(fileName) was changed after the snapshot was taken: stored digest \(digest), contents hash to \(actual)",
                              "\(name)：\(fileName) 在快照生成后被修改：记录的摘要为 \(digest)，内容的摘要为 \(actual)")
            }
            sources.append(source)
        }
        let actual = PolicySetDigest.digest(of: sources)
        guard actual == stored else {
            throw Invalid("\(name): policy snapshot was changed after it was taken: stored policy set \(stored), contents hash to \(actual)",
                          "\(name)：政策快照生成后被修改：记录的政策集为 \(stored)，内容的摘要为 \(actual)")
        }
        return sources
    }
}
