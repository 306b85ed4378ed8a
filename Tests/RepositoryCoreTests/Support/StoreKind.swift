import Foundation
import GRDB
import Synchronization
import TestSupport
@testable import RepositoryCore

/// The repository's two stores, for tests that must hold for both: the embedded SQLite store
/// and the PostgreSQL store on a fresh database of the test run's throw-away cluster.
///
/// ```swift
/// @Test(arguments: StoreKind.allCases) func something(kind: StoreKind) async throws {
///     try await kind.with { opened in _ = try await opened.store.push(push, device: "pc-a") }
/// }
/// ```
enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }

    /// A store opened on fresh storage; `close` ends it and removes the PostgreSQL database.
    struct Opened: Sendable {
        let store: any RepositoryStore
        /// The data folder (SQLite's database, or the keys folder's parent for PostgreSQL).
        let folder: String
        /// For a second instance on the same storage (PostgreSQL only: SQLite has one writer).
        let reopen: @Sendable () async throws -> any RepositoryStore
        /// One value of a query run straight on the database (tests looking under the store).
        let scalar: @Sendable (String) async throws -> String
        let cleanup: @Sendable () async -> Void

        /// The rows of a table, read straight from the database.
        func count(_ table: String) async throws -> Int {
            Int(try await scalar("SELECT COUNT(*) FROM \(table)").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }

        func close() async { await cleanup() }
    }

    /// Runs `body` on a freshly opened store and closes it afterwards, also when `body` throws.
    func with<T: Sendable>(nowMs: @escaping @Sendable () -> Int64 = SQLiteRepositoryStore.systemNowMs, authority: CredentialAuthority? = nil,
                           retention: RepositoryRetention = RepositoryRetention(), label: String = "store",
                           _ body: (Opened) async throws -> T) async throws -> T {
        let opened = try await open(nowMs: nowMs, authority: authority, retention: retention, label: label)
        do {
            let value = try await body(opened)
            await opened.close()
            return value
        } catch {
            await opened.close()
            throw error
        }
    }

    func open(nowMs: @escaping @Sendable () -> Int64 = SQLiteRepositoryStore.systemNowMs, authority: CredentialAuthority? = nil,
              retention: RepositoryRetention = RepositoryRetention(), label: String = "store") async throws -> Opened {
        let folder = try HubFixtures.folder()
        switch self {
        case .sqlite:
            let store = try SQLiteRepositoryStore(directory: folder, durability: .normal, nowMs: nowMs, authority: authority, retention: retention)
            return Opened(store: store, folder: folder, reopen: { store }, scalar: { sql in
                try store.pool.read { db in try String.fetchOne(db, sql: sql) ?? "" }
            }, cleanup: {})
        case .postgres:
            let database = try PostgresTestDatabase.make(label: label)
            let location = try PostgresLocation(url: database.url)
            let keys = folder + "/keys"
            let open: @Sendable () async throws -> PostgresRepositoryStore = {
                try await PostgresRepositoryStore.open(location: location, keysDirectory: keys, connections: 8, nowMs: nowMs,
                                                       authority: authority, retention: retention)
            }
            let store = try await open()
            let extra = OpenedStores()
            return Opened(store: store, folder: folder, reopen: {
                let another = try await open()
                extra.add(another)
                return another
            }, scalar: { sql in try database.psql(sql) }, cleanup: {
                await store.close()
                for other in extra.all { await other.close() }
                try? database.drop()
            })
        }
    }
}

/// The further instances a test opened, closed with the first.
final class OpenedStores: Sendable {
    private let stores = Mutex<[PostgresRepositoryStore]>([])
    func add(_ store: PostgresRepositoryStore) { stores.withLock { $0.append(store) } }
    var all: [PostgresRepositoryStore] { stores.withLock { $0 } }
}
