import IncentiveSupport
import PolicyLanguage

/// A what-if change to a profile, written as on the command line: `years.2023.rd_expense=3000000`
/// for a per-year fact, `hte_certificates=2023-12-01` for a static one; an empty value removes
/// the fact. Values are read by the fact's declared type, exactly as a CSV cell.
public struct ProfileEdit: Sendable, Hashable, CustomStringConvertible {
    public let fact: FactDecl
    public let year: Int?
    public let value: Value?
    public let text: String

    public var description: String { text }

    /// What is wrong with a `--set`, in English and Chinese.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let message: Reason
        public var description: String { message.english }

        init(_ english: String, _ chinese: String) { message = Reason(english: english, chinese: chinese) }
    }

    public init(parsing text: String, policies: CheckedPolicySet) throws(Problem) {
        guard let equals = text.firstIndex(of: "=") else {
            throw Problem("--set '\(text)': expected PATH=VALUE, e.g. years.2023.rd_expense=3000000",
                          "--set '\(text)'：应为 路径=值，如 years.2023.rd_expense=3000000")
        }
        let path = text[..<equals].split(separator: ".").map(String.init)
        let raw = String(text[text.index(after: equals)...])
        let name: String
        var year: Int?
        if path.count == 3, path[0] == "years" {
            guard let y = Int(path[1]), path[1].count == 4 else {
                throw Problem("--set '\(text)': '\(path[1])' is not a year", "--set '\(text)'：'\(path[1])' 不是年度")
            }
            year = y
            name = path[2]
        } else if path.count == 1 {
            name = path[0]
        } else {
            throw Problem("--set '\(text)': the path is years.YYYY.FACT or FACT", "--set '\(text)'：路径应为 years.YYYY.数据项 或 数据项")
        }
        guard let fact = policies.factIndex[name] else {
            let suggestion = Suggestions.closest(to: name, among: policies.factIndex.keys)
            throw Problem("--set '\(text)': no fact '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                          "--set '\(text)'：没有数据项 '\(name)'" + (suggestion.map { "；是否想写 '\($0)'？" } ?? ""))
        }
        if fact.perYear != (year != nil) {
            throw fact.perYear ? Problem("--set '\(text)': '\(name)' is per year: write years.YYYY.\(name)=…", "--set '\(text)'：'\(name)' 按年度填写：写作 years.YYYY.\(name)=…")
                : Problem("--set '\(text)': '\(name)' is static: write \(name)=…", "--set '\(text)'：'\(name)' 不分年度：写作 \(name)=…")
        }
        switch FactReader.readText(raw, as: fact) {
        case .value(let value): self.value = value
        case .absent: self.value = nil
        case .invalid(let expected): throw Problem("--set '\(text)': '\(raw)' is not valid; expected \(expected.english)", "--set '\(text)'：'\(raw)' 无效；应为\(expected.chinese)")
        }
        self.fact = fact
        self.year = year
        self.text = text
    }

    public func apply(to profile: inout Profile) {
        profile.set(fact, year: year, to: value)
    }
}
