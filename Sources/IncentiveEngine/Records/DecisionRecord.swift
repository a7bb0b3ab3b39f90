import IncentiveSupport

/// One decision as an auditor needs it: the input exactly as given, the year and options, the
/// engine version, the policy set (and each file) by digest, the parameter versions used, the
/// result with its explanation, and the link to the previous record.
///
/// A record is a JSON object. `digest` is the SHA-256 of the canonical JSON (sorted keys, no
/// whitespace) of the object *without* its `digest` member; `prev` is the previous record's
/// `digest` (``genesis`` for the first). Because the canonical form is the only thing hashed, a
/// record parsed back from its log line gives the same digest byte for byte.
public struct DecisionRecord: Sendable, Hashable {
    /// `prev` of the first record in a log: the all-zero digest.
    public static let genesis = "sha256:" + String(repeating: "0", count: 64)

    /// Every member except `digest`, in any order (hashing sorts them).
    public let body: JSONValue
    /// The digest stored in the record (for a parsed record, possibly a forged or stale one).
    public let digest: String

    /// Seals a body: computes its digest.
    public init(body: JSONValue) {
        let stripped = Self.strip(body)
        self.body = stripped
        self.digest = Self.computeDigest(of: stripped)
    }

    private init(body: JSONValue, storedDigest: String) {
        self.body = body
        self.digest = storedDigest
    }

    /// The canonical log line (no newline).
    public var line: String {
        guard case .object(var members) = body else { return JSONWriter.canonical(body) }
        members.append(JSONMember(key: "digest", value: .string(digest)))
        return JSONWriter.canonical(.object(members))
    }

    /// What the digest of this record's contents really is (differs from `digest` when edited).
    public var recomputedDigest: String { Self.computeDigest(of: body) }

    public var isIntact: Bool { recomputedDigest == digest }

    public var prev: String? { body["prev"]?.stringValue }
    public var year: Int? { body["year"]?.numberText.flatMap { Int($0) } }
    public var input: JSONValue? { body["input"] }
    public var policySet: String? { body["policy_set"]?.stringValue }
    public var result: JSONValue? { body["result"] }
    /// True when this record was appended right after a partial (torn) line left by a crash.
    public var followsPartialLine: Bool { body["follows_partial_line"]?.boolValue ?? false }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Parses one log line. Fails when it is not JSON, not an object, or lacks a string `digest`.
    public static func parse(line: String) throws(ParseError) -> DecisionRecord {
        let json: JSONValue
        do { json = try JSONParser.parse(line) } catch { throw ParseError(message: "not JSON (\(error))") }
        guard case .object(let members) = json else { throw ParseError(message: "not a JSON object") }
        guard let digest = json["digest"]?.stringValue else { throw ParseError(message: "no \"digest\" member") }
        return DecisionRecord(body: .object(members.filter { $0.key != "digest" }), storedDigest: digest)
    }

    static func strip(_ body: JSONValue) -> JSONValue {
        guard case .object(let members) = body else { return body }
        return .object(members.filter { $0.key != "digest" })
    }

    static func computeDigest(of body: JSONValue) -> String {
        "sha256:" + SHA256.hex(JSONWriter.canonical(body))
    }
}
