import CoursePackage
import Foundation
import GRDB
import SQLiteStorage
import SecurityPrimitives

/// The tables of migration "v17-content-packages": one row per imported cmi5 package (its course
/// structure kept whole as JSON, for launching and the move-on rules) and one per AU, so an AU
/// is found by its id and belongs to one package only.
enum ContentTables {
    static let schema = """
        CREATE TABLE content_package (
            id TEXT PRIMARY KEY NOT NULL,
            course_id TEXT NOT NULL UNIQUE,
            folder TEXT NOT NULL UNIQUE,
            structure_json TEXT NOT NULL,
            file_count INTEGER NOT NULL,
            byte_count INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            imported_ms INTEGER NOT NULL
        );
        CREATE TABLE content_au (
            id TEXT PRIMARY KEY NOT NULL,
            package_id TEXT NOT NULL REFERENCES content_package(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            launch_path TEXT NOT NULL,
            move_on TEXT NOT NULL,
            mastery_score REAL
        );
        CREATE INDEX content_au_package ON content_au(package_id, position);
        """
}

/// An imported cmi5 course package as walletd keeps it: where its files are (``folder``, a name
/// under the data folder's `content/`) and its whole course structure.
///
/// ```swift
/// for package in try library.packages() { print(package.id, package.structure.course.id) }
/// ```
public struct ContentPackage: Sendable, Equatable {
    /// `c-` and 16 hex digits of the course id's SHA-256: the same course always gets the same id.
    public let id: String
    public let structure: CourseStructure
    /// The folder's name under `content/` (the id and an import stamp: a re-import unpacks beside
    /// the old one and the database switches to it in one transaction).
    public let folder: String
    public let fileCount: Int
    public let byteCount: Int
    /// SHA-256 of the imported zip file, hex.
    public let sha256: String
    public let importedMs: Int64

    public var courseId: String { structure.course.id }
}

extension WalletStore {
    public func contentPackages() throws -> [ContentPackage] {
        try readNow { db in try Row.fetchAll(db, sql: "SELECT * FROM content_package ORDER BY course_id").map(Self.contentPackage) }
    }

    public func contentPackage(id: String) throws -> ContentPackage? {
        try readNow { db in try Row.fetchOne(db, sql: "SELECT * FROM content_package WHERE id = ?", arguments: [id]).map(Self.contentPackage) }
    }

    /// The package an AU belongs to, by the AU's id (an absolute IRI).
    public func contentPackage(forAssignableUnit auId: String) throws -> ContentPackage? {
        try readNow { db in
            try Row.fetchOne(db, sql: """
                SELECT p.* FROM content_au a JOIN content_package p ON p.id = a.package_id WHERE a.id = ?
                """, arguments: [auId]).map(Self.contentPackage)
        }
    }

    /// AU ids of `ids` that another package than `packageId` already holds, with that package's id.
    func assignableUnitOwners(_ ids: [String], except packageId: String) throws -> [String: String] {
        try readNow { db in
            var owners: [String: String] = [:]
            for id in ids {
                if let owner = try String.fetchOne(db, sql: "SELECT package_id FROM content_au WHERE id = ? AND package_id <> ?",
                                                   arguments: [id, packageId]) {
                    owners[id] = owner
                }
            }
            return owners
        }
    }

    /// Stores `package` and its AUs, replacing the same course's earlier import in the same
    /// transaction; answers the replaced one, whose folder the caller then removes.
    func replaceContentPackage(_ package: ContentPackage, nowMs: Int64) throws -> ContentPackage? {
        let json = String(decoding: try JSONEncoder().encode(package.structure), as: UTF8.self)
        return try writeNow { db in
            let previous = try Row.fetchOne(db, sql: "SELECT * FROM content_package WHERE id = ?", arguments: [package.id]).map(Self.contentPackage)
            try db.execute(sql: "DELETE FROM content_package WHERE id = ?", arguments: [package.id])
            try db.execute(sql: """
                INSERT INTO content_package (id, course_id, folder, structure_json, file_count, byte_count, sha256, imported_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [package.id, package.courseId, package.folder, json, package.fileCount, package.byteCount,
                                 package.sha256, package.importedMs])
            for (position, au) in package.structure.assignableUnits.enumerated() {
                try db.execute(sql: """
                    INSERT INTO content_au (id, package_id, position, launch_path, move_on, mastery_score) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [au.id, package.id, position, au.launchPath, au.moveOn.rawValue, au.masteryScore])
            }
            try AuditLogTable.append([AuditEvent("content_import", detail: [
                "package": package.id, "course": package.courseId, "units": String(package.structure.assignableUnits.count),
                "sha256": package.sha256, "replaced": previous == nil ? "false" : "true",
            ])], atMs: nowMs, db: db)
            return previous
        }
    }

    /// Removes the package's rows (its AUs with it); answers what was removed.
    func removeContentPackage(id: String, nowMs: Int64) throws -> ContentPackage? {
        try writeNow { db in
            guard let package = try Row.fetchOne(db, sql: "SELECT * FROM content_package WHERE id = ?", arguments: [id]).map(Self.contentPackage) else {
                return nil
            }
            try db.execute(sql: "DELETE FROM content_package WHERE id = ?", arguments: [id])
            try AuditLogTable.append([AuditEvent("content_remove", detail: ["package": id, "course": package.courseId])], atMs: nowMs, db: db)
            return package
        }
    }

    /// The folder names the database points at: anything else under `content/` is left over.
    func contentFolders() throws -> Set<String> {
        try readNow { db in Set(try String.fetchAll(db, sql: "SELECT folder FROM content_package")) }
    }

    static func contentPackage(_ row: Row) throws -> ContentPackage {
        let json: String = row["structure_json"]
        return ContentPackage(
            id: row["id"], structure: try JSONDecoder().decode(CourseStructure.self, from: Data(json.utf8)), folder: row["folder"],
            fileCount: row["file_count"], byteCount: row["byte_count"], sha256: row["sha256"], importedMs: row["imported_ms"])
    }
}
