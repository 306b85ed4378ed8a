import PostgresNIO

/// What PostgreSQL said when a statement of the store failed, with its SQLSTATE, in words an
/// admin can act on (the driver's own error hides the server's message from its description).
///
/// ```swift
/// catch let error as PostgresStoreError where error.sqlState == "23505" { … }
/// ```
public struct PostgresStoreError: Error, CustomStringConvertible, Sendable {
    /// The five-character SQLSTATE ("23505" unique violation, "57P01" shutdown, …); empty when
    /// the connection failed before the server answered.
    public var sqlState: String
    public var description: String

    init(_ error: PSQLError) {
        sqlState = error.serverInfo?[.sqlState] ?? ""
        if let message = error.serverInfo?[.message] {
            let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
            description = "PostgreSQL: \(message)\(detail) [SQLSTATE \(sqlState)]"
        } else {
            // The driver's code alone ("connectionError") does not say what to fix; its cause
            // (refused, timed out, TLS) does.
            description = "PostgreSQL connection: \(error.code)" + (error.underlying.map { " (\($0))" } ?? "")
        }
    }

    /// No connection came from the pool in time: PostgreSQL is down, unreachable, refusing
    /// connections, or every connection is busy.
    static func noConnection(within limit: Duration) -> PostgresStoreError {
        PostgresStoreError(sqlState: "", description: "PostgreSQL connection: none could be had within \(limit.components.seconds) s (is the database up and reachable, and accepting connections?)")
    }

    init(sqlState: String, description: String) {
        self.sqlState = sqlState
        self.description = description
    }
}
