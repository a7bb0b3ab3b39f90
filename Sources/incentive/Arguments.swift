/// The command line after the command name: positional arguments, `--option value` (or
/// `--option=value`), repeatable options, and flags. Unknown options are usage errors. `--lang`
/// is accepted by every command (see `Language`).
struct Arguments {
    var positional: [String] = []
    var options: [String: [String]] = [:]
    var flags: Set<String> = []

    /// A usage error, its message already in the language asked for (`Language`).
    struct UsageError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }

        init(message: String) { self.message = message }

        init(_ english: String, _ chinese: String) { message = Language.say(english, chinese) }
    }

    /// - Parameters:
    ///   - valued: options that take a value (`year`, `format`, …).
    ///   - flags: options that take none (`explain`, `help`).
    init(_ arguments: [String], valued commandValued: Set<String>, flags known: Set<String>) throws {
        let valued = commandValued.union(["lang"])
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
                guard value == nil else { throw UsageError("option --\(name) takes no value", "选项 --\(name) 不带值") }
                flags.insert(name)
            } else if valued.contains(name) {
                if value == nil {
                    guard index < arguments.count else { throw UsageError("option --\(name) needs a value", "选项 --\(name) 需要一个值") }
                    value = arguments[index]
                    index += 1
                }
                options[name, default: []].append(value!)
            } else {
                let all = valued.union(known).sorted().map { "--\($0)" }.joined(separator: ", ")
                throw UsageError("unknown option '\(argument)'; this command takes \(all)", "未知选项 '\(argument)'；此命令接受 \(all)")
            }
        }
        _ = try choice("lang", of: ["zh", "en"], default: "zh")
    }

    func value(_ name: String) -> String? { options[name]?.last }

    func values(_ name: String) -> [String] { options[name] ?? [] }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// `--year` as a four-digit year.
    func year(required: Bool) throws -> Int? {
        guard let text = value("year") else {
            if required { throw UsageError("missing --year YYYY (the assessment year, e.g. --year 2023)", "缺少 --year YYYY（评估年度，如 --year 2023）") }
            return nil
        }
        guard text.count == 4, let year = Int(text), year >= 1900, year <= 2999 else {
            throw UsageError("--year '\(text)' is not a year; expected four digits such as 2023", "--year '\(text)' 不是年度；应为 4 位数字，如 2023")
        }
        return year
    }

    func choice(_ name: String, of allowed: [String], default fallback: String) throws -> String {
        guard let text = value(name) else { return fallback }
        guard allowed.contains(text) else {
            throw UsageError("--\(name) '\(text)' is not one of \(allowed.joined(separator: ", "))", "--\(name) '\(text)' 不是 \(allowed.joined(separator: "、")) 之一")
        }
        return text
    }
}
