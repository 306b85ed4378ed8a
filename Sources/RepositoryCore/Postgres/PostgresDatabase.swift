import Logging
import PostgresNIO

/// The repository's connection pool to PostgreSQL and the one way its store runs a transaction.
/// Concurrency between repositoryd instances is the database's: rows locks, advisory locks and
/// constraints, never a lock in this process. A transaction that PostgreSQL aborts to break a
/// deadlock or a serialization conflict runs again from the start (at most `maxAttempts` times).
///
/// ```swift
/// let database = try PostgresDatabase(location: location, logger: logger)
/// let n = try await database.transaction { tx in try await tx.int("SELECT count(*) FROM device") }
/// await database.close()
/// ```
final class PostgresDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>

    /// Transactions PostgreSQL aborted (deadlock, serialization) are tried again this many times.
    static let maxAttempts = 5

    init(location: PostgresLocation, connections: Int = 20, logger: Logger) {
        let client = PostgresClient(configuration: location.clientConfiguration(connections: connections), backgroundLogger: logger)
        self.client = client
        self.logger = logger
        // The pool works only while `run` does; `close` ends it.
        runner = Task { await client.run() }
    }

    /// One connection made, asked `SELECT 1` and closed: before the pool starts (a wrong URL,
    /// password or database name fails at once with PostgreSQL's own words, where the pool would
    /// retry for a minute), and for `GET /health`.
    static func probe(_ location: PostgresLocation, logger: Logger) async throws {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try location.connectionConfiguration(), id: 0, logger: logger)
        } catch let error as PSQLError {
            throw PostgresStoreError(error)
        }
        do {
            try await connection.query("SELECT 1", logger: logger)
        } catch let error as PSQLError {
            try? await connection.close()
            throw PostgresStoreError(error)
        }
        try await connection.close()
    }

    func close() async {
        runner.cancel()
        await runner.value
    }

    /// Runs `body` in one transaction (READ COMMITTED: every write that must not race takes its
    /// lock first) and commits; any error rolls it back and is rethrown as `body` threw it.
    func transaction<Result: Sendable>(_ body: @Sendable (PostgresTransaction) async throws -> Result) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await withConnection { connection in
                    try await Self.run(on: connection, logger: logger, body)
                }
            } catch let error as PSQLError where Self.isRetryable(error) && attempt < Self.maxAttempts {
                attempt += 1
                logger.debug("transaction retried", metadata: ["sqlstate": "\(error.serverInfo?[.sqlState] ?? "")", "attempt": "\(attempt)"])
            } catch let error as PSQLError {
                throw PostgresStoreError(error)
            }
        }
    }

    /// Reads outside a transaction of its own making (each statement sees committed data).
    func read<Result: Sendable>(_ body: @Sendable (PostgresTransaction) async throws -> Result) async throws -> Result {
        do {
            return try await withConnection { connection in
                try await body(PostgresTransaction(connection: connection, logger: logger))
            }
        } catch let error as PSQLError {
            throw PostgresStoreError(error)
        }
    }

    private static func run<Result>(on connection: PostgresConnection, logger: Logger,
                                    _ body: @Sendable (PostgresTransaction) async throws -> Result) async throws -> Result {
        try await connection.query("BEGIN", logger: logger)
        let transaction = PostgresTransaction(connection: connection, logger: logger)
        let value: Result
        do {
            value = try await body(transaction)
        } catch {
            // A failed ROLLBACK leaves the connection broken; the pool closes it.
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
        try await connection.query("COMMIT", logger: logger)
        return value
    }

    /// Deadlock (40P01) and serialization failure (40001): nothing of the transaction stayed.
    static func isRetryable(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }

    /// A unique or exclusion constraint said no (23505): another instance wrote the same first.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PostgresStoreError)?.sqlState == "23505" || (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }
}
