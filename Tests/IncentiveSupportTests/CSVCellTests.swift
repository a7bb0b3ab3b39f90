import IncentiveSupport
import Testing

/// Writing cells: `append(_:to:)` (the batch's bytes) writes exactly what `quoted` returns.
@Suite struct CSVCellTests {
    @Test("quoted only when needed, inner quotes doubled", arguments: [
        ("91330521MA2B3C4D5Q", "91330521MA2B3C4D5Q"),
        ("浙江样本科技有限公司", "浙江样本科技有限公司"),
        ("", ""),
        ("甲,乙", "\"甲,乙\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("cr\rhere", "\"cr\rhere\""),
    ])
    func cells(text: String, expected: String) {
        #expect(CSVCell.quoted(text) == expected)
        var bytes: [UInt8] = [0x41]
        CSVCell.append(text, to: &bytes)
        #expect(bytes == [0x41] + Array(expected.utf8), "appends after what is there")
    }

    @Test("append agrees with quoted on strings built from the characters that matter")
    func agreesWithQuoted() {
        let pieces = ["a", "甲", ",", "\"", "\n", "\r", " ", "é", "🙂"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        // Up to 40 pieces, so that a special byte falls at every place of the eight-byte words.
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<next() % 41 {
                // Mostly plain pieces: one special in a long text, as codes and names have.
                text += next() % 4 == 0 ? pieces[next() % pieces.count] : pieces[next() % 2]
            }
            var bytes: [UInt8] = []
            CSVCell.append(text, to: &bytes)
            #expect(bytes == Array(CSVCell.quoted(text).utf8), "\(text.debugDescription)")
        }
    }
}
