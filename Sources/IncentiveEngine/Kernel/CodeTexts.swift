/// The texts a reader has made of short code cells (region, industry), found again by their
/// bytes: a file has a handful of regions and industries, and a `String` made of a cell (its
/// bytes checked as UTF-8 once more) cost more than finding it among the few made already.
///
/// One reader's, on one thread (`SlotRowReader` is made per thread): not locked.
final class CodeTexts: @unchecked Sendable {
    /// By key (the cell's bytes and its length in one word), the text; at most `capacity`, kept
    /// in the order first met. Unchecked exclusivity: one thread's, and each access checked
    /// cost as much as the search.
    @exclusivity(unchecked) private var keys: [UInt64] = []
    @exclusivity(unchecked) private var texts: [String] = []
    static let capacity = 64

    /// The text of a cell of plain ASCII (its bytes as they are).
    func text(_ cell: UnsafeBufferPointer<UInt8>) -> String {
        guard cell.count <= 7 else { return String(decoding: cell, as: UTF8.self) }
        var key = UInt64(cell.count) << 56
        for (place, byte) in cell.enumerated() { key |= UInt64(byte) << UInt64(8 * place) }
        let found = keys.withUnsafeBufferPointer { $0.firstIndex(of: key) }
        if let found { return texts[found] }
        let text = String(decoding: cell, as: UTF8.self)
        if keys.count < Self.capacity {
            keys.append(key)
            texts.append(text)
        }
        return text
    }
}
