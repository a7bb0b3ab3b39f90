/// A half-open span of Unicode-scalar offsets in one source file, carried by every token, AST
/// node and diagnostic so that any error or explanation points back at the policy text.
public struct SourceRange: Sendable, Hashable {
    /// Index of the file in the set of sources being loaded.
    public var file: Int
    public var start: Int
    public var end: Int

    public init(file: Int, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// The smallest range covering both.
    public func to(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    /// A range for synthesized nodes (expressions given on the command line, tests).
    public static let none = SourceRange(file: -1, start: 0, end: 0)
}
