import Basics
import Foundation
import GRDB
import Testing
@testable import RepositoryCore
@testable import SyncEngine

/// The repository's database meets the world: a newer repositoryd migrated it, the disk fills up,
/// the file cannot be written, a page is damaged. Each is refused or degraded with a clear reason,
/// and no acknowledged push is lost or half-applied.
@Suite("Repository store lifecycle: versions, faults, checks")
struct StoreLifecycleTests {
    typealias F = HubFixtures

    func push(_ store: SQLiteRepositoryStore, _ range: Range<Int>) throws -> PushResponse {
        try store.push(PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: F.statements(range), records: []), device: "pc-a")
    }

    func addFutureMigration(_ store: SQLiteRepositoryStore) throws {
        try store.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
    }

    @Test func aDatabaseANewerRepositorydMigratedIsRefused() throws {
        let folder = try F.folder()
        let store = try SQLiteRepositoryStore(directory: folder, durability: .normal)
        try addFutureMigration(store)
        #expect(throws: NewerDatabaseError.self) { try SQLiteRepositoryStore(directory: folder, durability: .normal) }
        #expect(throws: NewerDatabaseError.self) { try SQLiteRepositoryStore.schemaState(directory: folder) }
        #expect(throws: NewerDatabaseError.self) { try SQLiteRepositoryStore.integrityCheck(directory: folder) }
        do {
            _ = try SQLiteRepositoryStore(directory: folder, durability: .normal)
        } catch {
            #expect("\(error)".contains("v99-from-the-future"))
            #expect("\(error)".contains(RepositoryMigrations.migrator.migrations.last ?? "?"))
        }
    }

    @Test func aBackupANewerRepositorydMadeIsNotRestored() throws {
        let source = try F.folder()
        let newer = try SQLiteRepositoryStore(directory: source, durability: .normal)
        try addFutureMigration(newer)
        let target = try F.folder()
        let current = try SQLiteRepositoryStore(directory: target, durability: .normal)
        _ = try push(current, 0..<3)
        #expect(throws: NewerDatabaseError.self) {
            try SQLiteRepositoryStore.restore(from: source + "/" + SQLiteRepositoryStore.fileName, into: target)
        }
        #expect(try SQLiteRepositoryStore(directory: target, durability: .normal).stats().statementsStored == 3, "the database in place is untouched")
    }

    @Test func theSchemaStateSaysWhetherOpeningWouldMigrate() throws {
        let folder = try F.folder()
        #expect(try SQLiteRepositoryStore.schemaState(directory: folder) == .missing)
        let store = try SQLiteRepositoryStore(directory: folder, durability: .normal)
        #expect(try SQLiteRepositoryStore.schemaState(directory: folder) == .current)
        let last = try #require(RepositoryMigrations.migrator.migrations.last)
        try store.pool.write { db in try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [last]) }
        #expect(try SQLiteRepositoryStore.schemaState(directory: folder) == .behind)
    }

    @Test func aFullDiskRefusesThePushWholeAndKeepsWhatWasAcknowledged() throws {
        let store = try F.store()
        _ = try push(store, 0..<10)
        let before = try store.stats()
        try store.pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        var thrown: (any Error)?
        do { _ = try push(store, 10..<400) } catch { thrown = error }
        #expect(SQLiteRepositoryStore.storageFault(of: try #require(thrown)) == .full)
        #expect(try store.stats() == before, "nothing of the refused push was written, counters included")

        try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
        store.storage.record(.full)
        #expect(try push(store, 10..<400).accepted == 390)
        #expect(try store.stats().statementsStored == 400)
        #expect(store.storage.fault == nil, "a committed push shows the space came back")
    }

    @Test func aByteFlippedDatabaseFailsItsChecks() throws {
        let folder = try F.folder()
        do {
            let store = try SQLiteRepositoryStore(directory: folder, durability: .normal)
            _ = try push(store, 0..<50)
            #expect(try store.quickCheck().isEmpty)
            #expect(try SQLiteRepositoryStore.integrityCheck(directory: folder).isEmpty)
        }
        let path = folder + "/" + SQLiteRepositoryStore.fileName
        let (root, pageSize): (Int, Int) = try {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                let root = try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'hub_statement'") ?? 0
                return (root, try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
            }
        }()
        #expect(root > 1)
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let offset = UInt64((root - 1) * pageSize)
        try handle.seek(toOffset: offset)
        let original = try handle.read(upToCount: 8) ?? Data()
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(original.map { $0 ^ 0xFF }))
        try handle.close()
        #expect(try !SQLiteRepositoryStore.integrityCheck(directory: folder).isEmpty)
        let store = try SQLiteRepositoryStore(directory: folder, durability: .normal)
        #expect(try !store.quickCheck().isEmpty)
    }
}
