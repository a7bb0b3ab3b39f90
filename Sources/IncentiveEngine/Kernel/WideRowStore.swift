/// Finished rows of the wide CSV, kept as bytes end to end in one buffer (not a string per
/// row), in the order they were added: what a batch of a million enterprises holds until the
/// columns are known.
struct WideRowStore: Sendable {
    private var bytes: [UInt8] = []
    private var prefixEnds: [Int] = []
    private var ends: [Int] = []
    private(set) var regions: [String] = []

    var count: Int { ends.count }

    /// Room for `rows` rows of `bytes` bytes in all, so that a store that grows to a file's
    /// worth of rows is not copied (and paged in twice) each time it doubles.
    mutating func reserveCapacity(rows: Int, bytes: Int) {
        self.bytes.reserveCapacity(bytes)
        prefixEnds.reserveCapacity(rows)
        ends.reserveCapacity(rows)
        regions.reserveCapacity(rows)
    }

    mutating func append(_ row: WideRows.Row) {
        bytes.append(contentsOf: row.bytes)
        prefixEnds.append(bytes.count - row.bytes.count + row.prefixLength)
        ends.append(bytes.count)
        regions.append(row.region)
    }

    /// Appends a row written by `write` (which returns the length of its prefix).
    mutating func append(region: String, _ write: (inout [UInt8]) -> Int) {
        let start = bytes.count
        let prefixLength = write(&bytes)
        prefixEnds.append(start + prefixLength)
        ends.append(bytes.count)
        regions.append(region)
    }

    /// Appends every row of another store.
    mutating func append(contentsOf other: WideRowStore) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        prefixEnds.append(contentsOf: other.prefixEnds.lazy.map { $0 + base })
        ends.append(contentsOf: other.ends.lazy.map { $0 + base })
        regions.append(contentsOf: other.regions)
    }

    /// The store read through pointers, for reading many rows on several cores: a row taken as
    /// two slices counted two references up and down on the same buffer from every core.
    struct Rows {
        let bytes: UnsafeBufferPointer<UInt8>
        let prefixEnds: UnsafeBufferPointer<Int>
        let ends: UnsafeBufferPointer<Int>
        let regions: UnsafeBufferPointer<String>

        /// Row `index`: its prefix (code, name, region), its region's cells, and its region.
        func row(_ index: Int) -> (prefix: UnsafeBufferPointer<UInt8>, cells: UnsafeBufferPointer<UInt8>, region: String) {
            let start = index == 0 ? 0 : ends[index - 1]
            return (UnsafeBufferPointer(rebasing: bytes[start..<prefixEnds[index]]),
                    UnsafeBufferPointer(rebasing: bytes[prefixEnds[index]..<ends[index]]), regions[index])
        }
    }

    /// Runs `body` with the rows, which are valid only inside it.
    func withRows<Result>(_ body: (Rows) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { bytes in
            prefixEnds.withUnsafeBufferPointer { prefixEnds in
                ends.withUnsafeBufferPointer { ends in
                    regions.withUnsafeBufferPointer { regions in
                        body(Rows(bytes: bytes, prefixEnds: prefixEnds, ends: ends, regions: regions))
                    }
                }
            }
        }
    }
}
