import Basics
import GRDB

/// SQLite's own checks of a database file, as lists of problems a person can read ([] when the
/// file is sound). A check SQLite has to stop because the file is too damaged to walk is a verdict
/// too, not a failure of the check.
///
/// ```swift
/// let problems = try DatabaseChecks.quick(pool)        // at every start
/// let all = try DatabaseChecks.integrity(queue)         // `walletd check`, `repositoryd check`
/// ```
public enum DatabaseChecks {
    /// `PRAGMA quick_check`: reads every page but skips the index-content checks, so it is bounded
    /// enough to run at every start.
    public static func quick(_ reader: some DatabaseReader) throws -> [String] {
        try verdict { problems(try reader.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }) }
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check` in one read transaction: safe beside
    /// a running daemon.
    public static func integrity(_ reader: some DatabaseReader) throws -> [String] {
        try verdict { try reader.read { db in
            var found = problems(try String.fetchAll(db, sql: "PRAGMA integrity_check"))
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                let table: String = row[0] ?? "?"
                let rowid: Int64? = row[1]
                let parent: String = row[2] ?? "?"
                found.append("row \(rowid.map(String.init) ?? "?") of \(table) refers to a missing row of \(parent)")
            }
            return found
        } }
    }

    static func problems(_ verdict: [String]) -> [String] {
        verdict == ["ok"] ? [] : verdict
    }

    static func verdict(_ check: () throws -> [String]) throws -> [String] {
        do {
            return try check()
        } catch let error as DatabaseError where StorageFault(sqliteError: error) == .damaged {
            return ["SQLite stopped the check: \(error.message ?? "\(error)") (\(error.resultCode))"]
        }
    }
}
