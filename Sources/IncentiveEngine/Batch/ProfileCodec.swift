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
        ValuePacking.appendText(profile.creditCode, to: &out)
        if let name = profile.name { out.append(1); ValuePacking.appendText(name, to: &out) } else { out.append(0) }
        ValuePacking.appendText(profile.region, to: &out)
        facts(profile.staticFacts, &out)
        ValuePacking.appendCount(profile.yearFacts.count, to: &out)
        for year in profile.yearFacts.keys.sorted() {
            ValuePacking.appendSigned(Int64(year), to: &out)
            facts(profile.yearFacts[year]!, &out)
        }
    }

    func decode(_ bytes: ArraySlice<UInt8>) -> Profile {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = ValuePacking.Reader(bytes: buffer, position: 0)
            let code = reader.text()
            let name: String? = reader.byte() == 1 ? reader.text() : nil
            let region = reader.text()
            let staticFacts = readFacts(&reader)
            var yearFacts: [Int: [String: Value]] = [:]
            let years = reader.count()
            yearFacts.reserveCapacity(years)
            for _ in 0..<years {
                let year = Int(reader.signed())
                yearFacts[year] = readFacts(&reader)
            }
            return Profile(creditCode: code, name: name, region: region, staticFacts: staticFacts, yearFacts: yearFacts)
        }
    }

    /// Each fact by its number among the declared ones (0, then its name, for an undeclared one).
    private func facts(_ facts: [String: Value], _ out: inout [UInt8]) {
        ValuePacking.appendCount(facts.count, to: &out)
        for key in facts.keys.sorted() {
            if let number = numbers[key] {
                ValuePacking.appendCount(number + 1, to: &out)
            } else {
                out.append(0)
                ValuePacking.appendText(key, to: &out)
            }
            ValuePacking.append(facts[key]!, to: &out)
        }
    }

    private func readFacts(_ reader: inout ValuePacking.Reader) -> [String: Value] {
        let count = reader.count()
        var facts: [String: Value] = [:]
        facts.reserveCapacity(count)
        for _ in 0..<count {
            let number = reader.count()
            let key = number == 0 ? reader.text() : names[number - 1]
            facts[key] = reader.value()
        }
        return facts
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
