import Foundation
import Testing
import DaemonKit

/// The bound on costly public work (`POST /verify`, walletd's scrypt runs).
@Suite("ConcurrencyLimit: at most N at once, a bounded queue, then Busy")
struct ConcurrencyLimitTests {
    actor Meter {
        var inside = 0, most = 0, done = 0
        func enter() { inside += 1; most = max(most, inside) }
        func leave() { inside -= 1; done += 1 }
    }

    @Test func atMostTheLimitRunAtOnceAndEveryWaiterGetsATurn() async throws {
        let limit = ConcurrencyLimit(limit: 2, maxWaiting: 64)
        let meter = Meter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await limit.run {
                        await meter.enter()
                        try await Task.sleep(for: .milliseconds(2))
                        await meter.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await meter.most == 2)
        #expect(await meter.done == 40)
        let load = await limit.load
        #expect(load.running == 0 && load.waiting == 0)
    }

    @Test func beyondTheQueueTheAnswerIsBusyAtOnce() async throws {
        let limit = ConcurrencyLimit(limit: 1, maxWaiting: 1)
        let holder = Task { try await limit.run { try await Task.sleep(for: .milliseconds(300)) } }
        for _ in 0..<200 where await limit.load.running == 0 { try await Task.sleep(for: .milliseconds(2)) }
        let waiter = Task { try await limit.run { 1 } }
        for _ in 0..<200 where await limit.load.waiting == 0 { try await Task.sleep(for: .milliseconds(2)) }
        await #expect(throws: ConcurrencyLimit.Busy.self) { try await limit.run { 2 } }
        try await holder.value
        #expect(try await waiter.value == 1)
    }
}
