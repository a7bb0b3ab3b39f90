import Foundation

/// A GB18030 file — what Excel on a Chinese Windows saves as "CSV" — rewritten as UTF-8, so that
/// the batch kernel, which reads UTF-8 bytes only, can take it instead of the general path (about
/// ten times slower). It is decided as `CSVReader` decides it: the file's first 64 KiB hold text
/// that is not UTF-8. Lines are decoded whole, a mebibyte at a time: a line break never falls
/// inside a GB18030 character (nor do `,` and `"`, so a line decodes exactly when each of its
/// fields does, which is how `CSVReader` decodes them).
public enum GB18030Transcoder {
    /// Writes the UTF-8 text of `source` through `write`, and returns true, when the file is
    /// GB18030 text throughout; false when it is not GB18030, or when some line is not GB18030
    /// text (the general path reports it field by field), and what was written is then to be
    /// discarded.
    public static func utf8(from source: ByteChunkReader, write: ([UInt8]) throws -> Void) rethrows -> Bool {
        guard let first = source.next() else { return false }
        let sniffed = TextEncoding.sniff(first.prefix(1 << 16))
        guard sniffed.encoding == .gb18030, sniffed.decided else { return false }
        var pending: [UInt8] = []
        var chunk: [UInt8]? = first
        while let bytes = chunk {
            pending += bytes
            if let lastBreak = pending.lastIndex(of: 0x0A) {
                guard let text = utf8(pending[...lastBreak]) else { return false }
                try write(text)
                pending.removeSubrange(...lastBreak)
            }
            chunk = source.next()
        }
        if !pending.isEmpty {
            guard let text = utf8(pending[...]) else { return false }
            try write(text)
        }
        return true
    }

    /// A block's UTF-8: through the table of two-byte characters (`GB18030Table`), or, when the
    /// block holds anything else, through Foundation as a whole.
    static func utf8(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        GB18030Table.utf8(bytes) ?? String(data: Data(bytes), encoding: TextEncoding.foundationGB18030).map { Array($0.utf8) }
    }
}
