import IncentiveSupport
import PolicyLanguage

/// Reads a batch file — CSV (profile.md) or JSON Lines — into enterprises, streaming: the file is
/// read a chunk at a time and only the parsed profiles are kept, never its text. Every bad row is
/// an issue; the good rows are all kept.
public struct BatchInput: Sendable {
    public enum Format: String, Sendable { case csv, jsonl }

    /// The enterprises, packed: what the batch keeps while the cohort is decided.
    public var packed: PackedProfiles
    /// The enterprises, unpacked (for small inputs and tests).
    public var profiles: [Profile] { packed.all }
    public var issues: [ProfileIssue]
    public var format: Format
    /// The CSV's detected encoding (nil for JSON Lines).
    public var encoding: TextEncoding?
    /// Data rows (CSV) or non-blank lines (JSON Lines) read.
    public var rows: Int

    /// JSON Lines when the name ends in .jsonl/.ndjson, or the first non-blank byte is `{`.
    public static func format(path: String, firstBytes: [UInt8]) -> Format {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
        if lower.hasSuffix(".csv") { return .csv }
        let body = firstBytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(firstBytes.dropFirst(3)) : firstBytes
        return body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == 0x7B ? .jsonl : .csv
    }

    /// Records converted together on all cores.
    static let block = 4096

    public static func read(csv reader: CSVReader, policies: CheckedPolicySet, progress: ((Int) -> Void)? = nil) -> BatchInput {
        let rowReader = ProfileRowReader(policies: policies)
        var assembler = ProfileAssembler(facts: policies.factIndex)
        var issues: [ProfileIssue] = []
        var rows = 0
        guard let first = reader.next() else {
            let expected = Reason(english: "a header row naming the columns", chinese: "列名组成的表头行")
            return BatchInput(packed: assembler.finish(), issues: [ProfileIssue(location: "row 1", field: "(header)", value: "", expected: expected, fatal: true)],
                              format: .csv, encoding: reader.encoding, rows: 0)
        }
        let (header, headerIssues) = rowReader.header(first)
        issues += headerIssues
        if let header {
            // Records are parsed in order on this thread; checking and converting their cells (most
            // of the reading time) runs on every core, a block at a time; rows join in file order.
            var block: [CSVRecord] = []
            block.reserveCapacity(Self.block)
            func flush() {
                let records = block
                let mapped = Parallel.map(records.indices, chunk: 512) { range in records[range].map { rowReader.row($0, header: header) } }
                for (row, rowIssues) in mapped.joined() {
                    issues += rowIssues
                    if let row { assembler.add(row) }
                }
                block.removeAll(keepingCapacity: true)
            }
            while let record = reader.next() {
                rows += 1
                if rows % 65536 == 0 { progress?(rows) }
                block.append(record)
                if block.count == Self.block { flush() }
            }
            flush()
        }
        return BatchInput(packed: assembler.finish(), issues: issues + assembler.issues, format: .csv, encoding: reader.encoding, rows: rows)
    }

    public static func read(jsonl reader: LineReader, policies: CheckedPolicySet, progress: ((Int) -> Void)? = nil) -> BatchInput {
        let rowReader = ProfileRowReader(policies: policies)
        var assembler = ProfileAssembler(facts: policies.factIndex)
        var issues: [ProfileIssue] = []
        var rows = 0
        while let (number, text) = reader.next() {
            let (row, rowIssues) = rowReader.line(text, number: number)
            if row != nil || !rowIssues.isEmpty { rows += 1 }
            if rows % 65536 == 0 { progress?(rows) }
            issues += rowIssues
            if let row { assembler.add(row) }
        }
        return BatchInput(packed: assembler.finish(), issues: issues + assembler.issues, format: .jsonl, encoding: nil, rows: rows)
    }

    /// Reads a file of either format.
    public static func read(path: String, policies: CheckedPolicySet, progress: ((Int) -> Void)? = nil) throws -> BatchInput {
        let probe = try ByteChunkReader(path: path, chunkSize: 4096)
        let format = path == "-" ? Format.csv : Self.format(path: path, firstBytes: probe.next() ?? [])
        switch format {
        case .csv: return read(csv: try CSVReader(path: path), policies: policies, progress: progress)
        case .jsonl: return read(jsonl: try LineReader(path: path), policies: policies, progress: progress)
        }
    }
}
