import Basics
import Foundation
import GRDB

/// How both daemons open their database: read-only when the file cannot be written (so what it
/// holds can still be served), never when a newer build migrated it, migrated only when it can be.
///
/// ```swift
/// let pool = try DatabaseOpening.pool(path: path, configuration: config)
/// try DatabaseOpening.refuseNewer(migrator, pool, path: path, program: "walletd")
/// try DatabaseOpening.migrate(migrator, pool)
/// ```
public enum DatabaseOpening {
    /// Opens the pool; a database that cannot be written (a read-only file or filesystem) is
    /// opened read-only instead (GRDB's pool would otherwise write at open, and fail).
    public static func pool(path: String, configuration: Configuration) throws -> DatabasePool {
        do {
            return try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY && FileManager.default.fileExists(atPath: path) {
            var readOnly = configuration
            readOnly.readonly = true
            return try DatabasePool(path: path, configuration: readOnly)
        }
    }

    /// Throws ``NewerDatabaseError`` when the database records migrations this build does not
    /// have: a newer `program` ran on it, and this one would misread what it wrote.
    public static func refuseNewer(_ migrator: DatabaseMigrator, _ reader: some DatabaseReader, path: String, program: String) throws {
        let applied = try reader.read { db in try migrator.appliedIdentifiers(db) }
        let unknown = applied.subtracting(migrator.migrations)
        guard unknown.isEmpty else {
            throw NewerDatabaseError(program: program, path: path, unknown: Array(unknown), newestKnown: migrator.migrations.last ?? "none")
        }
    }

    /// Migrates, unless the pool could only be opened read-only: then the schema must already be
    /// this build's, or the database cannot be used here.
    public static func migrate(_ migrator: DatabaseMigrator, _ pool: DatabasePool) throws {
        guard pool.configuration.readonly else { return try migrator.migrate(pool) }
        guard try pool.read({ db in try migrator.hasCompletedMigrations(db) }) else {
            throw DatabaseError(resultCode: .SQLITE_READONLY, message: "the database needs migrating to this version but cannot be written")
        }
    }
}
