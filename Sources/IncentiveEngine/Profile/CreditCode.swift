/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet, the last a
/// check character computed from the first 17 with fixed weights, modulo 31.
public enum CreditCode {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// 3 to the power of the position, modulo 31 (`isValid` computes them as it goes).
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Each ASCII byte's value in the alphabet, or -1 (a table: this runs per CSV row).
    static let values: [Int] = {
        var table = [Int](repeating: -1, count: 128)
        for (index, character) in alphabet.enumerated() { table[Int(character.asciiValue!)] = index }
        return table
    }()

    /// Nil when valid, else what is wrong with it (in English and Chinese).
    public static func problem(with code: String) -> Reason? {
        if isValid(code) { return nil }
        let characters = Array(code)
        guard characters.count == 18 else {
            return Reason(english: "a credit code has 18 characters, this one has \(characters.count)",
                          chinese: "信用代码应为 18 位，此代码为 \(characters.count) 位")
        }
        var sum = 0
        for (index, character) in characters.prefix(17).enumerated() {
            guard let value = alphabet.firstIndex(of: character) else {
                return Reason(english: "character \(index + 1) '\(character)' is not allowed in a credit code (digits and capitals except I, O, S, V, Z)",
                              chinese: "第 \(index + 1) 位 '\(character)' 不能用于信用代码（只能是数字和除 I、O、S、V、Z 外的大写字母）")
            }
            sum += value * weights[index]
        }
        let check = alphabet[(31 - sum % 31) % 31]
        guard characters[17] == check else {
            return Reason(english: "check character is '\(characters[17])', but the first 17 characters give '\(check)'",
                          chinese: "校验码为 '\(characters[17])'，但按前 17 位应为 '\(check)'")
        }
        return nil
    }

    /// Whether a code is valid, read from its UTF-8 in place (this runs for every enterprise of a
    /// batch, on every core: it touches no shared table, whose reference count both cores would
    /// write, and copies no bytes).
    static func isValid(_ code: String) -> Bool {
        var code = code
        return code.withUTF8 { isValid($0) }
    }

    /// The same from the bytes of a CSV cell, before any text is made of them.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 18 else { return false }
        var sum = 0, weight = 1
        for index in 0..<17 {
            guard let value = value(of: bytes[index]) else { return false }
            sum += value * weight
            weight = weight * 3 % 31
        }
        return value(of: bytes[17]) == (31 - sum % 31) % 31
    }

    /// A byte's place in `alphabet` ("0123456789ABCDEFGHJKLMNPQRTUWXY"), or nil.
    private static func value(of byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)          // 0–9
        case 0x41...0x48: return Int(byte - 0x41) + 10     // A–H
        case 0x4A...0x4E: return Int(byte - 0x4A) + 18     // J–N
        case 0x50...0x52: return Int(byte - 0x50) + 23     // P–R
        case 0x54, 0x55: return Int(byte - 0x54) + 26      // T, U
        case 0x57...0x59: return Int(byte - 0x57) + 28     // W–Y
        default: return nil
        }
    }
}
