/// Writing CSV cells (RFC 4180).
public enum CSVCell {
    /// A cell is quoted when it holds a comma, a quote or a line break; quotes inside are doubled.
    public static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
