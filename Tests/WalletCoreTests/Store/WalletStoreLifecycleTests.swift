import Basics
import Foundation
import GRDB
import Testing
import SecurityPrimitives
@testable import WalletCore

/// The PC's database meets the world: a newer walletd migrated it, the disk fills up, the file
/// cannot be written, a page is damaged. Each is refused or degraded with a clear reason, and
/// nothing acknowledged is lost.
@Suite("Store lifecycle: versions, faults, checks, backups")
struct WalletStoreLifecycleTests {
    /// One statement on the writer, outside a transaction (PRAGMAs included).
    static func execute(_ writer: some DatabaseWriter, _ sql: String) throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }

    static func statementCount(inFile path: String) throws -> Int? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM statement") }
    }

    static func count(_ store: WalletStore) throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM statement") ?? -1 }
    }

    @Test func aDatabaseANewerWalletdMigratedIsRefused() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try Self.execute(fixture.store.pool, "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        #expect(throws: NewerDatabaseError.self) { try WalletStore(directory: fixture.directory, durability: .normal) }
        #expect(throws: NewerDatabaseError.self) { try WalletStore(readingAt: fixture.directory) }
        do {
            _ = try WalletStore(directory: fixture.directory, durability: .normal)
        } catch {
            let message = "\(error)"
            #expect(message.contains("v99-from-the-future"))
            #expect(message.contains("v4-hub-epoch") || message.contains(WalletMigrations.migrator.migrations.last ?? "?"))
            #expect(message.contains(WalletVersion.string))
        }
    }

    /// The writer may not grow the file past its pages now: the next insert that needs a new page
    /// fails with SQLITE_FULL, exactly as on a full disk.
    static func fillUp(_ store: WalletStore) throws {
        try store.pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
    }

    static func makeRoom(_ store: WalletStore) throws {
        try store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
    }

    @Test func aFullDiskRefusesTheWholeWriteAndKeepsWhatWasAcknowledged() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let acknowledged = try await fixture.insert([Statements.make()], for: fixture.ana)
        try Self.fillUp(fixture.store)
        let batch = (0..<300).map { _ in Statements.make() }
        var thrown: (any Error)?
        do { try await fixture.insert(batch, for: fixture.ana) } catch { thrown = error }
        let error = try #require(thrown)
        #expect(WalletStore.storageFault(of: error) == .full)
        #expect(fixture.store.storage.fault == .full)
        #expect(try Self.count(fixture.store) == acknowledged.count, "nothing of the refused batch was written")
        // Reads go on.
        #expect(try await fixture.store.counts(nowMs: 0).statements == 1)

        try Self.makeRoom(fixture.store)
        try await fixture.insert(batch, for: fixture.ana)
        #expect(try Self.count(fixture.store) == 301)
        #expect(fixture.store.storage.fault == nil, "a committed write shows the space came back")
    }

    @Test func aReadOnlyDatabaseIsReportedAsSuch() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try await fixture.insert([Statements.make()], for: fixture.ana)
        try Self.execute(fixture.store.pool, "PRAGMA query_only = 1")
        var thrown: (any Error)?
        do { try await fixture.insert([Statements.make()], for: fixture.ana) } catch { thrown = error }
        #expect(WalletStore.storageFault(of: try #require(thrown)) == .readOnly)
        #expect(fixture.store.storage.fault == .readOnly)
        #expect(try Self.count(fixture.store) == 1)
    }

    /// Flips the header bytes of the statement table's root page, in the file, with the store closed.
    static func damageStatementTable(in directory: String) throws {
        let path = directory + "/" + WalletStore.fileName
        let (root, pageSize): (Int, Int) = try {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                let root = try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'statement'") ?? 0
                return (root, try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
            }
        }()
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        defer { try? handle.close() }
        let offset = UInt64((root - 1) * pageSize + (root == 1 ? 100 : 0))
        try handle.seek(toOffset: offset)
        let original = try handle.read(upToCount: 8) ?? Data()
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(original.map { $0 ^ 0xFF }))
    }

    @Test func aByteFlippedDatabaseFailsItsChecks() async throws {
        let directory: String
        do {
            let fixture = try await StoreFixture()
            try await fixture.insert((0..<50).map { _ in Statements.make() }, for: fixture.ana)
            directory = fixture.directory
        }
        try Self.damageStatementTable(in: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try WalletStore(readingAt: directory)
        #expect(try !store.quickCheck().isEmpty)
        #expect(try !store.integrityCheck().isEmpty)
        var thrown: (any Error)?
        // The table itself (COUNT(*) may be answered from a smaller index).
        do { _ = try store.readNow { db in try String.fetchAll(db, sql: "SELECT json FROM statement") } } catch { thrown = error }
        #expect(WalletStore.storageFault(of: try #require(thrown)) == .damaged)
        #expect(store.storage.fault == .damaged)
    }

    @Test func aSoundDatabasePassesBothChecks() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try await fixture.insert([Statements.make()], for: fixture.ana)
        #expect(try fixture.store.quickCheck().isEmpty)
        #expect(try fixture.store.integrityCheck().isEmpty)
    }

    @Test func aBackupIsAConsistentOwnerOnlyCopyAndNeverOverwrites() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try await fixture.insert((0..<20).map { _ in Statements.make() }, for: fixture.ana)
        let copy = fixture.directory + "/copy.sqlite"
        try fixture.store.backup(to: copy)
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try Self.statementCount(inFile: copy) == 20)
        #expect(throws: WalletBackupError.self) { try fixture.store.backup(to: copy) }
    }
}
