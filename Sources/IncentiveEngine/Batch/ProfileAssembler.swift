import PolicyLanguage

/// Puts together the rows of each enterprise by credit code, adjacent or not, in the order each
/// enterprise first appears. Static fields must agree between an enterprise's rows (an empty cell
/// agrees with anything); when they do not, or a year comes twice, the enterprise is reported and
/// not evaluated: which row is right cannot be guessed.
public struct ProfileAssembler: Sendable {
    struct Entry: Sendable {
        var profile: Profile
        var cells: [String: (text: String, location: String)]
        var years: [Int: String]
        var rejected = false
    }

    private var index: [String: Int] = [:]
    private var entries: [Entry] = []
    public private(set) var issues: [ProfileIssue] = []

    public init() {}

    public mutating func add(_ row: ProfileRow) {
        guard let position = index[row.profile.creditCode] else {
            index[row.profile.creditCode] = entries.count
            entries.append(Entry(profile: row.profile, cells: row.staticCells.mapValues { ($0, row.location) },
                                 years: Dictionary(uniqueKeysWithValues: row.years.map { ($0, row.location) })))
            return
        }
        var entry = entries[position]
        defer { entries[position] = entry }
        for (field, text) in row.staticCells.sorted(by: { $0.key < $1.key }) {
            if let first = entry.cells[field] {
                if first.text != text {
                    issues.append(ProfileIssue(location: row.location, field: field, value: "\"\(text)\"",
                                               expected: "the same \(field) as \(first.location) of \(row.profile.creditCode) (\"\(first.text)\"): static fields must agree between the years of one enterprise; the enterprise is not evaluated",
                                               fatal: true))
                    entry.rejected = true
                }
            } else {
                entry.cells[field] = (text, row.location)
                entry.profile.staticFacts[field] = row.profile.staticFacts[field]
                if field == "name" { entry.profile.name = row.profile.name }
            }
        }
        for year in row.years {
            if let first = entry.years[year] {
                issues.append(ProfileIssue(location: row.location, field: "year", value: "\(year)",
                                           expected: "one row per enterprise and year: \(year) of \(row.profile.creditCode) is already at \(first); the enterprise is not evaluated",
                                           fatal: true))
                entry.rejected = true
            } else {
                entry.years[year] = row.location
                entry.profile.yearFacts[year] = row.profile.yearFacts[year]
            }
        }
    }

    /// The enterprises that can be evaluated, in order of first appearance.
    public func profiles() -> [Profile] {
        entries.filter { !$0.rejected }.map(\.profile)
    }

    public var rejectedCount: Int { entries.count(where: \.rejected) }
}
