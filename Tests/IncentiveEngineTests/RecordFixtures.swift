import Foundation
import IncentiveEngine
import IncentiveSupport
import PolicyLanguage

/// Shared fixtures for the decision-record tests: the repository's policies, generated profiles
/// (fixed seed).
enum RecordFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let sources: [SourceFile] = try! PolicyLoader.sources(inDirectory: root.appendingPathComponent("Policies").path)

    static let policies: CheckedPolicySet = {
        guard case .success(let set) = PolicyLoader.load(sources: sources) else { fatalError("repository policies do not check") }
        return set
    }()

    static let digest = PolicySetDigest.digest(of: sources)

    /// A fixed clock so two builds of the same decision give the same bytes.
    static func builder() -> DecisionRecordBuilder {
        var builder = DecisionRecordBuilder(policies: policies, policySetDigest: digest)
        builder.now = { Date(timeIntervalSince1970: 1_700_000_000) }
        return builder
    }

    /// The n-th generated profile (deterministic): the two example enterprises with varied
    /// revenue, R&D, staff and certificate dates, in Pujiang and Deqing.
    static func profile(_ n: Int) -> JSONValue {
        var seed = UInt64(n) &* 6364136223846793005 &+ 1442695040888963407
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let pujiang = n % 2 == 0
        let revenue = 50_000_000 + next(400) * 1_000_000
        let rd = revenue / 100 * (2 + next(6))
        let certificate = 2017 + next(5)
        let text = """
        {"credit_code": "\(pujiang ? "91330726MA28F8XX4Y" : "91330521MA2B3C4D5Q")", "name": "企业\(n)",
         "region": "\(pujiang ? "330726" : "330521")", "industry": "C3484", "registered": "2012-05-08",
         "hte_certificates": ["\(certificate)-12-01"], "titles": [],
         "years": {
           "2019": {"revenue": "\(revenue - 10_000_000)", "rd_expense": "\(rd - 1_000_000)", "rd_domestic": "\(rd - 1_000_000)"},
           "2020": {"revenue": "\(revenue)", "main_revenue": "\(revenue - 5_000_000)", "rd_expense": "\(rd)", "rd_domestic": "\(rd)",
                    "hitech_revenue": "\(revenue * 7 / 10)", "employees": \(100 + next(900)), "tech_staff": \(10 + next(150)),
                    "above_scale": \(next(4) != 0), "in_rd_statistics": true, "ip_class1": \(next(3)), "ip_class2": \(next(8)),
                    "taxable_income": "\(revenue / 10)", "major_incident": false}
         }}
        """
        return try! JSONParser.parse(text)
    }

    static func evaluate(_ input: JSONValue, year: Int = 2020) -> Estimate {
        let read = ProfileReader(policies: policies).read(input)
        return Evaluator(policies: policies).evaluate(read.profile!, year: year)
    }

    static func body(_ n: Int) -> [JSONMember] {
        let input = profile(n)
        return builder().body(input: input, year: 2020, options: .object([("command", .string("test")), ("n", .number(String(n)))]), estimate: evaluate(input))
    }

    static func lines(_ path: String) -> [String] {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func write(_ lines: [String], to path: String, trailingNewline: Bool = true) {
        let text = lines.joined(separator: "\n") + (trailingNewline ? "\n" : "")
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    static func replay(_ path: String, policies: CheckedPolicySet = policies, digest: String = digest) -> ReplayReport {
        Replayer(policies: policies, policySetDigest: digest).replay(log: [UInt8](FileManager.default.contents(atPath: path) ?? Data()))
    }
}
