import Logging
import PostgresNIO

/// One connection inside a transaction (or a read), with the few shapes of query the store uses.
/// It lives only inside `PostgresDatabase.transaction` and never leaves it.
///
/// ```swift
/// try await tx.execute("UPDATE device SET revoked_ms = \(now) WHERE id = \(id)")
/// let name = try await tx.optional("SELECT name FROM device WHERE id = \(id)", as: String.self)
/// ```
struct PostgresTransaction {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs a statement; returns the rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) async throws -> Int {
        let rows = try await connection.query(query, logger: logger)
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }

    /// Rows changed by an INSERT/UPDATE/DELETE without RETURNING (read from its command tag).
    @discardableResult
    func changes(_ query: PostgresQuery) async throws -> Int {
        let result = try await connection.query(query, logger: logger).get()
        return result.metadata.rows ?? 0
    }

    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }

    func all<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> [T] {
        var values: [T] = []
        for try await value in try await connection.query(query, logger: logger).decode(T.self) { values.append(value) }
        return values
    }

    func optional<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T? {
        for try await value in try await connection.query(query, logger: logger).decode(T.self) { return value }
        return nil
    }

    func one<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T {
        guard let value = try await optional(query, as: T.self) else {
            throw RepositoryStoreError.corrupt("a query that always answers answered nothing: \(query.sql.prefix(80))")
        }
        return value
    }

    /// Rows of several columns, decoded as a tuple: `as: (String, Int64).self`.
    func all<each C: PostgresDecodable>(_ query: PostgresQuery, as type: (repeat each C).Type) async throws -> [(repeat each C)] {
        var values: [(repeat each C)] = []
        for row in try await connection.query(query, logger: logger).collect() {
            values.append(try row.decode((repeat each C).self))
        }
        return values
    }

    func optional<each C: PostgresDecodable>(_ query: PostgresQuery, as type: (repeat each C).Type) async throws -> (repeat each C)? {
        for row in try await connection.query(query, logger: logger).collect() {
            return try row.decode((repeat each C).self)
        }
        return nil
    }

    func one<each C: PostgresDecodable>(_ query: PostgresQuery, as type: (repeat each C).Type) async throws -> (repeat each C) {
        for row in try await connection.query(query, logger: logger).collect() {
            return try row.decode((repeat each C).self)
        }
        throw RepositoryStoreError.corrupt("a query that always answers answered nothing: \(query.sql.prefix(80))")
    }

    func exists(_ query: PostgresQuery) async throws -> Bool {
        try await optional(query, as: Bool.self) ?? false
    }

    /// Serializes every transaction that names this key until commit: the partition lock
    /// (`learner:ID`), the audit chain's tail (`audit`). Locks are taken learner first, then audit,
    /// so two transactions never wait on each other in a circle.
    func lock(_ key: String) async throws {
        try await execute("SELECT pg_advisory_xact_lock(hashtextextended(\(key), 0))")
    }
}
