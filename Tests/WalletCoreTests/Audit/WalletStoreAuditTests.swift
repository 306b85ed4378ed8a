import Foundation
import GRDB
import Testing
import SecurityPrimitives
import WalletAPI
@testable import WalletCore

/// The PC's audit log in its store: entries commit with the write they record (or not at all),
/// SQLite itself refuses to change or remove one, and a change made behind the triggers' back
/// shows as a broken chain.
@Suite("Wallet store: the audit log")
struct WalletStoreAuditTests {
    static let policy = SessionPolicy(idleMs: 60_000, maxLifetimeMs: 3_600_000)

    @Test func aLoginAForgetAndAnEnrolmentEachLeaveAnEntryInTheirOwnTransaction() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        _ = try await fixture.store.insertSession(tokenHash: "h1", learnerID: fixture.ana, nowMs: 10, policy: Self.policy, ownerUID: 1000)
        try fixture.store.appendAudit([AuditEvent(.pinWrong, learner: fixture.ben)], nowMs: 11)
        // Refused (Ben's data never reached a repository): the transaction rolls back, its entry too.
        #expect(throws: ForgetRefused.self) { try fixture.store.forgetLearner(id: fixture.ben, force: false, nowMs: 12) }
        try fixture.store.enrol(repository: "https://repository.invalid", device: "pc-1", token: "secret-token-value", caFile: nil, nowMs: 13)
        _ = try fixture.store.forgetLearner(id: fixture.ben, force: true, nowMs: 14)

        let (entries, broken) = try fixture.store.auditLog()
        #expect(broken == nil)
        #expect(entries.map(\.kind) == ["login", "pin_wrong", "device_enrol", "forget"])
        #expect(entries.map(\.seq) == [1, 2, 3, 4])
        #expect(entries.map(\.atMs) == [10, 11, 13, 14])
        #expect(entries[0].learner == AuditEvent.learnerReference(fixture.ana))
        #expect(entries[2].device == "pc-1")
        #expect(!entries.contains { $0.detail.contains("secret-token-value") }, "never the device token")
        #expect(!entries.contains { $0.learner == fixture.ana || $0.learner == fixture.ben }, "never a plain learner id")
    }

    @Test func sqliteRefusesToUpdateOrDeleteAnEntry() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        _ = try await fixture.store.insertSession(tokenHash: "h1", learnerID: fixture.ana, nowMs: 10, policy: Self.policy, ownerUID: nil)
        let queue = try DatabaseQueue(path: fixture.store.path)
        #expect(throws: DatabaseError.self) { try queue.write { db in try db.execute(sql: "UPDATE audit_log SET detail = '{}'") } }
        #expect(throws: DatabaseError.self) { try queue.write { db in try db.execute(sql: "DELETE FROM audit_log") } }
        #expect(try fixture.store.auditLog().entries.count == 1)
    }

    @Test func aRowChangedBehindTheTriggersBackBreaksTheChainThere() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        for at in 1...4 { try fixture.store.appendAudit([AuditEvent(.export, learner: fixture.ana, detail: ["n": String(at)])], nowMs: Int64(at)) }
        let queue = try DatabaseQueue(path: fixture.store.path)
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: #"UPDATE audit_log SET detail = '{"n":"99"}' WHERE seq = 3"#)
        }
        #expect(try fixture.store.auditLog().firstBroken == 3)
    }
}
