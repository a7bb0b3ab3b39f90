import Dispatch

/// Runs work over index ranges on every core (`concurrentPerform`), and returns each range's
/// result in range order, so parallel batches give the same bytes as sequential ones.
public enum Parallel {
    /// Slots written by exactly one iteration each, read after all have finished.
    private final class Slots<T>: @unchecked Sendable {
        var values: [T?]
        init(_ count: Int) { values = Array(repeating: nil, count: count) }
    }

    public static func map<T>(_ range: Range<Int>, chunk: Int = 512, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let chunks = stride(from: range.lowerBound, to: range.upperBound, by: max(1, chunk)).map { $0..<min($0 + max(1, chunk), range.upperBound) }
        if chunks.count <= 1 { return chunks.map(body) }
        let slots = Slots<T>(chunks.count)
        slots.values.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
                output[index] = body(chunks[index])
            }
        }
        return slots.values.map { $0! }
    }
}
