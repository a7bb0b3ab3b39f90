import Dispatch

/// Produces the next item on a background thread while the caller works on the current one, so
/// cutting a file into records (one thread) overlaps with evaluating them (every core).
final class ReadAhead<Source, Item>: @unchecked Sendable {
    private var source: Source
    private let produce: (inout Source) -> Item?
    private var pending: Item?
    private var group: DispatchGroup?

    init(_ source: Source, produce: @escaping (inout Source) -> Item?) {
        self.source = source
        self.produce = produce
    }

    /// The next item (waiting for it if it is still being made), and the one after it started.
    func next() -> Item? {
        let item: Item?
        if let group {
            group.wait()
            item = pending
        } else {
            item = produce(&source)
        }
        pending = nil
        guard item != nil else { group = nil; return nil }
        let started = DispatchGroup()
        started.enter()
        DispatchQueue.global().async {
            self.pending = self.produce(&self.source)
            started.leave()
        }
        group = started
        return item
    }
}
