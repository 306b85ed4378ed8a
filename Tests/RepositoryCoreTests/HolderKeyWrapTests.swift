import Foundation
import GRDB
import Testing
import SecurityPrimitives
@testable import RepositoryCore
@testable import SyncEngine

/// The repository keeps a learner's sealed holder key wrapped under a secret outside the
/// database, so a stolen database gives nothing to guess a PIN against and open the key with.
@Suite("Holder keys wrapped at the repository")
struct HolderKeyWrapTests {
    static let sealed = "c2VhbGVkLWhvbGRlci1rZXktb2YtYW5hLXdpdGgtYS1tYXJrZXItWlE5WDJL"

    static func ana() -> WireLearner {
        var learner = HubFixtures.learner("ana")
        learner.holderKey = WireHolderKey(did: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", sealed: sealed,
                                          salt: "c2FsdA", cost: ScryptCost(logN: 10))
        return learner
    }

    /// Every byte of the data folder's database files, after folding the WAL in.
    static func databaseBytes(_ folder: String) throws -> Data {
        var all = Data()
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: folder + "/" + SQLiteRepositoryStore.fileName + suffix) { all += data }
        }
        return all
    }

    /// Failed before: the sealed key sat in `learner.holder_sealed` as the PC sent it, beside the
    /// PIN's scrypt hash.
    @Test func theDatabaseHoldsNoSealedKeyAndPCsStillGetIt() throws {
        let folder = try HubFixtures.folder()
        do {
            let store = try SQLiteRepositoryStore(directory: folder, durability: .full)
            _ = try store.push(PushRequest(replica: HubFixtures.pcA, learner: Self.ana(), statements: [], records: []), device: "pc-a")
            #expect(try store.learner(id: "ana")?.learner.holderKey?.sealed == Self.sealed, "unwrapped for the PC that fetches")
            try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
        let bytes = try Self.databaseBytes(folder)
        #expect(bytes.range(of: Data(Self.sealed.utf8)) == nil, "the sealed key is not in the database files")
        #expect(FileManager.default.fileExists(atPath: folder + "/keys/holder-wrap.key"))

        let again = try SQLiteRepositoryStore(directory: folder, durability: .full)
        #expect(try again.learner(id: "ana")?.learner.holderKey?.sealed == Self.sealed, "the secret is found again at the next start")

        // The database without its keys folder (a copy of the database alone): the key cannot be had.
        let thief = try HubFixtures.folder()
        try FileManager.default.copyItem(atPath: folder + "/" + SQLiteRepositoryStore.fileName, toPath: thief + "/" + SQLiteRepositoryStore.fileName)
        let stolen = try SQLiteRepositoryStore(directory: thief, durability: .full)
        #expect(throws: HolderKeyWrapError.unreadable("ana")) { _ = try stolen.learner(id: "ana") }
    }

    @Test func keysStoredBeforeWrappingAreWrappedAtTheNextStart() throws {
        let folder = try HubFixtures.folder()
        do {
            let store = try SQLiteRepositoryStore(directory: folder, durability: .full)
            _ = try store.push(PushRequest(replica: HubFixtures.pcA, learner: Self.ana(), statements: [], records: []), device: "pc-a")
            // As a repository from before wrapping stored it.
            try store.pool.write { db in try db.execute(sql: "UPDATE learner SET holder_sealed = ? WHERE id = 'ana'", arguments: [Self.sealed]) }
        }
        let store = try SQLiteRepositoryStore(directory: folder, durability: .full)
        let stored = try store.pool.read { db in try String.fetchOne(db, sql: "SELECT holder_sealed FROM learner WHERE id = 'ana'") }
        #expect(stored.map(HolderKeyWrap.isWrapped) == true)
        #expect(try store.learner(id: "ana")?.learner.holderKey?.sealed == Self.sealed)
    }

    @Test func aWrappedKeyOpensOnlyForItsLearnerAndItsSecret() throws {
        let wrap = HolderKeyWrap(secret: Array(repeating: 7, count: 32))
        let wrapped = try wrap.wrap("sealed", learnerID: "ana")
        #expect(try wrap.unwrap(wrapped, learnerID: "ana") == "sealed")
        #expect(throws: HolderKeyWrapError.self) { _ = try wrap.unwrap(wrapped, learnerID: "ben") }
        #expect(throws: HolderKeyWrapError.self) { _ = try HolderKeyWrap(secret: Array(repeating: 8, count: 32)).unwrap(wrapped, learnerID: "ana") }
        #expect(try wrap.unwrap("legacy", learnerID: "ana") == "legacy")
    }
}
