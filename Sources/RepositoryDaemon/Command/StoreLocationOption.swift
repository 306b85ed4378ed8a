import Basics
import DaemonKit
import ArgumentParser
import Foundation
import RepositoryCore

/// Where the repository keeps its data, shared by the server and every admin command: the data
/// folder (embedded SQLite, the default, with the keys in its `keys` folder), or a PostgreSQL
/// database with a keys folder of its own (`--database postgres://… --keys-dir DIR`), which
/// several repositoryd instances share.
///
/// ```swift
/// @OptionGroup var data: StoreLocationOption
/// let store = try await RepositoryStoreOpener.open(data)
/// ```
struct StoreLocationOption: ParsableArguments {
    @Option(name: .long, help: "The repository's data folder (env REPOSITORYD_DATA_DIR; default /var/lib/repositoryd as root, else $XDG_DATA_HOME/repositoryd or ~/.local/share/repositoryd).")
    var dataDir: String?

    @Option(name: .long, help: "A PostgreSQL database instead of the data folder's SQLite: postgres://USER@HOST:PORT/DB (password in REPOSITORYD_DATABASE_PASSWORD; ?sslmode=require for TLS). Needs --keys-dir.")
    var database: String?

    @Option(name: .long, help: "The folder of the repository's keys (default: the data folder's keys folder). With --database, the folder every instance reads (docs/DEPLOYMENT.md).")
    var keysDir: String?

    func validate() throws {
        if database != nil {
            guard keysDir != nil else { throw ValidationError("--database needs --keys-dir: the folder of the keys every repositoryd of this database reads.") }
            guard dataDir == nil else { throw ValidationError("Give --data-dir (SQLite) or --database (PostgreSQL), not both.") }
        }
    }

    var resolved: String {
        if let dataDir { return dataDir }
        return DefaultDataFolder.path(daemon: "repositoryd", environment: ProcessInfo.processInfo.environment)
    }

    /// The keys folder in use.
    var keysDirectory: String {
        keysDir ?? (resolved as NSString).appendingPathComponent("keys")
    }

    var keyring: IssuerKeyring { IssuerKeyring(directory: keysDirectory) }

    /// The PostgreSQL database, nil for the data folder; a URL that cannot be used exits 64.
    func postgres() throws -> PostgresLocation? {
        guard let database else { return nil }
        do {
            return try PostgresLocation(url: database)
        } catch {
            FileHandle.standardError.write(Data("repositoryd: \(error)\n".utf8))
            throw ExitCode(64)
        }
    }

    /// For the commands that work on the data folder's files (backup, restore, check): a
    /// PostgreSQL repository is backed up and checked with PostgreSQL's own tools.
    func requireDataFolder(_ command: String) throws {
        guard database == nil else {
            FileHandle.standardError.write(Data("repositoryd: \(command) works on a data folder's SQLite database; for PostgreSQL use pg_dump / pg_basebackup (docs/DEPLOYMENT.md)\n".utf8))
            throw ExitCode(64)
        }
    }
}
