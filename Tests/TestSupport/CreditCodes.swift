/// Valid 统一社会信用代码 for generated enterprises: "91" + region + a 9-character serial + the
/// GB 32100-2015 check character, so generated rows pass the readers' credit-code check.
public enum CreditCodes {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public static func code(_ serial: Int, region: String) -> String {
        var body = Array("91" + region)
        var digits: [Character] = []
        var value = serial
        for _ in 0..<9 { digits.append(alphabet[value % 31]); value /= 31 }
        body += digits.reversed()
        var sum = 0
        for (index, character) in body.enumerated() { sum += alphabet.firstIndex(of: character)! * weights[index] }
        return String(body) + String(alphabet[(31 - sum % 31) % 31])
    }
}
