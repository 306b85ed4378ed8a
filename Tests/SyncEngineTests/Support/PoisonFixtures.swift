@testable import TestSupport
import Basics
@testable import SyncEngine

/// Statements of every size and nesting the tests need, and a small world of PCs around one
/// `MemoryHub`, for the failure-isolation tests.
enum PoisonFixtures {
    /// A synced statement (id, stored, authority) whose canonical JSON nests exactly `depth` levels
    /// (the statement object itself is level 1) and, with `padding`, is about that many bytes larger.
    static func statement(id: String, learner: String, depth: Int = 3, padding: Int = 0) -> String {
        var fields: [String: JSONValue] = [
            "id": .string(id), "actor": ["mbox": .string("mailto:\(learner)@x.example")],
            "verb": ["id": "http://adlnet.gov/expapi/verbs/completed"], "object": ["id": "https://x.example/lo/1"],
            "stored": "2026-01-01T00:00:00.000Z", "authority": ["mbox": "mailto:pc@x.example"],
        ]
        if padding > 0 { fields["result"] = ["response": .string(String(repeating: "x", count: padding))] }
        if depth > 2 {
            // statement{ context{ extensions{ "…": V } } }: V nests depth - 3 levels.
            var value: JSONValue = 1
            for _ in 0..<(depth - 3) { value = ["a": value] }
            fields["context"] = ["extensions": ["https://x.example/deep": value]]
        }
        return JSONValue.object(fields).encodedString
    }

    /// One hub, PCs named pc0, pc1, …, each with its reliable link.
    final class World {
        let hub = MemoryHub(catalogVersion: "catalog-1")
        var devices: [MemoryDeviceStore] = []
        var links: [FaultyTransport] = []

        init(devices count: Int, seed: UInt64 = 1) {
            for i in 0..<count {
                devices.append(MemoryDeviceStore(replica: ReplicaID("pc\(i)")))
                links.append(FaultyTransport(hub: hub, device: "pc\(i)", seed: seed &+ UInt64(i)))
            }
        }

        /// `learner` was created on PC `creator`; every PC in `fetchedOn` brought them over with their PIN.
        func learner(_ learner: String, createdOn creator: Int, fetchedOn: [Int] = []) {
            devices[creator].addLearner(learner)
            hub.link(device: "pc\(creator)", learner: learner)
            for i in fetchedOn {
                devices[i].addFetchedLearner(learner)
                hub.link(device: "pc\(i)", learner: learner)
            }
        }

        @discardableResult
        func sync(_ i: Int, batchSize: Int = SyncWireFormat.maxBatchItems) throws -> SyncReport {
            try SyncClient(store: devices[i], transport: links[i], batchSize: batchSize).run()
        }
    }
}
