/// The language the CLI speaks to people: `--lang zh` (the default) or `--lang en`, accepted by
/// every command. It is read once from the raw command line, before a command parses its options,
/// so that even "unknown option" or "no such file" is said in the language asked for. Machine
/// outputs (JSON and CSV fields, JSON `reasons`, diagnostic codes) never depend on it.
enum Language {
    static let english: Bool = isEnglish(Array(CommandLine.arguments.dropFirst()))

    /// Whether the last `--lang` before `--` asks for English.
    static func isEnglish(_ arguments: [String]) -> Bool {
        var english = false
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            let argument = arguments[index]
            if argument == "--lang", index + 1 < arguments.count {
                english = arguments[index + 1] == "en"
                index += 1
            } else if argument.hasPrefix("--lang=") {
                english = argument.dropFirst("--lang=".count) == "en"
            }
            index += 1
        }
        return english
    }

    /// The text in the language asked for.
    static func say(_ english: String, _ chinese: String) -> String { self.english ? english : chinese }
}
