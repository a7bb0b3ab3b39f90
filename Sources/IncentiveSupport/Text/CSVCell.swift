/// Writing CSV cells (RFC 4180).
public enum CSVCell {
    /// A cell is quoted when it holds a comma, a quote or a line break; quotes inside are doubled.
    public static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: needsQuotes) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// `quoted(text)`'s bytes appended to `bytes`, reading the text's UTF-8 in place (the batch
    /// writes three such cells per enterprise, and iterating a `String`'s UTF-8 view byte by byte
    /// costs several times a loop over its buffer).
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: needsQuotes) else { bytes.append(contentsOf: utf8); return }
            bytes.append(0x22)
            for byte in utf8 {
                bytes.append(byte)
                if byte == 0x22 { bytes.append(0x22) }
            }
            bytes.append(0x22)
        }
    }

    @inline(__always) private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D
    }
}
