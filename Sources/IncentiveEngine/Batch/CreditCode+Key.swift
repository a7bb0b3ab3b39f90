extension CreditCode {
    /// A valid credit code as a number: 18 characters of a 31-letter alphabet fit in 90 bits, one
    /// to one. A batch keys its enterprises by it: 16 bytes inline instead of a heap string.
    static func key(_ code: String) -> UInt128? {
        var key: UInt128 = 0
        var count = 0
        for byte in code.utf8 {
            guard let value = digit[Int(byte)] else { return nil }
            key = key << 5 | UInt128(value)
            count += 1
        }
        return count == 18 ? key : nil
    }

    private static let digit: [UInt8?] = {
        var table = [UInt8?](repeating: nil, count: 256)
        for (index, character) in alphabet.enumerated() { table[Int(character.asciiValue!)] = UInt8(index) }
        return table
    }()
}
