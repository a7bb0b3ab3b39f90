#if canImport(Glibc)
import Glibc
#endif
import IncentiveSupport

/// The records of a file whose enterprises' rows are apart (sorted by year, say), grouped by
/// enterprise in the order enterprises first appear. Of each record only its place in the file is
/// held (24 bytes, not the record); its bytes are read again with `pread` when its enterprise is
/// evaluated, so memory grows with the number of records, not with their bytes (a million
/// enterprises: ≈ 0.1 GB of places instead of the 0.6 GB file held whole).
final class GroupedRecords: @unchecked Sendable {
    struct Place {
        let offset: Int
        let length: Int32
        let row: Int32
        let simple: Bool
    }

    private let descriptor: Int32
    private var places: [Place] = []
    /// Record indexes, grouped: enterprise `e`'s are `order[starts[e]..<starts[e + 1]]`, in file order.
    private var order: [Int32] = []
    private var starts: [Int] = []
    private var keys: [UInt64] = []

    var enterprises: Int { keys.count }

    struct OpenError: Error, CustomStringConvertible {
        let description: String
    }

    init(path: String, codeColumn: Int) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OpenError(description: "\(path): \(String(cString: strerror(errno)))") }
        var scanner = RecordStream(source: try ByteChunkReader(path: path))
        _ = scanner.headerRecord()
        var enterpriseOf: [Int32] = []
        var index: [UInt64: Int32] = [:]
        while let block = scanner.nextRuns(codeColumn: codeColumn, count: KernelBatch.block) {
            for run in block {
                let enterprise: Int32
                if let known = index[run.key] {
                    enterprise = known
                } else {
                    enterprise = Int32(keys.count)
                    index[run.key] = enterprise
                    keys.append(run.key)
                }
                for record in run.records {
                    places.append(Place(offset: record.offset, length: Int32(record.range.count), row: Int32(record.row), simple: record.simple))
                    enterpriseOf.append(enterprise)
                }
            }
        }
        // A counting sort: each enterprise's records together, in file order.
        var counts = [Int](repeating: 0, count: keys.count + 1)
        for enterprise in enterpriseOf { counts[Int(enterprise) + 1] += 1 }
        for position in 1..<counts.count { counts[position] += counts[position - 1] }
        starts = counts
        var next = counts
        order = [Int32](repeating: 0, count: places.count)
        for (record, enterprise) in enterpriseOf.enumerated() {
            order[next[Int(enterprise)]] = Int32(record)
            next[Int(enterprise)] += 1
        }
    }

    deinit { close(descriptor) }

    /// How many records enterprises `range` have.
    func recordCount(_ range: Range<Int>) -> Int { starts[range.upperBound] - starts[range.lowerBound] }

    /// Enterprise `enterprise`'s records, read from the file; nil when the file can no longer be
    /// read as it was (changed meanwhile): the general path then reads it.
    func run(_ enterprise: Int) -> RecordStream.Run? {
        var records: [RecordStream.Record] = []
        records.reserveCapacity(starts[enterprise + 1] - starts[enterprise])
        for position in starts[enterprise]..<starts[enterprise + 1] {
            let place = places[Int(order[position])]
            guard let bytes = read(place) else { return nil }
            records.append(RecordStream.Record(row: Int(place.row), bytes: bytes, simple: place.simple, offset: place.offset))
        }
        return RecordStream.Run(key: keys[enterprise], records: records[...])
    }

    private func read(_ place: Place) -> [UInt8]? {
        let count = Int(place.length)
        var done = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while done < count {
                let got = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(place.offset + done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { break }
                done += got
            }
            initialized = count
        }
        return done == count ? bytes : nil
    }
}
