import Foundation
import NIOCore
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL repository lives, read from `repositoryd --database postgres://USER@HOST:PORT/DB`.
/// A password may come in the URL, but `REPOSITORYD_DATABASE_PASSWORD` (or a `trust`/`peer`
/// setup) keeps it out of the process list. `?sslmode=require` asks for TLS, `disable` (the
/// default) for none: a database across a network should use TLS.
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://repo@db.example:5432/wallet?sslmode=require")
/// print(location)   // postgres://repo@db.example:5432/wallet (never the password)
/// ```
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var requireTLS: Bool

    /// Reads the URL; throws with what is wrong and an example of a good one.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresLocationError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              ["postgres", "postgresql"].contains(scheme.lowercased())
        else { throw PostgresLocationError("\(Self.redacted(text)) is not a postgres:// URL") }
        guard let host = components.host, !host.isEmpty else { throw PostgresLocationError("the URL names no host") }
        guard let user = components.user, !user.isEmpty else { throw PostgresLocationError("the URL names no user") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw PostgresLocationError("the URL names no database (…/DBNAME)") }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw PostgresLocationError("port \(port) is out of range") }
        var requireTLS = false
        for item in components.queryItems ?? [] {
            switch (item.name, item.value ?? "") {
            case ("sslmode", "disable"), ("sslmode", "prefer"), ("sslmode", "allow"): requireTLS = false
            case ("sslmode", "require"), ("sslmode", "verify-ca"), ("sslmode", "verify-full"): requireTLS = true
            default: throw PostgresLocationError("the URL option \(item.name)=\(item.value ?? "") is not understood (only sslmode=disable or sslmode=require)")
            }
        }
        self.host = host
        self.port = port
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password?.removingPercentEncoding ?? environment["REPOSITORYD_DATABASE_PASSWORD"]
        self.database = database.removingPercentEncoding ?? database
        self.requireTLS = requireTLS
    }

    /// The URL without its password, for logs and messages.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (requireTLS ? "?sslmode=require" : "")
    }

    /// The driver's settings for a pool of at most `connections` connections.
    func clientConfiguration(connections: Int) -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database,
                                                         tls: requireTLS ? .require(.makeClientConfiguration()) : .disable)
        configuration.options.maximumConnections = connections
        configuration.options.minimumConnections = 0
        configuration.options.connectionIdleTimeout = .seconds(60)
        return configuration
    }

    /// The settings of one connection, for the first check (`PostgresDatabase.probe`).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = requireTLS ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = TimeAmount.seconds(10)
        return configuration
    }

    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return String(text.prefix(200)) }
        components.password = "…"
        return String((components.string ?? "").prefix(200))
    }
}

/// A `--database` URL that cannot be used, with what to change.
///
/// ```swift
/// throw PostgresLocationError("the URL names no database (…/DBNAME)")
/// ```
public struct PostgresLocationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ why: String) {
        description = "--database: \(why). Example: postgres://repositoryd@127.0.0.1:5432/wallet (password in REPOSITORYD_DATABASE_PASSWORD)"
    }
}
