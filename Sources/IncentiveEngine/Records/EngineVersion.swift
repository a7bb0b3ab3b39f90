/// The engine's version as written into every decision record, so an auditor can tell which
/// evaluator produced a decision. Bump it whenever evaluation or encoding semantics change: a
/// replay under a different engine version may legitimately differ.
public enum EngineVersion {
    public static let current = "incentive-engine/0.2.0"
    /// Version of the record layout itself (the set of fields and their meaning).
    public static let recordFormat = 1
}
