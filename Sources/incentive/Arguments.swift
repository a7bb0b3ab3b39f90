/// The command line after the command name: positional arguments, `--option value` (or
/// `--option=value`), repeatable options, and flags. Unknown options are usage errors.
struct Arguments {
    var positional: [String] = []
    var options: [String: [String]] = [:]
    var flags: Set<String> = []

    struct UsageError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// - Parameters:
    ///   - valued: options that take a value (`year`, `format`, …).
    ///   - flags: options that take none (`explain`, `help`).
    init(_ arguments: [String], valued: Set<String>, flags known: Set<String>) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                positional += arguments[index...]
                break
            }
            if argument == "-h" {
                flags.insert("help")
                continue
            }
            guard argument.hasPrefix("--") || (argument.hasPrefix("-") && argument.count == 2 && argument != "-") else {
                positional.append(argument)
                continue
            }
            var name = String(argument.drop(while: { $0 == "-" }))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if name == "o" { name = "out" }
            if known.contains(name) {
                guard value == nil else { throw UsageError(message: "option --\(name) takes no value") }
                flags.insert(name)
            } else if valued.contains(name) {
                if value == nil {
                    guard index < arguments.count else { throw UsageError(message: "option --\(name) needs a value") }
                    value = arguments[index]
                    index += 1
                }
                options[name, default: []].append(value!)
            } else {
                let all = valued.union(known).sorted().map { "--\($0)" }.joined(separator: ", ")
                throw UsageError(message: "unknown option '\(argument)'; this command takes \(all)")
            }
        }
    }

    func value(_ name: String) -> String? { options[name]?.last }

    func values(_ name: String) -> [String] { options[name] ?? [] }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// `--year` as a four-digit year.
    func year(required: Bool) throws -> Int? {
        guard let text = value("year") else {
            if required { throw UsageError(message: "missing --year YYYY (the assessment year, e.g. --year 2023)") }
            return nil
        }
        guard text.count == 4, let year = Int(text), year >= 1900, year <= 2999 else {
            throw UsageError(message: "--year '\(text)' is not a year; expected four digits such as 2023")
        }
        return year
    }

    func choice(_ name: String, of allowed: [String], default fallback: String) throws -> String {
        guard let text = value(name) else { return fallback }
        guard allowed.contains(text) else {
            throw UsageError(message: "--\(name) '\(text)' is not one of \(allowed.joined(separator: ", "))")
        }
        return text
    }
}
