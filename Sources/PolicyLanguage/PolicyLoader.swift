import Foundation

/// The façade: policy sources in, a checked policy set (or every diagnostic) out.
public enum PolicyLoader {
    public struct Failure: Error, Sendable {
        public init(sources: [SourceFile], diagnostics: [Diagnostic]) {
            self.sources = sources
            self.diagnostics = diagnostics
        }

        public let sources: [SourceFile]
        public let diagnostics: [Diagnostic]

        /// The diagnostics in English: what test failures and logs show.
        public var rendered: String { rendered(english: true) }

        /// The diagnostics in the language asked for (the CLI's `--lang`).
        public func rendered(english: Bool) -> String { DiagnosticRenderer(sources: sources, english: english).render(diagnostics) }
    }

    /// Parses and checks sources; they are ordered by name first so results never depend on the
    /// order a directory listing gave.
    public static func load(sources unordered: [SourceFile]) -> Result<CheckedPolicySet, Failure> {
        loadKeepingWarnings(sources: unordered).map(\.set)
    }

    /// `load`, keeping on success the warnings it drops, with the sources in the order their file
    /// indices refer to: what `incentive check` prints, from one parse and check (it used to call
    /// `load`, then `diagnose` for the warnings, parsing and checking everything twice).
    public static func loadKeepingWarnings(sources unordered: [SourceFile])
        -> Result<(set: CheckedPolicySet, warnings: [Diagnostic], sources: [SourceFile]), Failure> {
        let (sources, set, diagnostics) = parseAndCheck(unordered)
        if let set, !diagnostics.contains(where: { $0.severity == .error }) { return .success((set, diagnostics, sources)) }
        return .failure(Failure(sources: sources, diagnostics: diagnostics))
    }

    /// Every diagnostic of a set of sources, warnings included (`load` drops them on success),
    /// with the sources in the order the diagnostics' file indices refer to.
    public static func diagnose(sources unordered: [SourceFile]) -> (sources: [SourceFile], diagnostics: [Diagnostic]) {
        let (sources, _, diagnostics) = parseAndCheck(unordered)
        return (sources, diagnostics)
    }

    private static func parseAndCheck(_ unordered: [SourceFile]) -> ([SourceFile], CheckedPolicySet?, [Diagnostic]) {
        let sources = unordered.sorted { $0.name < $1.name }
        var diagnostics: [Diagnostic] = []
        var trees: [SyntaxTree] = []
        for (index, source) in sources.enumerated() {
            let (tree, found) = Parser.parse(source, file: index)
            trees.append(tree)
            diagnostics += found
        }
        var checker = Checker(sources: sources, trees: trees)
        let (set, found) = checker.check()
        return (sources, diagnostics.contains(where: { $0.severity == .error }) ? nil : set, Diagnostic.sorted(diagnostics + found))
    }

    /// Reads every `*.policy` file below a directory (names relative to it).
    public static func sources(inDirectory path: String) throws -> [SourceFile] {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LoadError(message: "\(path): no such directory", chinese: "\(path)：目录不存在")
        }
        var files: [SourceFile] = []
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        for case let url as URL in walker where url.pathExtension == "policy" {
            let full = url.standardizedFileURL.path
            let relative = full.hasPrefix(root.path + "/") ? String(full.dropFirst(root.path.count + 1)) : full
            guard let data = FileManager.default.contents(atPath: full), let text = String(data: data, encoding: .utf8) else {
                throw LoadError(message: "\(full): cannot read it as UTF-8 text", chinese: "\(full)：无法按 UTF-8 文本读取")
            }
            files.append(SourceFile(name: relative, text: text))
        }
        return files.sorted { $0.name < $1.name }
    }

    /// A policy folder that cannot be read; the message in English, and in Chinese for the CLI's `--lang zh`.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public let chinese: String
        public var description: String { message }
    }
}
