import Credentials
import Foundation
import GRDB
import Testing
@testable import RepositoryCore
@testable import SyncEngine

/// `repositoryd learner erase` in the store: the right to erasure. Every row of the learner goes
/// and their bytes leave the data folder's files; their credentials stay only as revoked
/// status-list entries; no device pulls them; a PC that still holds them cannot create them again.
@Suite("Repository: erasing a learner")
struct LearnerErasureTests {
    static let marker = "erase-marker-5b1d0a"
    static let sealed = "YW5hLW9ubHktc2VhbGVkLWtleQ"

    /// Ana on pc-a with a completed course (one credential), a record and a marked statement, also
    /// held by pc-b; Ben on pc-a.
    static func fixture() throws -> CredentialFixtures {
        let fx = try CredentialFixtures()
        var ana = fx.learner("ana")
        ana.holderKey?.sealed = sealed
        let marked = CredentialFixtures.statement(learner: "ana", verb: "experienced", activity: "https://vet.example.eu/\(marker)")
        try fx.store.push(fx.push(learner: ana, statements: fx.passing(fx.selfAssessed) + [marked],
                                  records: [HubFixtures.record("profile/email", "\(marker)@example.org", by: HubFixtures.pcA)]), device: "pc-a")
        try fx.store.push(fx.push(learner: fx.learner("ben"), statements: fx.passing(fx.selfAssessed, learner: "ben")), device: "pc-a")
        try fx.store.link(device: "pc-b", learner: "ana")
        return fx
    }

    static func filesHolding(_ needle: String, in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { name in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue else { return false }
            return try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)).range(of: Data(needle.utf8)) != nil
        }
    }

    static func pull(_ learner: String, device: String, _ store: SQLiteRepositoryStore) throws -> PullResponse.Partition? {
        try store.pull(PullRequest(replica: ReplicaID(device), limit: 10_000, partitions: [PullRequest.Cursor(learner: learner, since: 0)]),
                       device: device).partitions.first
    }

    @Test func erasureRemovesTheLearnersRowsAndBytesAndRevokesTheirCredentials() throws {
        let fx = try Self.fixture()
        let issued = try #require(try fx.store.issuedCredentials(learner: "ana").first)
        #expect(try Self.filesHolding(Self.marker, in: fx.folder).isEmpty == false, "the marker is stored before the erasure")
        let benBefore = try #require(try Self.pull("ben", device: "pc-a", fx.store))

        #expect(try Self.holderDID(of: issued.id, fx.store) != nil, "issued to Ana's DID before the erasure")
        let erased = try #require(try fx.store.eraseLearner(id: "ana", nowMs: 5))
        #expect(erased.statements == 3 && erased.records == 2 && erased.recordVersions == 2 && erased.deviceLinks == 2 && erased.batchLogEntries == 1,
                "\(erased)")
        #expect(erased.revokedCredentials == [issued.id] && erased.compacted)

        #expect(try fx.store.learner(id: "ana") == nil, "PIN hash and sealed holder key are gone: no PC can fetch them")
        for device in ["pc-a", "pc-b"] {
            let partition = try #require(try Self.pull("ana", device: device, fx.store))
            #expect(partition.refusal == .learnerNotHeld("ana") && partition.statements.isEmpty && partition.records.isEmpty)
        }
        let counts = try fx.store.pool.read { db in
            try ["hub_statement", "hub_statement_conflict", "hub_record", "hub_record_history", "device_learner", "hub_batch_log", "issued_credential"]
                .map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0) WHERE learner_id = 'ana'") ?? -1 }
        }
        #expect(counts.allSatisfy { $0 == 0 }, "\(counts)")

        // The credential an employer holds still verifies as revoked: its entry stays, nothing else of it.
        let kept = try #require(try fx.store.issuedCredential(id: issued.id))
        #expect(kept.status == .revoked && kept.statusIndex == issued.statusIndex && kept.json.isEmpty && kept.learnerID != "ana")
        #expect(try Self.holderDID(of: issued.id, fx.store) == nil, "the holder's DID names the learner: it goes with the rest")
        #expect(try fx.store.statusList(slug: issued.awardingBody)?.entries[issued.statusIndex] == .revoked)

        for needle in [Self.marker, Self.sealed] {
            #expect(try Self.filesHolding(needle, in: fx.folder).isEmpty, "\(needle) is still in the data folder's files")
        }
        // Ben is untouched.
        let benAfter = try #require(try Self.pull("ben", device: "pc-a", fx.store))
        #expect(benAfter.statements == benBefore.statements && benAfter.records.count == benBefore.records.count)
        #expect(try fx.store.issuedCredentials(learner: "ben").first?.status == .valid)
        #expect(try fx.store.eraseLearner(id: "ana", nowMs: 6) == nil, "erased already: nothing to do")
    }

    static func holderDID(of credential: String, _ store: SQLiteRepositoryStore) throws -> String? {
        try store.pool.read { db in try String.fetchOne(db, sql: "SELECT holder_did FROM issued_credential WHERE id = ?", arguments: [credential]) }
    }

    @Test func aPCThatStillHoldsTheErasedLearnerCannotCreateThemAgain() throws {
        let fx = try Self.fixture()
        _ = try fx.store.eraseLearner(id: "ana", nowMs: 5)
        let again = fx.push(learner: fx.learner("ana"), statements: [CredentialFixtures.statement(learner: "ana", activity: "https://x.example/new")])
        #expect(throws: SyncHubError.learnerNotHeld("ana")) { try fx.store.push(again, device: "pc-a") }
        #expect(try fx.store.learner(id: "ana") == nil)
        #expect(try fx.store.pool.read { db in try String.fetchAll(db, sql: "SELECT id_hash FROM erased_learner") } == [SQLiteRepositoryStore.sha256Hex("ana")],
                "only a hash of the id is kept")
    }
}
