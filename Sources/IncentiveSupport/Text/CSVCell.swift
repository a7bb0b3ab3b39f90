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
            guard needsQuotes(utf8) else { bytes.append(contentsOf: utf8); return }
            bytes.append(0x22)
            for byte in utf8 {
                bytes.append(byte)
                if byte == 0x22 { bytes.append(0x22) }
            }
            bytes.append(0x22)
        }
    }

    /// Whether any byte needs quotes, eight at a time: a word with no byte below 0x23 and no comma
    /// has none (the batch's codes and names are mostly such words).
    static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 8 <= utf8.count {
            let word = CSVRecordScanner.word(utf8, index)
            if CSVRecordScanner.hasByte(in: word, below: 0x23) || CSVRecordScanner.bytes(of: word, equalTo: 0x2C) != 0 {
                if utf8[index..<index + 8].contains(where: needsQuotes) { return true }
            }
            index += 8
        }
        return utf8[index...].contains(where: needsQuotes)
    }

    @inline(__always) private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D
    }
}
