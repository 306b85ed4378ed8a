import Crypto
import Foundation
import GRDB
import PostgresNIO

extension PostgresStoreCopy {
    /// Counts and hashes every copied table on both sides, rows in the same order (each key
    /// column as text, byte order) and each value as text (bytes as hex): equal or the copy fails.
    static func verify(source pool: DatabasePool, target: PostgresRepositoryStore) async throws -> Report {
        var report = Report()
        for table in tables + [history, conflicts] {
            let sqliteOrder = table.key.isEmpty ? "rowid" : table.key.map { "CAST(\($0) AS TEXT)" }.joined(separator: ", ")
            let postgresOrder = table.key.isEmpty ? "id" : table.key.map { "\($0)::text COLLATE \"C\"" }.joined(separator: ", ")
            let sqliteColumns = table.columns.map { table.bytes.contains($0) ? "lower(hex(\($0)))" : "CAST(\($0) AS TEXT)" }.joined(separator: ", ")
            let postgresColumns = table.columns.map { table.bytes.contains($0) ? "encode(\($0), 'hex')" : "\($0)::text" }.joined(separator: ", ")
            let width = table.columns.count
            let here = try await pool.read { db in
                var digest = RowDigest()
                let rows = try Row.fetchCursor(db, sql: "SELECT \(sqliteColumns) FROM \(table.name) ORDER BY \(sqliteOrder)")
                while let row = try rows.next() { digest.add((0..<width).map { row[$0] as String? }) }
                return digest
            }
            let there = try await target.database.read { tx in
                var digest = RowDigest()
                let rows = try await tx.connection.query(PostgresQuery(unsafeSQL: "SELECT \(postgresColumns) FROM \(table.name) ORDER BY \(postgresOrder)"),
                                                         logger: tx.logger)
                for try await row in rows {
                    digest.add(try row.map { try $0.decode(String?.self) })
                }
                return digest
            }
            guard here.rows == there.rows, here.hex == there.hex else {
                throw PostgresStoreCopyError("table \(table.name) differs after the copy (SQLite \(here.rows) rows, PostgreSQL \(there.rows)); drop the target database and copy again")
            }
            report.tables.append(Report.TableReport(name: table.name, rows: here.rows, sha256: here.hex))
        }
        report.changeSequence = try await target.database.read { tx in try await PostgresRepositoryStore.head(tx).seq }
        return report
    }
}

/// A SHA-256 over rows of text values, each value length-prefixed so no two tables of rows
/// hash alike by accident.
struct RowDigest {
    private var hasher = SHA256()
    private(set) var rows = 0

    mutating func add(_ values: [String?]) {
        rows += 1
        for value in values {
            let text = value.map { "\($0.utf8.count):\($0)" } ?? "-"
            hasher.update(data: Data(text.utf8))
        }
        hasher.update(data: Data([0x1E]))
    }

    var hex: String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
