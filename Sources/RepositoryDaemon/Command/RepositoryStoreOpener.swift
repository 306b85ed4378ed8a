import DaemonKit
import ArgumentParser
import Foundation
import RepositoryCore

/// Opens the store for an admin command (`enrolment-code`, `catalog import`, `stats`), beside a
/// running server if there is one (SQLite WAL: readers and one writer at a time). Files it makes
/// are owner-only, like the server's; when it cannot open, it says what to check and exits 73.
///
/// ```swift
/// let store = try RepositoryStoreOpener.open(data.resolved)
/// ```
enum RepositoryStoreOpener {
    static func open(_ directory: String) throws -> SQLiteRepositoryStore {
        DataFolder.useOwnerOnlyUmask()
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return try SQLiteRepositoryStore(directory: directory, durability: .full)
        } catch {
            FileHandle.standardError.write(Data("repositoryd: cannot open the repository in \(directory): \(error). Check --data-dir and that you run as the repository's user.\n".utf8))
            throw ExitCode(73)
        }
    }
}
