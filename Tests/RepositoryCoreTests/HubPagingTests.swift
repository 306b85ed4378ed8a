import Foundation
import TestSupport
import Testing
import Basics
@testable import RepositoryCore
@testable import SyncEngine

/// The SQLite store and `MemoryHub` fill pull pages by bytes alike, and both refuse a partition
/// the asking device does not hold explicitly (issue 10, items 2 and 5).
@Suite("Hub pages bounded in bytes; refused partitions")
struct HubPagingTests {
    /// A statement padded to about `bytes`.
    static func large(_ n: Int, bytes: Int) -> WireStatement {
        let id = HubFixtures.uuid(n)
        let value: JSONValue = [
            "id": .string(id), "actor": ["mbox": "mailto:ana@x.example"], "verb": ["id": "http://adlnet.gov/expapi/verbs/completed"],
            "object": ["id": "https://x.example/lo/1"], "result": ["response": .string(String(repeating: "x", count: bytes))],
            "stored": "2026-11-22T09:00:01.000Z", "authority": ["mbox": "mailto:pc@x.example"],
        ]
        return WireStatement(id: id, json: value.encodedString)
    }

    @Test(arguments: StoreKind.allCases) func bothHubsFillAPullPageUpToTheByteBudget(kind: StoreKind) async throws {
        try await HubPair.with(kind) { hubs in
        let pcA = ReplicaID("pc-a"), pcB = ReplicaID("pc-b")
        let statements = (0..<20).map { Self.large($0, bytes: 700_000) }
        for chunk in stride(from: 0, to: statements.count, by: 5) {
            try await hubs.push(PushRequest(replica: pcA, learner: HubFixtures.learner("ana"), statements: Array(statements[chunk..<chunk + 5]), records: []),
                          device: pcA.rawValue)
        }
        try await hubs.hold("ana", on: pcB)
        var since: Int64 = 0
        var pulled = 0
        var pages = 0
        while true {
            let answer = try await hubs.pull(PullRequest(replica: pcB, limit: 1000, partitions: [.init(learner: "ana", since: since)]), device: pcB.rawValue)
            let part = try #require(answer.partitions.first)
            #expect(part.statements.reduce(0) { $0 + $1.json.utf8.count } <= SyncWireFormat.maxPageBytes)
            #expect(!part.statements.isEmpty, "at least one item per page")
            pulled += part.statements.count
            pages += 1
            since = part.next
            if !part.more { break }
        }
        #expect(pulled == 20)
        #expect(pages >= 2)
        }
    }

    @Test(arguments: StoreKind.allCases) func bothHubsRefuseAPartitionTheDeviceDoesNotHold(kind: StoreKind) async throws {
        try await HubPair.with(kind) { hubs in
        try await hubs.push(PushRequest(replica: ReplicaID("pc-a"), learner: HubFixtures.learner("ana"), statements: HubFixtures.statements(0..<3), records: []),
                      device: "pc-a")
        let answer = try await hubs.pull(PullRequest(replica: ReplicaID("pc-x"), limit: 100, partitions: [.init(learner: "ana", since: 0), .init(learner: "nobody", since: 5)]),
                                   device: "pc-x")
        #expect(answer.partitions.map { $0.refusal?.code } == [.learnerNotHeld, .learnerNotHeld])
        #expect(answer.partitions.map(\.next) == [0, 5])
        #expect(answer.partitions.allSatisfy { $0.statements.isEmpty && $0.records.isEmpty && !$0.more })
        }
    }
}
