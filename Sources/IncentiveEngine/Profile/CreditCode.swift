/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet, the last a
/// check character computed from the first 17 with fixed weights, modulo 31.
public enum CreditCode {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
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

    /// Whether a code is valid, read from its UTF-8 in place with the tables held in locals (this
    /// runs for every CSV row: copying the bytes out and reaching the static tables at each step
    /// cost more than the sum).
    static func isValid(_ code: String) -> Bool {
        var code = code
        let values = Self.values, weights = Self.weights
        return code.withUTF8 { bytes in
            guard bytes.count == 18 else { return false }
            var sum = 0
            for index in 0..<17 {
                let byte = bytes[index]
                guard byte < 128, values[Int(byte)] >= 0 else { return false }
                sum += values[Int(byte)] * weights[index]
            }
            return bytes[17] < 128 && values[Int(bytes[17])] == (31 - sum % 31) % 31
        }
    }
}
