import Foundation

/// A new, empty directory of a test's own under the system's temporary directory, for the files
/// it writes; the test removes it when it ends, pass or fail:
///
///     let scratch = ScratchDirectory("incentive-cli")
///     defer { scratch.remove() }
///
/// Nothing else removes it: before the tests did so, every `swift test` left some 40 directories
/// and files in /tmp. A directory per test, not one shared, so that tests running in parallel
/// neither see nor remove each other's files.
public struct ScratchDirectory: Sendable {
    public let path: String

    /// Creates `<temporary directory>/<prefix>-<UUID>`.
    public init(_ prefix: String) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// The file (or folder) `name` in the directory; nothing is created.
    public func url(_ name: String) -> URL {
        URL(fileURLWithPath: path).appendingPathComponent(name)
    }

    /// Removes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
