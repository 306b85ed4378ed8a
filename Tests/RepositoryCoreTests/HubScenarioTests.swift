import TestSupport
import Foundation
import Testing
@testable import RepositoryCore
@testable import SyncEngine

/// Hand-written sync scenarios, each run on the SQLite store and on `MemoryHub` at once
/// (`HubPair` checks that every answer is the same), with the expected answer spelled out.
@Suite("Hub scenarios: SQLite store and MemoryHub")
struct HubScenarioTests {
    typealias F = HubFixtures

    func push(_ hubs: HubPair, _ replica: ReplicaID, _ learner: String, _ statements: [WireStatement], records: [WireRecord] = []) async throws -> PushResponse {
        try await hubs.push(PushRequest(replica: replica, learner: F.learner(learner), statements: statements, records: records), device: replica.rawValue)
    }

    func pull(_ hubs: HubPair, _ replica: ReplicaID, limit: Int = 1_000, _ cursors: [(String, Int64)]) async throws -> PullResponse {
        try await hubs.pull(PullRequest(replica: replica, limit: limit, partitions: cursors.map { .init(learner: $0.0, since: $0.1) }), device: replica.rawValue)
    }

    @Test(arguments: StoreKind.allCases) func pullLeavesOutTheAskersStatementsButMovesNextPastThem(kind: StoreKind) async throws {
        try await HubPair.with(kind) { hubs in
        _ = try await push(hubs, F.pcA, "ana", F.statements(1..<4))      // seq 1…3
        _ = try await push(hubs, F.pcB, "ana", F.statements(4..<5))      // seq 4
        _ = try await push(hubs, F.pcA, "ana", F.statements(5..<6))      // seq 5
        let mine = try await pull(hubs, F.pcA, [("ana", 0)]).partitions[0]
        #expect(mine.statements.map(\.id) == [F.uuid(4)])
        #expect(mine.next == 5 && !mine.more, "next covers the asker's own statement 5 too")
        let again = try await pull(hubs, F.pcA, [("ana", mine.next)]).partitions[0]
        #expect(again.statements.isEmpty && again.next == 5 && !again.more)
        let theirs = try await pull(hubs, F.pcB, [("ana", 0)]).partitions[0]
        #expect(theirs.statements.map(\.id) == [1, 2, 3, 5].map(F.uuid))
        }
    }

    @Test(arguments: StoreKind.allCases) func onlyOwnChangesCostNoBudgetAndSayNoMore(kind: StoreKind) async throws {
        try await HubPair.with(kind) { hubs in
        _ = try await push(hubs, F.pcA, "ana", F.statements(1..<11))
        let part = try await pull(hubs, F.pcA, limit: 1, [("ana", 0)]).partitions[0]
        #expect(part.statements.isEmpty && part.next == 10 && !part.more)
        }
    }

    @Test(arguments: StoreKind.allCases) func recordsGoBackToTheirWriterToo(kind: StoreKind) async throws {
        try await HubPair.with(kind) { hubs in
        let email = F.record("profile/email", "ana@example.org", by: F.pcA)
        _ = try await push(hubs, F.pcA, "ana", [], records: [email])
        let part = try await pull(hubs, F.pcA, [("ana", 0)]).partitions[0]
        #expect(part.records == [email] && part.next == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func theLimitSpansPartitionsAndMoreResumesWhereItStopped(kind: StoreKind) async throws {
        try await HubPair.with(kind) { hubs in
        _ = try await push(hubs, F.pcB, "ana", F.statements(1..<6))                                   // seq 1…5
        _ = try await push(hubs, F.pcB, "ben", F.statements(6..<11),
                     records: [F.record("profile/name", "Ben", by: F.pcB)])                      // seq 6…11
        try await hubs.hold("ana", on: F.pcC)
        try await hubs.hold("ben", on: F.pcC)

        let first = try await pull(hubs, F.pcC, limit: 3, [("ana", 0), ("ben", 0)])
        #expect(first.partitions[0].statements.count == 3 && first.partitions[0].next == 3 && first.partitions[0].more)
        #expect(first.partitions[1].statements.isEmpty && first.partitions[1].next == 0 && first.partitions[1].more,
                "the budget is spent: ben waits, his checkpoint unchanged")

        var cursors = [("ana", Int64(0)), ("ben", Int64(0))]
        var statements: [String] = []
        var records = 0
        var rounds = 0
        while true {
            let answer = try await pull(hubs, F.pcC, limit: 3, cursors)
            let items = answer.partitions.reduce(0) { $0 + $1.statements.count + $1.records.count }
            #expect(items <= 3)
            statements += answer.partitions.flatMap { $0.statements.map(\.id) }
            records += answer.partitions.reduce(0) { $0 + $1.records.count }
            cursors = answer.partitions.map { ($0.learner, $0.next) }
            rounds += 1
            guard answer.partitions.contains(where: \.more), rounds < 20 else { break }
        }
        #expect(statements == (1..<11).map(F.uuid), "every statement once, in sequence order")
        #expect(records == 1 && rounds == 4 && cursors.map(\.1) == [5, 11])
        }
    }

    @Test(arguments: StoreKind.allCases) func unknownPartitionsComeBackEmptyAtTheirCheckpoint(kind: StoreKind) async throws {
        try await HubPair.with(kind) { hubs in
        _ = try await push(hubs, F.pcA, "ana", F.statements(1..<3))
        let part = try await pull(hubs, F.pcA, [("nobody", 7)]).partitions[0]
        #expect(part.learner == "nobody" && part.statements.isEmpty && part.records.isEmpty && part.next == 7 && !part.more)
        }
    }

    @Test(arguments: StoreKind.allCases) func sameIDOtherContentIsAConflictAndBothVersionsAreKept(kind: StoreKind) async throws {
        try await HubPair.with(kind) { hubs in
        _ = try await push(hubs, F.pcA, "ana", [F.statement(1, variant: "a")])
        let clash = try await push(hubs, F.pcB, "ana", [F.statement(1, variant: "b"), F.statement(2)])
        #expect(clash.conflicts == [F.uuid(1)] && clash.accepted == 1 && clash.duplicates == 0)
        // The same conflicting version again (a new batch) is reported again but kept once.
        let again = try await push(hubs, F.pcC, "ana", [F.statement(1, variant: "b")])
        #expect(again.conflicts == [F.uuid(1)])
        let stats = try await hubs.sqlite.stats()
        #expect(stats.statementsStored == 2 && stats.statementConflicts == 1)
        #expect(hubs.memory.conflictVersions(id: F.uuid(1)) == [F.statement(1, variant: "b").json])
        // The first version stays the one that is served.
        let served = try await pull(hubs, F.pcC, [("ana", 0)]).partitions[0].statements
        #expect(served.first?.json == F.statement(1, variant: "a").json)
        }
    }

    @Test(arguments: StoreKind.allCases) func everyIncomingRecordVersionIsKeptAndSiblingsStaySideBySide(kind: StoreKind) async throws {
        try await HubPair.with(kind) { hubs in
        let fromA = F.record("profile/email", "ana@a.example", by: F.pcA)
        let fromB = F.record("profile/email", "ana@b.example", by: F.pcB)
        _ = try await push(hubs, F.pcA, "ana", [], records: [fromA])
        _ = try await push(hubs, F.pcB, "ana", [], records: [fromB])
        try await hubs.hold("ana", on: F.pcC)
        let merged = try await #require(try pull(hubs, F.pcC, [("ana", 0)]).partitions[0].records.first)
        #expect(merged.state.siblings.count == 2, "concurrent writes are siblings")
        // A write that has seen both resolves them.
        let resolved = WireRecord(key: "profile/email", state: merged.state.writing(.string("ana@a.example"), by: F.pcA, seen: merged.state.context))
        _ = try await push(hubs, F.pcA, "ana", [], records: [resolved])
        let after = try await #require(try pull(hubs, F.pcC, [("ana", 0)]).partitions[0].records.first)
        #expect(after.state.siblings.map(\.value) == [.string("ana@a.example")])
        let stats = try await hubs.sqlite.stats()
        #expect(stats.records == 1 && stats.recordVersions == 3, "the hub keeps every version it received")
        }
    }

    @Test(arguments: StoreKind.allCases) func aReplayedBatchIsAnsweredFromTheLogAndChangesNothing(kind: StoreKind) async throws {
        try await HubPair.with(kind) { hubs in
        let request = PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: F.statements(1..<4),
                                  records: [F.record("profile/name", "Ana", by: F.pcA)])
        let first = try await hubs.push(request, device: "pc-a")
        let before = try await hubs.sqlite.stats()
        let replay = try await hubs.push(request, device: "pc-a")
        #expect(!first.replayed && replay.replayed && replay.accepted == first.accepted && replay.batch == first.batch)
        let after = try await hubs.sqlite.stats()
        #expect(after.changeSequence == before.changeSequence && after.statementsReceived == before.statementsReceived)
        #expect(after.recordVersions == before.recordVersions && after.batchesReplayed == 1 && after.batches == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func aPushNeverChangesAKnownLearnersPIN(kind: StoreKind) async throws {
        try await HubPair.with(kind) { hubs in
        _ = try await hubs.push(PushRequest(replica: F.pcA, learner: F.learner("ana", hash: "Zmlyc3Q"), statements: [], records: []), device: "pc-a")
        _ = try await hubs.push(PushRequest(replica: F.pcB, learner: F.learner("ana", hash: "c2Vjb25k"), statements: F.statements(1..<2), records: []), device: "pc-b")
        #expect(try await hubs.sqlite.learner(id: "ana")?.learner.pinHash == "Zmlyc3Q")
        #expect(try await hubs.sqlite.stats().learners == 1)
        }
    }
}

/// A record merged past `RegisterState.maxSiblings` was stored and could not be read back: every
/// pull of that learner failed, on every PC (the SQLite store threw `corrupt`). Now the push that
/// would do it is refused as a whole, on both hubs, and the record stays readable.
@Suite("The sibling cap at the hub")
struct HubSiblingCapTests {
    typealias F = HubFixtures

    static func crowded(_ prefix: String, _ count: Int) -> WireRecord {
        let siblings = (0..<count).map { Sibling(dot: Dot(replica: ReplicaID("\(prefix)\($0)"), counter: 1), value: .string("\(prefix) \($0)")) }
        return WireRecord(key: "profile/email", state: RegisterState(siblings: siblings, context: VersionVector()))
    }

    func push(_ hub: some SyncHub, _ replica: ReplicaID, _ records: [WireRecord], statements: [WireStatement] = []) throws -> PushResponse {
        try hub.push(PushRequest(replica: replica, learner: F.learner("ana"), statements: statements, records: records), device: "pc")
    }

    @Test func aMergeBeyondTheCapIsRefusedWholeAndTheRecordStaysReadable() throws {
        let sqlite = try F.store()
        let memory = MemoryHub()
        for hub in [sqlite as any SyncHub, memory] {
            _ = try push(hub, F.pcA, [Self.crowded("a", 600)])
            #expect(throws: SyncHubError.tooManySiblings("profile/email")) {
                try push(hub, F.pcA, [Self.crowded("b", 600)], statements: F.statements(1..<3))
            }
            let answer = try hub.pull(PullRequest(replica: F.pcB, limit: 1_000, partitions: [.init(learner: "ana", since: 0)]), device: "pc")
            #expect(answer.partitions.first?.records.first?.state.siblings.count == 600)
            #expect(answer.partitions.first?.statements.isEmpty == true, "nothing of the refused push was applied")
            // A write that saw the crowd settles it, and then the other PC's values fit again.
            let settled = Self.crowded("a", 600).state.writing(.string("one"), by: F.pcA, seen: Self.crowded("a", 600).state.context)
            _ = try push(hub, F.pcA, [WireRecord(key: "profile/email", state: settled)])
            _ = try push(hub, F.pcA, [Self.crowded("b", 600)], statements: F.statements(1..<3))
        }
    }
}
