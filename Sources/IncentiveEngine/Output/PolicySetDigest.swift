import IncentiveSupport
import PolicyLanguage

/// SHA-256 over a canonical form of the policy sources: files sorted by name, line endings
/// normalized to LF, each as `name NUL text NUL`. Independent of directory order and CRLF.
public enum PolicySetDigest {
    public static func digest(of sources: [SourceFile]) -> String {
        var hasher = SHA256()
        for source in sources.sorted(by: { $0.name < $1.name }) {
            hasher.update(source.name)
            hasher.update([0])
            hasher.update(source.text)
            hasher.update([0])
        }
        return "sha256:" + SHA256.hexString(hasher.finalize())
    }

    public static func fileDigest(_ source: SourceFile) -> String {
        "sha256:" + SHA256.hex(source.text)
    }
}
