import Synchronization
import Testing
@testable import SyncEngine
@testable import TestSupport

/// A PC of a busy centre holds thousands of learners. Every pull named every one of them, and the
/// repository reads at most 10,000 partitions per request: past that, no pull of that PC was read
/// any more. Pulls now name at most `SyncWireFormat.maxPartitionsPerPull` partitions each.
@Suite("Pulls page over partitions")
struct SyncPartitionPagingTests {
    /// Counts the partitions each pull names, on its way to the hub.
    final class CountingTransport: SyncTransport, Sendable {
        let inner: FaultyTransport
        let sizes = Mutex<[Int]>([])
        init(_ inner: FaultyTransport) { self.inner = inner }
        func push(_ request: PushRequest) throws -> PushResponse { try inner.push(request) }
        func pull(_ request: PullRequest) throws -> PullResponse {
            sizes.withLock { $0.append(request.partitions.count) }
            return try inner.pull(request)
        }
        func catalog() throws -> CatalogEnvelope { try inner.catalog() }
    }

    @Test func thousandsOfLearnersArePulledInPagesOfAThousand() throws {
        let hub = MemoryHub()
        let writer = MemoryDeviceStore(replica: ReplicaID("pc-writer"))
        let reader = MemoryDeviceStore(replica: ReplicaID("pc-reader"))
        let learners = (0..<2_500).map { "learner-\($0)" }
        for learner in learners {
            writer.addLearner(learner)
            reader.addFetchedLearner(learner)
            hub.link(device: "reader", learner: learner)
        }
        // Three learners far apart in the list have news.
        for (n, learner) in [learners[5], learners[1_500], learners[2_499]].enumerated() {
            let id = "00000000-0000-4000-8000-00000000000\(n)"
            writer.record(learner: learner, id: id, json: PoisonFixtures.statement(id: id, learner: learner))
        }
        _ = try SyncClient(store: writer, transport: FaultyTransport(hub: hub, device: "writer", seed: 1)).run()
        let link = CountingTransport(FaultyTransport(hub: hub, device: "reader", seed: 2))
        let report = try SyncClient(store: reader, transport: link).run()
        #expect(report.pulledStatements == 3, "\(link.sizes.withLock { $0 }) \(hub.statementIDs.count) at the hub, \(report.pulledStatements) pulled, \(report.heldBack.count) held back: \(report.heldBack.prefix(2))")
        #expect(report.heldBack.isEmpty && report.unreadablePulls == 0)
        let sizes = link.sizes.withLock { $0 }
        #expect(sizes == [1_000, 1_000, 500], "\(sizes)")
    }
}
