import IncentiveSupport
import PolicyLanguage

/// Reads a profile (profile.md's JSON contract) against the facts the policies declare: every
/// field is checked by its declared type, and every problem is reported with its line, field,
/// value and what was expected. A bad field is dropped (absent); the rest is kept.
public struct ProfileReader: Sendable {
    public let facts: [String: FactDecl]
    /// The fields of profile.md that are not facts a rule reads, but are still checked.
    static let identityFields: Set<String> = ["credit_code", "name", "region", "years"]

    public init(policies: CheckedPolicySet) {
        self.facts = policies.factIndex
    }

    public struct Result: Sendable {
        public let profile: Profile?
        public let issues: [ProfileIssue]
    }

    public func read(json text: String) -> Result {
        do {
            return read(try JSONParser.parse(text))
        } catch {
            let expected = Reason(english: "not valid JSON: \(error.message)", chinese: "不是合法的 JSON：\(error.message)")
            return Result(profile: nil, issues: [ProfileIssue(location: "line \(error.line), column \(error.column)", field: "",
                                                              value: "", expected: expected, fatal: true)])
        }
    }

    public func read(_ json: JSONValue, location: String = "") -> Result {
        var issues: [ProfileIssue] = []
        guard let members = json.objectMembers else {
            return Result(profile: nil, issues: [ProfileIssue(location: location, field: "(profile)", value: json.typeName,
                                                              expected: Reason(english: "a JSON object", chinese: "一个 JSON 对象"), fatal: true)])
        }
        func at(_ member: JSONMember) -> String { member.line > 0 ? "line \(member.line)" : location }
        var staticFacts: [String: Value] = [:]
        var yearFacts: [Int: [String: Value]] = [:]
        var creditCode = "", region = "", name: String?
        for member in members {
            switch member.key {
            case "credit_code":
                guard case .string(let code) = member.value else {
                    issues.append(ProfileIssue(location: at(member), field: "credit_code", value: member.value.typeName, expected: Reason(english: "an 18-character 统一社会信用代码 string", chinese: "18 位统一社会信用代码字符串")))
                    continue
                }
                creditCode = code
                if let problem = CreditCode.problem(with: code) {
                    issues.append(ProfileIssue(location: at(member), field: "credit_code", value: "\"\(code)\"", expected: Messages.validCreditCode(problem)))
                }
            case "region":
                guard case .string(let code) = member.value, Self.isRegionCode(code) else {
                    issues.append(ProfileIssue(location: at(member), field: "region", value: Self.shown(member.value), expected: Messages.regionCode, fatal: true))
                    continue
                }
                region = code
            case "name":
                name = member.value.stringValue
            case "years":
                readYears(member, into: &yearFacts, issues: &issues, location: location)
                continue
            default: break
            }
            guard let fact = facts[member.key] else {
                if !Self.identityFields.contains(member.key) {
                    issues.append(unknownField(member.key, member.value, at: at(member), candidates: facts.values.filter { !$0.perYear }.map(\.name)))
                }
                continue
            }
            guard !fact.perYear else {
                issues.append(ProfileIssue(location: at(member), field: member.key, value: Self.shown(member.value),
                                           expected: Reason(english: "'\(member.key)' is a per-year fact: put it under years.YYYY",
                                                             chinese: "'\(member.key)' 是按年度的数据：请写在 years.YYYY 之下")))
                continue
            }
            store(member.value, as: fact, field: member.key, at: at(member), into: &staticFacts, issues: &issues)
            if member.key == "industry", case .text(let code)? = staticFacts["industry"], !Self.isIndustryCode(code) {
                issues.append(ProfileIssue(location: at(member), field: "industry", value: "\"\(code)\"",
                                           expected: Messages.industryCode))
                staticFacts["industry"] = nil
            }
        }
        if region.isEmpty, !issues.contains(where: { $0.field == "region" }) {
            issues.append(ProfileIssue(location: location, field: "region", value: "", expected: Messages.regionCode, fatal: true))
        }
        if creditCode.isEmpty, !issues.contains(where: { $0.field == "credit_code" }) {
            issues.append(ProfileIssue(location: location, field: "credit_code", value: "", expected: Messages.creditCodeMissing))
        }
        if issues.contains(where: \.fatal) { return Result(profile: nil, issues: issues) }
        return Result(profile: Profile(creditCode: creditCode, name: name, region: region, staticFacts: staticFacts, yearFacts: yearFacts), issues: issues)
    }

    private func readYears(_ member: JSONMember, into yearFacts: inout [Int: [String: Value]], issues: inout [ProfileIssue], location: String) {
        guard let years = member.value.objectMembers else {
            issues.append(ProfileIssue(location: "line \(member.line)", field: "years", value: member.value.typeName, expected: Reason(english: "an object keyed by year (\"2023\": {…})", chinese: "以年度为键的对象（\"2023\": {…}）")))
            return
        }
        for yearMember in years {
            let at = yearMember.line > 0 ? "line \(yearMember.line)" : location
            guard yearMember.key.count == 4, let year = Int(yearMember.key), year >= 1900, year <= 2999 else {
                issues.append(ProfileIssue(location: at, field: "years.\(yearMember.key)", value: "\"\(yearMember.key)\"", expected: Reason(english: "a 4-digit year as the key", chinese: "以 4 位年度为键")))
                continue
            }
            guard let entries = yearMember.value.objectMembers else {
                issues.append(ProfileIssue(location: at, field: "years.\(year)", value: yearMember.value.typeName, expected: Reason(english: "an object of that year's facts", chinese: "该年度数据组成的对象")))
                continue
            }
            var values: [String: Value] = [:]
            for entry in entries {
                let field = "years.\(year).\(entry.key)"
                let entryAt = entry.line > 0 ? "line \(entry.line)" : location
                guard let fact = facts[entry.key], fact.perYear else {
                    if let fact = facts[entry.key], !fact.perYear {
                        issues.append(ProfileIssue(location: entryAt, field: field, value: Self.shown(entry.value), expected: Reason(english: "'\(entry.key)' is static: put it at the top level", chinese: "'\(entry.key)' 不分年度：请写在最外层")))
                    } else {
                        issues.append(unknownField(field, entry.value, at: entryAt, candidates: facts.values.filter(\.perYear).map(\.name)))
                    }
                    continue
                }
                store(entry.value, as: fact, field: field, at: entryAt, into: &values, issues: &issues)
            }
            yearFacts[year] = values
        }
    }

    private func store(_ json: JSONValue, as fact: FactDecl, field: String, at location: String, into values: inout [String: Value], issues: inout [ProfileIssue]) {
        switch FactReader.read(json, as: fact) {
        case .value(let value): values[fact.name] = value
        case .absent: break
        case .invalid(let expected): issues.append(ProfileIssue(location: location, field: field, value: Self.shown(json), expected: expected))
        }
    }

    private func unknownField(_ field: String, _ value: JSONValue, at location: String, candidates: [String]) -> ProfileIssue {
        let last = String(field.split(separator: ".").last ?? Substring(field))
        return ProfileIssue(location: location, field: field, value: Self.shown(value), expected: Messages.unknownField(Suggestions.closest(to: last, among: candidates)))
    }

    static func shown(_ value: JSONValue) -> String {
        let text = JSONWriter.compact(value)
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    /// A section letter A–T, optionally followed by 2–4 digits (checked on bytes: it runs per CSV row).
    static func isIndustryCode(_ code: String) -> Bool {
        var code = code
        return code.withUTF8 { isIndustryCode($0) }
    }

    /// The same from the bytes of a CSV cell, before any text is made of them.
    static func isIndustryCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "T") else { return false }
        return (bytes.count == 1 || (3...5).contains(bytes.count)) && bytes.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Six ASCII digits, not starting with 0.
    static func isRegionCode(_ code: String) -> Bool {
        var code = code
        return code.withUTF8 { isRegionCode($0) }
    }

    /// The same from the bytes of a CSV cell, before any text is made of them.
    static func isRegionCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 6 && bytes[0] != UInt8(ascii: "0") && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
