/// What a profile field should look like, in English and Chinese: phrases that the JSON reader,
/// the CSV row reader and `--set` share, written once so the two languages never drift apart.
enum Messages {
    static let regionCode = Reason(english: "a 6-digit administrative division code such as \"330726\"",
                                   chinese: "6 位行政区划代码，如 \"330726\"")
    static let industryCode = Reason(english: "a GB/T 4754-2017 code: a section letter A–T, optionally with 2–4 digits (C, C34, C3484)",
                                     chinese: "GB/T 4754-2017 行业代码：门类字母 A–T，可后接 2–4 位数字（C、C34、C3484）")
    static let creditCodeMissing = Reason(english: "an 18-character 统一社会信用代码", chinese: "18 位统一社会信用代码")

    static func validCreditCode(_ problem: Reason) -> Reason {
        Reason(english: "a valid 统一社会信用代码 (\(problem.english))", chinese: "有效的统一社会信用代码（\(problem.chinese)）")
    }

    /// An unknown field, with the closest known name when there is one.
    static func unknownField(_ suggestion: String?) -> Reason {
        Reason(english: "no such field in the profile contract" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""),
               chinese: "档案约定中没有这个字段" + (suggestion.map { "（是否想写 '\($0)'？）" } ?? ""))
    }
}
