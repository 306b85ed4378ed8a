import Basics
import DaemonKit
import ArgumentParser
import Foundation
import RepositoryCore

/// Opens the store for an admin command (`enrolment-code`, `catalog import`, `stats`, …), beside a
/// running server if there is one (SQLite WAL: readers and one writer at a time). It never
/// migrates a database a server is using: a database that needs migrating (or creating) is opened
/// only with the data folder's lock, and refused (exit 75) while a server holds it. A database a
/// newer repositoryd migrated is refused (exit 76); one that cannot be opened exits 73 (74 when
/// damaged). Files it makes are owner-only, like the server's.
///
/// ```swift
/// let store = try await RepositoryStoreOpener.open(data)
/// ```
enum RepositoryStoreOpener {
    /// The store the options name: the data folder's SQLite database, or the PostgreSQL database
    /// (migrated when needed, under its own migration lock; a newer schema exits 76, an
    /// unreachable database 69). It is closed when the command ends (`Repositoryd.closeOpenedStores`).
    static func open(_ location: StoreLocationOption) async throws -> any RepositoryStore {
        guard let postgres = try location.postgres() else { return try open(location.resolved) }
        do {
            let store = try await PostgresRepositoryStore.open(location: postgres, keysDirectory: location.keysDirectory, connections: 2)
            await OpenedStores.shared.add(store)
            return store
        } catch {
            let (message, code) = postgresFailure(error, location: postgres)
            FileHandle.standardError.write(Data("repositoryd: \(message)\n".utf8))
            throw ExitCode(code)
        }
    }

    /// What to say when the PostgreSQL database cannot be opened, and the exit code.
    static func postgresFailure(_ error: any Error, location: PostgresLocation) -> (String, Int32) {
        switch error {
        case let error as PostgresSchemaError: ("\(location): \(error)", 76)
        case let error as KeyringError: ("\(error)", 73)
        default: ("cannot use the database \(location): \(error). Check that PostgreSQL runs there, the user may log in, and the database exists (createdb).", 69)
        }
    }

    static func open(_ directory: String) throws -> SQLiteRepositoryStore {
        do {
            return try openOrExplain(directory)
        } catch {
            FileHandle.standardError.write(Data("repositoryd: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode.rawValue)
        }
    }

    static func openOrExplain(_ directory: String) throws(StartupError) -> SQLiteRepositoryStore {
        DataFolder.useOwnerOnlyUmask()
        let path = (directory as NSString).appendingPathComponent(SQLiteRepositoryStore.fileName)
        let whenDamaged = RepositoryStoreStartup.whenDamaged(directory)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StartupError(.cannotCreate, "cannot create the data folder \(directory): \(error.localizedDescription). Check --data-dir and that you run as the repository's user.")
        }
        let state: SQLiteRepositoryStore.SchemaState
        do {
            state = try SQLiteRepositoryStore.schemaState(directory: directory)
        } catch {
            throw DatabaseStartup.openFailure(error, path: path, fault: SQLiteRepositoryStore.storageFault(of: error), whenDamaged: whenDamaged)
        }
        // Creating or migrating changes the schema under a running server's feet: only with the
        // lock the server holds while it runs.
        var lock: DataFolderLock?
        if state != .current {
            lock = try DataFolderLock.acquire(
                path: directory + "/repositoryd.lock", daemon: "repositoryd server", what: "data folder \(directory)",
                otherwise: "run the admin command of the same version as that server: this repositoryd \(WalletVersion.string) would have to migrate the database, which it never does while a server uses it")
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            return try SQLiteRepositoryStore(directory: directory, durability: .full)
        } catch {
            throw DatabaseStartup.openFailure(error, path: path, fault: SQLiteRepositoryStore.storageFault(of: error), whenDamaged: whenDamaged)
        }
    }
}
