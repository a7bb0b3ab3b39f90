import IncentiveSupport
import PolicyLanguage

/// Packs profiles into bytes and back, exactly: a batch keeps every enterprise it has read until
/// the cohort is decided, and a `Profile` of dictionaries of boxed values costs about 12 KiB per
/// enterprise; packed, a few hundred bytes. Facts are numbered by name; numbers keep their exact
/// numerator and denominator. Not a file format: it lives only as long as one batch.
struct ProfileCodec: Sendable {
    let names: [String]
    let numbers: [String: Int]

    init(facts: [String: FactDecl]) {
        names = facts.keys.sorted()
        numbers = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    func encode(_ profile: Profile, into out: inout [UInt8]) {
        string(profile.creditCode, &out)
        if let name = profile.name { out.append(1); string(name, &out) } else { out.append(0) }
        string(profile.region, &out)
        facts(profile.staticFacts, &out)
        varint(UInt64(profile.yearFacts.count), &out)
        for year in profile.yearFacts.keys.sorted() {
            varint(UInt64(year), &out)
            facts(profile.yearFacts[year]!, &out)
        }
    }

    func decode(_ bytes: ArraySlice<UInt8>) -> Profile {
        var reader = Reader(bytes: bytes)
        let code = reader.string()
        let name: String? = reader.byte() == 1 ? reader.string() : nil
        let region = reader.string()
        let staticFacts = readFacts(&reader)
        var yearFacts: [Int: [String: Value]] = [:]
        let years = Int(reader.varint())
        yearFacts.reserveCapacity(years)
        for _ in 0..<years {
            let year = Int(reader.varint())
            yearFacts[year] = readFacts(&reader)
        }
        return Profile(creditCode: code, name: name, region: region, staticFacts: staticFacts, yearFacts: yearFacts)
    }

    private func facts(_ facts: [String: Value], _ out: inout [UInt8]) {
        varint(UInt64(facts.count), &out)
        for key in facts.keys.sorted() {
            if let number = numbers[key] {
                varint(UInt64(number) + 1, &out)
            } else {
                out.append(0)
                string(key, &out)
            }
            value(facts[key]!, &out)
        }
    }

    private func readFacts(_ reader: inout Reader) -> [String: Value] {
        let count = Int(reader.varint())
        var facts: [String: Value] = [:]
        facts.reserveCapacity(count)
        for _ in 0..<count {
            let number = Int(reader.varint())
            let key = number == 0 ? reader.string() : names[number - 1]
            facts[key] = readValue(&reader)
        }
        return facts
    }

    private func value(_ value: Value, _ out: inout [UInt8]) {
        switch value {
        case .null: out.append(0)
        case .number(let n):
            out.append(1)
            let numerator = n.numerator
            varint128(numerator < 0 ? (UInt128(-(numerator + 1)) << 1) | 1 : UInt128(numerator) << 1, &out)
            varint128(UInt128(n.denominator), &out)
        case .bool(let b): out.append(b ? 3 : 2)
        case .text(let t): out.append(4); string(t, &out)
        case .date(let d): out.append(5); date(d, &out)
        case .list(let items):
            out.append(6)
            varint(UInt64(items.count), &out)
            items.forEach { self.value($0, &out) }
        case .titles(let titles):
            out.append(7)
            varint(UInt64(titles.count), &out)
            for title in titles {
                string(title.name, &out)
                if let date = title.date { out.append(1); self.date(date, &out) } else { out.append(0); varint(UInt64(title.year ?? 0), &out) }
            }
        case .range(let lower, let upper, let lowerClosed, let upperClosed):
            out.append(8)
            self.value(lower, &out); self.value(upper, &out)
            out.append((lowerClosed ? 1 : 0) | (upperClosed ? 2 : 0))
        }
    }

    private func readValue(_ reader: inout Reader) -> Value {
        switch reader.byte() {
        case 1:
            let zigzag = reader.varint128()
            let numerator = zigzag & 1 == 0 ? Int128(zigzag >> 1) : -Int128(zigzag >> 1) - 1
            let denominator = Int128(reader.varint128())
            return .number(ExactDecimal(numerator: numerator, denominator: denominator) ?? .zero)
        case 2: return .bool(false)
        case 3: return .bool(true)
        case 4: return .text(reader.string())
        case 5: return .date(readDate(&reader))
        case 6:
            let count = Int(reader.varint())
            return .list((0..<count).map { _ in readValue(&reader) })
        case 7:
            let count = Int(reader.varint())
            return .titles((0..<count).map { _ in
                let name = reader.string()
                if reader.byte() == 1 { return Title(name: name, year: nil, date: readDate(&reader)) }
                return Title(name: name, year: Int(reader.varint()), date: nil)
            })
        case 8:
            let lower = readValue(&reader), upper = readValue(&reader)
            let flags = reader.byte()
            return .range(lower: lower, upper: upper, lowerClosed: flags & 1 != 0, upperClosed: flags & 2 != 0)
        default: return .null
        }
    }

    private func date(_ date: CivilDate, _ out: inout [UInt8]) {
        varint(UInt64(date.year), &out)
        out.append(UInt8(date.month))
        out.append(UInt8(date.day))
    }

    private func readDate(_ reader: inout Reader) -> CivilDate {
        let year = Int(reader.varint()), month = Int(reader.byte()), day = Int(reader.byte())
        return CivilDate(year: year, month: month, day: day)!
    }

    private func string(_ text: String, _ out: inout [UInt8]) {
        varint(UInt64(text.utf8.count), &out)
        out.append(contentsOf: text.utf8)
    }

    private func varint(_ value: UInt64, _ out: inout [UInt8]) { varint128(UInt128(value), &out) }

    private func varint128(_ value: UInt128, _ out: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    struct Reader {
        let bytes: ArraySlice<UInt8>
        var position: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        mutating func byte() -> UInt8 {
            defer { position += 1 }
            return bytes[position]
        }

        mutating func varint() -> UInt64 { UInt64(truncatingIfNeeded: varint128()) }

        mutating func varint128() -> UInt128 {
            var result: UInt128 = 0, shift: UInt128 = 0
            while true {
                let b = byte()
                result |= UInt128(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
            }
        }

        mutating func string() -> String {
            let count = Int(varint())
            defer { position += count }
            return String(decoding: bytes[position..<position + count], as: UTF8.self)
        }
    }
}

/// Where a batch takes its enterprises from by index: an array of profiles, or packed ones.
public protocol ProfileSource: Sendable {
    var count: Int { get }
    func profile(at index: Int) -> Profile
    func region(at index: Int) -> String
}

extension Array: ProfileSource where Element == Profile {
    public func profile(at index: Int) -> Profile { self[index] }
    public func region(at index: Int) -> String { self[index].region }
}

/// Profiles packed one after another in 4 MiB segments (no allocation per enterprise, and no
/// doubling of one huge buffer as it grows), decoded when a pass needs one. Regions are kept
/// apart: every pass asks which rules are in force first.
public struct PackedProfiles: ProfileSource {
    static let segmentSize = 4 << 20
    let codec: ProfileCodec
    var segments: [[UInt8]] = []
    /// Per enterprise: segment number in the high 32 bits, offset in the low 32.
    var starts: [UInt64] = []
    var ends: [UInt32] = []
    var regions: [String] = []

    init(codec: ProfileCodec) { self.codec = codec }

    public var count: Int { starts.count }

    public func profile(at index: Int) -> Profile {
        let segment = Int(starts[index] >> 32), start = Int(starts[index] & 0xFFFF_FFFF)
        return codec.decode(segments[segment][start..<Int(ends[index])])
    }

    public func region(at index: Int) -> String { regions[index] }

    mutating func append(_ profile: Profile) {
        var bytes: [UInt8] = []
        codec.encode(profile, into: &bytes)
        if segments.isEmpty || segments[segments.count - 1].count + bytes.count > Self.segmentSize {
            var segment: [UInt8] = []
            segment.reserveCapacity(max(Self.segmentSize, bytes.count))
            segments.append(segment)
        }
        let last = segments.count - 1
        starts.append(UInt64(last) << 32 | UInt64(segments[last].count))
        segments[last].append(contentsOf: bytes)
        ends.append(UInt32(segments[last].count))
        regions.append(profile.region)
    }

    public var all: [Profile] { (0..<count).map(profile(at:)) }
}
