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

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(parsing text: String, policies: CheckedPolicySet) throws(Problem) {
        guard let equals = text.firstIndex(of: "=") else {
            throw Problem(description: "--set '\(text)': expected PATH=VALUE, e.g. years.2023.rd_expense=3000000")
        }
        let path = text[..<equals].split(separator: ".").map(String.init)
        let raw = String(text[text.index(after: equals)...])
        let name: String
        var year: Int?
        if path.count == 3, path[0] == "years" {
            guard let y = Int(path[1]), path[1].count == 4 else { throw Problem(description: "--set '\(text)': '\(path[1])' is not a year") }
            year = y
            name = path[2]
        } else if path.count == 1 {
            name = path[0]
        } else {
            throw Problem(description: "--set '\(text)': the path is years.YYYY.FACT or FACT")
        }
        guard let fact = policies.factIndex[name] else {
            let hint = Suggestions.closest(to: name, among: policies.factIndex.keys).map { "; did you mean '\($0)'?" } ?? ""
            throw Problem(description: "--set '\(text)': no fact '\(name)'\(hint)")
        }
        if fact.perYear != (year != nil) {
            throw Problem(description: fact.perYear ? "--set '\(text)': '\(name)' is per year: write years.YYYY.\(name)=…" : "--set '\(text)': '\(name)' is static: write \(name)=…")
        }
        switch FactReader.readText(raw, as: fact) {
        case .value(let value): self.value = value
        case .absent: self.value = nil
        case .invalid(let expected): throw Problem(description: "--set '\(text)': '\(raw)' is not valid; expected \(expected)")
        }
        self.fact = fact
        self.year = year
        self.text = text
    }

    public func apply(to profile: inout Profile) {
        profile.set(fact, year: year, to: value)
    }
}
