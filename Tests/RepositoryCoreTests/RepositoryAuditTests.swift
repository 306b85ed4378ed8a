import Foundation
import GRDB
import Testing
import SecurityPrimitives
@testable import RepositoryCore
@testable import SyncEngine

/// The repository's audit log in its store: issuance, a fetch's link, a revocation and an
/// erasure each leave an entry in their own transaction; erasure leaves the log alone and the
/// log never holds the plain id; SQLite refuses to change an entry.
@Suite("Repository: the audit log")
struct RepositoryAuditTests {
    @Test func issuanceAFetchARevocationAndAnErasureAreLoggedAndTheChainHolds() throws {
        let fx = try LearnerErasureTests.fixture()
        let issued = try #require(try fx.store.issuedCredentials(learner: "ana").first)
        _ = try fx.store.setCredentialStatus(id: issued.id, to: .revoked, nowMs: 7)
        _ = try #require(try fx.store.eraseLearner(id: "ana", nowMs: 9))

        let (entries, broken) = try fx.store.auditLog()
        #expect(broken == nil)
        let ana = AuditEvent.learnerReference("ana")
        let kinds = entries.filter { $0.learner == ana }.map(\.kind)
        #expect(kinds == ["credential_issue", "learner_fetch", "credential_status", "erase"], "\(entries.map(\.kind))")
        #expect(entries.contains { $0.kind == "learner_fetch" && $0.device == "pc-b" })
        #expect(entries.contains { $0.kind == "credential_status" && $0.detail.contains("revoked") && $0.detail.contains(issued.id) })
        #expect(!entries.contains { $0.learner == "ana" }, "never the plain id")
        #expect(entries.map(\.seq) == Array(1...Int64(entries.count)))
    }

    @Test func sqliteRefusesToUpdateOrDeleteAnEntry() throws {
        let fx = try LearnerErasureTests.fixture()
        let before = try fx.store.auditLog().entries
        #expect(!before.isEmpty)
        #expect(throws: DatabaseError.self) { try fx.store.pool.write { db in try db.execute(sql: "UPDATE audit_log SET kind = 'x'") } }
        #expect(throws: DatabaseError.self) { try fx.store.pool.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE seq = 1") } }
        #expect(try fx.store.auditLog().entries == before)
    }
}
