import Foundation
@testable import IncentiveEngine
import Testing

/// `PerThread`: one instance per thread that asks, the same one each time it asks, all released
/// with the `PerThread`.
@Suite struct PerThreadTests {
    final class Counted: @unchecked Sendable {
        static let lock = NSLock()
        nonisolated(unsafe) static var alive = 0
        init() { Self.lock.withLock { Self.alive += 1 } }
        deinit { Self.lock.withLock { Self.alive -= 1 } }
    }

    final class Seen: @unchecked Sendable {
        let lock = NSLock()
        var identities: [ObjectIdentifier] = []
        var askedTwiceDiffered = false
    }

    @Test("a thread gets its own instance, and the same one again; the instances go with the PerThread")
    func instances() {
        let before = Counted.lock.withLock { Counted.alive }
        var perThread: PerThread<Counted>? = PerThread { Counted() }
        let shared = perThread!
        let mine = shared.instance
        #expect(shared.instance === mine)
        let seen = Seen(), finished = DispatchSemaphore(value: 0)
        // The threads hold the PerThread weakly: a finished thread's closure may outlive the
        // signal, and must not keep it alive when it is dropped below.
        weak let weakShared = shared
        for _ in 0..<3 {
            Thread {
                defer { finished.signal() }
                do {
                    guard let shared = weakShared else { return }
                    let first = shared.instance, second = shared.instance
                    seen.lock.withLock {
                        seen.identities.append(ObjectIdentifier(first))
                        if first !== second { seen.askedTwiceDiffered = true }
                    }
                }
            }.start()
        }
        for _ in 0..<3 { finished.wait() }
        #expect(!seen.askedTwiceDiffered)
        #expect(Set(seen.identities + [ObjectIdentifier(mine)]).count == 4, "four threads, four instances")
        #expect(Counted.lock.withLock { Counted.alive } == before + 4)
        perThread = nil
        _ = consume shared
        #expect(Counted.lock.withLock { Counted.alive } == before + 1, "only `mine`, still held here, is left")
        withExtendedLifetime(mine) {}
    }
}
