/// The rows' bytes of the enterprises waiting for the cohort, end to end in one buffer, so they
/// can be read again after the ranks are decided without holding a profile per enterprise.
struct WaitingStore: Sendable {
    private var bytes: [UInt8] = []
    private var records: [(row: Int, end: Int, simple: Bool)] = []
    private var lastRecord: [Int] = []
    /// Where each waiting enterprise's row goes in the output.
    private(set) var positions: [Int] = []

    var count: Int { positions.count }

    mutating func append(_ run: RecordStream.Run, position: Int) {
        for record in run.records {
            bytes.append(contentsOf: record.bytes)
            records.append((record.row, bytes.count, record.simple))
        }
        lastRecord.append(records.count)
        positions.append(position)
    }

    /// Waiting enterprise `index`'s rows, as read the first time.
    func run(_ index: Int) -> RecordStream.Run {
        let first = index == 0 ? 0 : lastRecord[index - 1]
        var start = first == 0 ? 0 : records[first - 1].end
        var run = RecordStream.Run(key: 0, records: [])
        for record in records[first..<lastRecord[index]] {
            run.records.append(RecordStream.Record(row: record.row, bytes: Array(bytes[start..<record.end]), simple: record.simple))
            start = record.end
        }
        return run
    }
}
