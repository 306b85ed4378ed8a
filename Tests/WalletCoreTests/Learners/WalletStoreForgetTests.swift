import Foundation
import GRDB
import Testing
import Basics
import SecurityPrimitives
import SyncEngine
import WalletAPI
@testable import WalletCore

/// "Forget me on this PC" in the store: refused while the repository lacks something of the
/// learner's, and then every row naming them goes while the other learner's stay.
@Suite("Wallet store: forgetting a learner")
struct WalletStoreForgetTests {
    static let marker = "forget-marker-7f3e9c"

    /// Enrolled, with statements, a record and a session for both learners; Ana's statements carry the marker.
    static func enrolledFixture() async throws -> StoreFixture {
        let fixture = try await StoreFixture()
        try fixture.store.enrol(repository: "https://repository.invalid", device: "pc-1", token: "t", caFile: nil, nowMs: 1)
        for learner in [fixture.ana, fixture.ben] {
            let tag = learner == fixture.ana ? marker : "ben-only"
            try await fixture.insert((0..<3).map { _ in Statements.make(activity: "https://example.org/\(tag)") }, for: learner)
            _ = try fixture.store.writeRecord(learnerID: learner, key: "profile/email", value: .string("\(tag)@example.org"), seen: nil,
                                              replica: ReplicaID.random())
            _ = try await fixture.store.insertSession(tokenHash: "session-\(learner)", learnerID: learner, nowMs: 1, policy: SessionPolicy(idleMs: 60_000, maxLifetimeMs: 3_600_000), ownerUID: nil)
        }
        return fixture
    }

    /// Pushes and acknowledges everything of `learner`, as a sync run that reached the repository.
    static func acknowledgeAll(_ learner: String, _ fixture: StoreFixture) throws {
        let sync = try WalletSyncStore(store: fixture.store, nowMs: { 1_700_000_000_000 })
        while let batch = try sync.pendingBatch(learner: learner, limit: 1_000, maxBytes: .max) {
            try sync.acknowledge(batch, response: PushResponse(batch: batch.request.batch, accepted: batch.request.statements.count, duplicates: 0,
                                                               conflicts: [], recordsMerged: batch.request.records.count, replayed: false))
        }
    }

    static func rowsNaming(_ learner: String, _ store: WalletStore) throws -> [String: Int] {
        try store.readNow { db in
            var counts: [String: Int] = [:]
            for table in ["statement", "record", "credential", "session", "sync_partition", "sync_quarantine", "statement_conflict"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE learner_id = ?", arguments: [learner]) ?? -1
            }
            counts["learner"] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM learner WHERE id = ?", arguments: [learner]) ?? -1
            counts["statement_index"] = try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM statement_activity WHERE activity_id LIKE ?) + (SELECT COUNT(*) FROM statement_agent WHERE agent_key LIKE ?)
                """, arguments: ["%\(marker)%", "%\(learner)%"]) ?? -1
            return counts
        }
    }

    static func fileHolds(_ needle: String, in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            return data.range(of: Data(needle.utf8)) != nil
        }
    }

    @Test func aPCNeverEnrolledHoldsEverythingAsPendingAndRefusesAPlainForget() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try await fixture.insert([Statements.make(), Statements.make()], for: fixture.ana)
        #expect(throws: ForgetRefused(unsynced: UnsyncedCounts(statements: 2, records: 0, quarantined: 0, profile: true, enrolled: false))) {
            try fixture.store.forgetLearner(id: fixture.ana, force: false)
        }
        #expect(try Self.rowsNaming(fixture.ana, fixture.store)["statement"] == 2, "a refused forget removes nothing")
        let refusal = UnsyncedCounts(statements: 2, profile: true, enrolled: false).refusal(learnerName: "Ana")
        #expect(refusal.contains("not enrolled") && refusal.contains("2 statements") && refusal.contains("--force"))
    }

    @Test func pendingAndQuarantinedDataRefusePlainForgetWithCounts() async throws {
        let fixture = try await Self.enrolledFixture()
        defer { fixture.remove() }
        #expect(try fixture.store.unsyncedData(learnerID: fixture.ana) == UnsyncedCounts(statements: 3, records: 1, profile: true))
        try Self.acknowledgeAll(fixture.ana, fixture)
        #expect(try fixture.store.unsyncedData(learnerID: fixture.ana)?.isEmpty == true)
        // Nine more statements and a newer email: pending again.
        let later = try await fixture.insert((0..<9).map { _ in Statements.make() }, for: fixture.ana)
        _ = try fixture.store.writeRecord(learnerID: fixture.ana, key: "profile/email", value: "ana2@example.org", seen: nil, replica: ReplicaID.random())
        let sync = try WalletSyncStore(store: fixture.store, nowMs: { 1 })
        try sync.quarantine(QuarantineEntry(learner: fixture.ana, item: .statement(WireStatement(id: later[0], json: "{}"), seq: 1),
                                            code: .statementTooLarge, reason: "too large"))
        let pending = UnsyncedCounts(statements: 8, records: 1, quarantined: 1)
        #expect(throws: ForgetRefused(unsynced: pending)) { try fixture.store.forgetLearner(id: fixture.ana, force: false) }
        #expect(pending.summary == "8 statements, 1 record and 1 item the repository refused (held on this PC)")
        #expect(UnsyncedCounts(statements: 12, records: 1).refusal(learnerName: "Ana")
                == "12 statements and 1 record of Ana's have not reached the repository yet: connect this PC and run `wallet-cli sync`, or use `wallet-cli forget --force` to lose them.")

        let outcome = try #require(try fixture.store.forgetLearner(id: fixture.ana, force: true))
        #expect(outcome.lost == pending)
        #expect(outcome.removed == ForgetCounts(statements: 12, records: 1, credentials: 0, sessions: 1))
        #expect(outcome.sessionTokenHashes == ["session-\(fixture.ana)"])
    }

    @Test func forgettingAnAcknowledgedLearnerRemovesEveryRowAndTheirBytesButNotTheOtherLearner() async throws {
        let fixture = try await Self.enrolledFixture()
        defer { fixture.remove() }
        try Self.acknowledgeAll(fixture.ana, fixture)
        let sealedBefore = try fixture.store.readNow { db in try String.fetchOne(db, sql: "SELECT pin_hash FROM learner WHERE id = ?", arguments: [fixture.ana]) }
        let benBefore = try Self.rowsNaming(fixture.ben, fixture.store)

        let outcome = try #require(try fixture.store.forgetLearner(id: fixture.ana, force: false))
        #expect(outcome.lost.isEmpty && outcome.removed.statements == 3 && outcome.removed.records == 1 && outcome.removed.sessions == 1)
        let dangling = try fixture.store.readNow { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }
        #expect(dangling.isEmpty, "deleted with foreign keys off, every dependent row went too: \(dangling)")
        #expect(try await fixture.store.pool.writeWithoutTransaction { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") } == true,
                "and they are on again on the writer")
        let anaAfter = try Self.rowsNaming(fixture.ana, fixture.store)
        #expect(anaAfter.values.allSatisfy { $0 == 0 }, "\(anaAfter)")
        var benAfter = try Self.rowsNaming(fixture.ben, fixture.store)
        benAfter["statement_index"] = benBefore["statement_index"]
        #expect(benAfter == benBefore, "the other learner's rows stay")
        let sync = try WalletSyncStore(store: fixture.store, nowMs: { 1 })
        #expect(try sync.partitions().map(\.learner) == [fixture.ben], "a forgotten learner is pulled no more")
        #expect(try fixture.store.forgetLearner(id: fixture.ana, force: false) == nil)

        try fixture.store.compactAfterForget()
        #expect(try Self.fileHolds(Self.marker, in: fixture.directory).isEmpty, "the marker left every file of the data folder")
        #expect(try Self.fileHolds(fixture.ana, in: fixture.directory).isEmpty, "the learner id left every file of the data folder")
        #expect(sealedBefore != nil)
        #expect(try Self.fileHolds("ben-only", in: fixture.directory).isEmpty == false, "the other learner's statements are still there")
    }

    @Test func aLearnerFetchedBackPullsThisPCsOwnStatementsUntilCaughtUp() async throws {
        let fixture = try await Self.enrolledFixture()
        defer { fixture.remove() }
        try Self.acknowledgeAll(fixture.ana, fixture)
        _ = try fixture.store.forgetLearner(id: fixture.ana, force: false)
        let fetched = WireLearner(id: fixture.ana, name: "Ana", pinSalt: "c2FsdA", pinHash: "aGFzaA", pinCost: ScryptCost(logN: 10), createdMs: 1)
        #expect(try fixture.store.insertFetchedLearner(fetched, nowMs: 2))
        let sync = try WalletSyncStore(store: fixture.store, nowMs: { 3 })
        #expect(try sync.partitions().first { $0.learner == fixture.ana }?.own == true)
        #expect(try sync.partitions().first { $0.learner == fixture.ben }?.own == false)
        try sync.applyPulled(PullResponse.Partition(learner: fixture.ana, statements: [], records: [], next: 5, more: true))
        #expect(try sync.partitions().first { $0.learner == fixture.ana } == PullRequest.Cursor(learner: fixture.ana, since: 5, own: true, claim: -1))
        try sync.applyPulled(PullResponse.Partition(learner: fixture.ana, statements: [], records: [], next: 9, more: false))
        #expect(try sync.partitions().first { $0.learner == fixture.ana } == PullRequest.Cursor(learner: fixture.ana, since: 9, own: false, claim: -1))
    }

    @Test func anAcknowledgementForALearnerForgottenMeanwhileIsDropped() async throws {
        let fixture = try await Self.enrolledFixture()
        defer { fixture.remove() }
        let sync = try WalletSyncStore(store: fixture.store, nowMs: { 1 })
        let batch = try #require(try sync.pendingBatch(learner: fixture.ana, limit: 1_000, maxBytes: .max))
        _ = try fixture.store.forgetLearner(id: fixture.ana, force: true)
        try sync.acknowledge(batch, response: PushResponse(batch: batch.request.batch, accepted: 3, duplicates: 0, conflicts: [], recordsMerged: 1, replayed: false))
        #expect(try Self.rowsNaming(fixture.ana, fixture.store)["sync_partition"] == 0)
    }
}
