import IncentiveSupport
import PolicyLanguage

/// One CSV row (static fields and one year's facts) or one JSON Lines profile, checked, before
/// the rows of an enterprise are put together by `ProfileAssembler`.
public struct ProfileRow: Sendable {
    /// "row 5" (CSV, the header is row 1 as in a spreadsheet) or "line 3" (JSON Lines).
    public let location: String
    public var profile: Profile
    /// The static facts as text (`Value.description`), to find rows that disagree.
    public var staticCells: [String: String]
    /// The years this row brings.
    public var years: [Int]
}

/// Maps CSV records (profile.md: one row per enterprise and year) and JSON Lines to profiles,
/// with the same checks as `ProfileReader`, so an enterprise read from a batch file is the same
/// profile as read from its JSON file. Every problem is a `ProfileIssue` with row, field, value and
/// what was expected; a fatal one drops the row, any other only the bad cell (then absent).
public struct ProfileRowReader: Sendable {
    public enum Column: Sendable {
        case year, staticFact(FactDecl), yearFact(FactDecl), ignored
    }

    public struct Header: Sendable {
        public let names: [String]
        public let columns: [Column]
    }

    public let facts: [String: FactDecl]
    let jsonReader: ProfileReader

    public init(policies: CheckedPolicySet) {
        facts = policies.factIndex
        jsonReader = ProfileReader(policies: policies)
    }

    /// Reads the header row. Unknown columns are reported (and ignored); without `credit_code`,
    /// `region` and `year` no row can be read, and the returned header is nil.
    public func header(_ record: CSVRecord) -> (Header?, [ProfileIssue]) {
        var issues: [ProfileIssue] = []
        var columns: [Column] = []
        let names = record.fields.map { $0.trimmingWhitespace() }
        var first: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if name == "year" || facts[name] != nil, let earlier = first[name] {
                // Which of two cells would be meant cannot be known: the first column is read.
                let expected = Reason(english: "each column once: '\(name)' is already column \(earlier + 1); this one (column \(index + 1)) is ignored",
                                      chinese: "每列只出现一次：'\(name)' 已是第 \(earlier + 1) 列；此列（第 \(index + 1) 列）已忽略")
                issues.append(ProfileIssue(location: "row \(record.row)", field: name, value: "column \"\(name)\"", expected: expected))
                columns.append(.ignored)
                continue
            }
            first[name] = index
            if name == "year" {
                columns.append(.year)
            } else if let fact = facts[name] {
                columns.append(fact.perYear ? .yearFact(fact) : .staticFact(fact))
            } else {
                let suggestion = Suggestions.closest(to: name, among: Array(facts.keys) + ["year"])
                let expected = Reason(english: "a column of the profile contract" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "") + "; the column is ignored",
                                      chinese: "档案约定中的列" + (suggestion.map { "（是否想写 '\($0)'？）" } ?? "") + "；此列已忽略")
                issues.append(ProfileIssue(location: "row \(record.row)", field: name, value: "column \"\(name)\"", expected: expected))
                columns.append(.ignored)
            }
        }
        for required in ["credit_code", "region", "year"] where !names.contains(required) {
            issues.append(ProfileIssue(location: "row \(record.row)", field: required, value: "",
                                       expected: Reason(english: "a '\(required)' column in the header", chinese: "表头中的 '\(required)' 列"), fatal: true))
        }
        if let problem = record.problem {
            let expected = Reason(english: "a well-formed CSV header: \(problem)", chinese: "格式正确的 CSV 表头（\(problem)）")
            issues.append(ProfileIssue(location: "row \(record.row)", field: "(header)", value: "", expected: expected, fatal: true))
        }
        return (issues.contains(where: \.fatal) ? nil : Header(names: names, columns: columns), issues)
    }

    /// Reads one data row. Nil when the row cannot be used (malformed, bad credit code, region or year).
    public func row(_ record: CSVRecord, header: Header) -> (ProfileRow?, [ProfileIssue]) {
        let at = "row \(record.row)"
        if let problem = record.problem {
            return (nil, [ProfileIssue(location: at, field: "(row)", value: Self.clip(record.fields.joined(separator: ",")),
                                       expected: Reason(english: "a well-formed CSV row: \(problem)", chinese: "格式正确的 CSV 行（\(problem)）"), fatal: true)])
        }
        guard record.fields.count == header.columns.count else {
            return (nil, [ProfileIssue(location: at, field: "(row)", value: "\(record.fields.count) fields",
                                       expected: Reason(english: "\(header.columns.count) fields, one per header column", chinese: "\(header.columns.count) 个字段，与表头各列一一对应"), fatal: true)])
        }
        var issues: [ProfileIssue] = []
        var staticFacts: [String: Value] = [:], yearValues: [String: Value] = [:], cells: [String: String] = [:]
        var year: Int?, creditCode = "", region = "", name: String?
        for (index, column) in header.columns.enumerated() {
            let raw = record.fields[index]
            let text = raw.trimmingWhitespace()
            switch column {
            case .ignored: continue
            case .year:
                guard text.count == 4, let value = Int(text), (1900...2999).contains(value) else {
                    issues.append(ProfileIssue(location: at, field: "year", value: "\"\(raw)\"",
                                               expected: Reason(english: "a 4-digit year such as 2023", chinese: "4 位年度，如 2023"), fatal: true))
                    continue
                }
                year = value
            case .staticFact(let fact):
                switch fact.name {
                case "credit_code":
                    creditCode = text
                    if let problem = CreditCode.problem(with: text) {
                        issues.append(ProfileIssue(location: at, field: "credit_code", value: "\"\(raw)\"",
                                                   expected: Messages.validCreditCode(problem) + Self.rowSkipped, fatal: true))
                        continue
                    }
                case "region":
                    guard ProfileReader.isRegionCode(text) else {
                        issues.append(ProfileIssue(location: at, field: "region", value: "\"\(raw)\"", expected: Messages.regionCode, fatal: true))
                        continue
                    }
                    region = text
                case "name": name = text.isEmpty ? nil : text
                case "industry" where !text.isEmpty && !ProfileReader.isIndustryCode(text):
                    issues.append(ProfileIssue(location: at, field: "industry", value: "\"\(raw)\"", expected: Messages.industryCode))
                    continue
                default: break
                }
                store(raw, as: fact, at: at, into: &staticFacts, issues: &issues)
            case .yearFact(let fact):
                store(raw, as: fact, at: at, into: &yearValues, issues: &issues)
            }
        }
        if creditCode.isEmpty, !issues.contains(where: { $0.field == "credit_code" }) {
            issues.append(ProfileIssue(location: at, field: "credit_code", value: "", expected: Messages.creditCodeMissing, fatal: true))
        }
        if region.isEmpty, !issues.contains(where: { $0.field == "region" }) {
            issues.append(ProfileIssue(location: at, field: "region", value: "", expected: Messages.regionCode, fatal: true))
        }
        guard !issues.contains(where: \.fatal), let year else { return (nil, issues) }
        for (key, value) in staticFacts { cells[key] = value.description }
        let profile = Profile(creditCode: creditCode, name: name, region: region, staticFacts: staticFacts, yearFacts: [year: yearValues])
        return (ProfileRow(location: at, profile: profile, staticCells: cells, years: [year]), issues)
    }

    /// Reads one JSON Lines line: a whole profile, as `ProfileReader` reads a JSON file. Blank lines
    /// give neither a row nor an issue.
    public func line(_ text: String, number: Int) -> (ProfileRow?, [ProfileIssue]) {
        let at = "line \(number)"
        if text.allSatisfy(\.isWhitespace) { return (nil, []) }
        let result: ProfileReader.Result
        do {
            result = jsonReader.read(try JSONParser.parse(text), location: at)
        } catch {
            return (nil, [ProfileIssue(location: "\(at), column \(error.column)", field: "(line)", value: Self.clip(text),
                                       expected: Reason(english: "one JSON profile object per line: \(error.message)", chinese: "每行一个 JSON 档案对象（\(error.message)）"), fatal: true)])
        }
        // Members carry line numbers within the line's own text (always 1): name the file's line.
        var issues = result.issues.map { issue in
            var issue = issue
            issue.location = at
            return issue
        }
        guard var profile = result.profile else { return (nil, issues) }
        if issues.contains(where: { $0.field == "credit_code" }) || profile.creditCode.isEmpty {
            for index in issues.indices where issues[index].field == "credit_code" {
                issues[index].fatal = true
                issues[index].append(Reason(english: "; the line is not evaluated", chinese: "；该行不予评估"))
            }
            return (nil, issues)
        }
        profile.name = profile.name.flatMap { $0.isEmpty ? nil : $0 }
        var cells: [String: String] = [:]
        for (key, value) in profile.staticFacts { cells[key] = value.description }
        return (ProfileRow(location: at, profile: profile, staticCells: cells, years: profile.yearFacts.keys.sorted()), issues)
    }

    private func store(_ raw: String, as fact: FactDecl, at location: String, into values: inout [String: Value], issues: inout [ProfileIssue]) {
        switch FactReader.readText(raw, as: fact) {
        case .value(let value): values[fact.name] = value
        case .absent: break
        case .invalid(let expected): issues.append(ProfileIssue(location: location, field: fact.name, value: "\"\(raw)\"", expected: expected))
        }
    }

    static let rowSkipped = Reason(english: "; the row is not evaluated", chinese: "；该行不予评估")

    static func clip(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "…" : text
    }
}
