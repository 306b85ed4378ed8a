import Synchronization
import Testing
@testable import SyncEngine
@testable import TestSupport

/// The sync client reads the next batch while the current one is on its way (issue 12, push
/// pipelining). What the hub receives must not change: each statement once, in the PC's order,
/// and a batch the hub refuses leaves no prepared batch behind it to skip or repeat items.
@Suite("Push pipelining")
struct SyncPipeliningTests {
    /// Notes each push's statement ids on the way; refuses the first push that carries `poison`
    /// with 413 (too large), which makes the client split that batch.
    final class RecordingTransport: SyncTransport, Sendable {
        let inner: FaultyTransport
        let pushes = Mutex<[[String]]>([])
        let poison: String?
        let refused = Mutex(false)
        init(_ inner: FaultyTransport, poison: String? = nil) {
            self.inner = inner
            self.poison = poison
        }
        func push(_ request: PushRequest) throws -> PushResponse {
            let ids = request.statements.map(\.id)
            if let poison, ids.contains(poison), ids.count > 1, refused.withLock({ !$0 }) {
                refused.withLock { $0 = true }
                throw SyncRefusal(status: 413, code: .bodyTooLarge, message: "too large")
            }
            pushes.withLock { $0.append(ids) }
            return try inner.push(request)
        }
        func pull(_ request: PullRequest) throws -> PullResponse { try inner.pull(request) }
        func catalog() throws -> CatalogEnvelope { try inner.catalog() }
    }

    static func id(_ n: Int) -> String { String(format: "00000000-0000-4000-8000-%012x", n) }

    func writer(statements count: Int) -> MemoryDeviceStore {
        let store = MemoryDeviceStore(replica: ReplicaID("pc-a"))
        store.addLearner("ana")
        for n in 0..<count {
            store.record(learner: "ana", id: Self.id(n), json: PoisonFixtures.statement(id: Self.id(n), learner: "ana"))
        }
        return store
    }

    @Test func everyStatementGoesOnceInTheOrderItWasRecorded() throws {
        let hub = MemoryHub()
        let link = RecordingTransport(FaultyTransport(hub: hub, device: "pc-a", seed: 3))
        let report = try SyncClient(store: writer(statements: 2_345), transport: link, batchSize: 500).run()
        let sent = link.pushes.withLock { $0 }
        #expect(sent.map(\.count) == [500, 500, 500, 500, 345])
        #expect(sent.flatMap { $0 } == (0..<2_345).map(Self.id), "in the PC's order, each once")
        #expect(report.pushedStatements == 2_345 && hub.statementIDs.count == 2_345)
    }

    @Test func aRefusedBatchIsSplitAndNothingPreparedBehindItIsSkippedOrRepeated() throws {
        let hub = MemoryHub()
        let link = RecordingTransport(FaultyTransport(hub: hub, device: "pc-a", seed: 4), poison: Self.id(700))
        _ = try SyncClient(store: writer(statements: 1_500), transport: link, batchSize: 500).run()
        let sent = link.pushes.withLock { $0 }.flatMap { $0 }
        #expect(sent == (0..<1_500).map(Self.id), "the refused batch went in halves, then the rest, each once: \(link.pushes.withLock { $0.map(\.count) })")
        #expect(hub.statementIDs.count == 1_500)
    }
}
