import PolicyLanguage

/// Puts together the rows of each enterprise by credit code, adjacent or not, in the order each
/// enterprise first appears. Static fields must agree between an enterprise's rows (an empty cell
/// agrees with anything); when they do not, or a year comes twice, the enterprise is reported and
/// not evaluated: which row is right cannot be guessed.
///
/// Memory: only the enterprise being read stays a `Profile`; when its run of rows ends it is
/// packed (`PackedProfiles`). A later row of a packed enterprise unpacks it again — correct,
/// only slower, for files whose rows are not grouped.
public struct ProfileAssembler: Sendable {
    struct Entry: Sendable {
        var profile: Profile
        var cells: [String: (text: String, location: String)]
        var years: [Int: String]
    }

    /// Enterprise number by credit code (`CreditCode.key`; rows reach here only with valid codes).
    private var index: [UInt128: Int] = [:]
    /// For a code that has no key (not expected: the row readers reject them).
    private var otherIndex: [String: Int] = [:]
    private var firstLocation: [String] = []
    private var rejected: [Bool] = []
    /// Where each enterprise is packed, or -1 while open (or never packed).
    private var packedAt: [Int] = []
    private var open: [Int: Entry] = [:]
    private var last: Int?
    private var packed: PackedProfiles
    /// Whether the packed order is still the order of first appearance, without stale copies.
    private var inOrder = true
    public private(set) var issues: [ProfileIssue] = []

    public init(facts: [String: FactDecl]) {
        packed = PackedProfiles(codec: ProfileCodec(facts: facts))
    }

    public mutating func add(_ row: ProfileRow) {
        let key = CreditCode.key(row.profile.creditCode)
        guard let number = key.map({ index[$0] }) ?? otherIndex[row.profile.creditCode] else {
            closeLast()
            let number = firstLocation.count
            if let key { index[key] = number } else { otherIndex[row.profile.creditCode] = number }
            firstLocation.append(row.location)
            rejected.append(false)
            packedAt.append(-1)
            open[number] = Entry(profile: row.profile, cells: row.staticCells.mapValues { ($0, row.location) },
                                 years: Dictionary(uniqueKeysWithValues: row.years.map { ($0, row.location) }))
            last = number
            return
        }
        if last != number { closeLast() }
        last = number
        guard !rejected[number] else { return }
        var entry = open.removeValue(forKey: number) ?? reopen(number)
        merge(row, into: &entry, number: number)
        open[number] = entry
    }

    /// The enterprises that can be evaluated, in order of first appearance.
    public mutating func finish() -> PackedProfiles {
        closeLast()
        if inOrder { return packed }
        var ordered = PackedProfiles(codec: packed.codec)
        for number in firstLocation.indices where !rejected[number] && packedAt[number] >= 0 {
            ordered.append(packed.profile(at: packedAt[number]))
        }
        return ordered
    }

    public var rejectedCount: Int { rejected.count(where: { $0 }) }

    private mutating func closeLast() {
        // Packing keeps the order of first appearance unless an enterprise was reopened
        // (`inOrder` false then); one rejected before it was packed never enters.
        guard let number = last, let entry = open.removeValue(forKey: number), !rejected[number] else { return }
        packedAt[number] = packed.count
        packed.append(entry.profile)
    }

    /// A packed enterprise, open again for a row that comes after other enterprises' rows.
    private mutating func reopen(_ number: Int) -> Entry {
        let profile = packed.profile(at: packedAt[number])
        inOrder = false
        return Entry(profile: profile, cells: profile.staticFacts.mapValues { ($0.description, firstLocation[number]) },
                     years: profile.yearFacts.mapValues { _ in firstLocation[number] })
    }

    private mutating func merge(_ row: ProfileRow, into entry: inout Entry, number: Int) {
        for (field, text) in row.staticCells.sorted(by: { $0.key < $1.key }) {
            if let first = entry.cells[field] {
                if first.text != text {
                    issues.append(ProfileIssue(location: row.location, field: field, value: text,
                                               expected: Reason(english: "the same \(field) as \(first.location) of \(row.profile.creditCode) (\(first.text)): static fields must agree between the years of one enterprise; the enterprise is not evaluated",
                                                               chinese: "与 \(row.profile.creditCode) 的\(ProfileIssue.chineseLocation(first.location))相同的 \(field)（\(first.text)）：同一企业各年度的静态字段必须一致；该企业不予评估"),
                                               fatal: true))
                    rejected[number] = true
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
                                           expected: Reason(english: "one row per enterprise and year: \(year) of \(row.profile.creditCode) is already at \(first); the enterprise is not evaluated",
                                                               chinese: "每个企业每年一行：\(row.profile.creditCode) 的 \(year) 年已在\(ProfileIssue.chineseLocation(first))；该企业不予评估"),
                                           fatal: true))
                rejected[number] = true
            } else {
                entry.years[year] = row.location
                entry.profile.yearFacts[year] = row.profile.yearFacts[year]
            }
        }
    }
}
