import Foundation

/// A fresh, uniquely named PostgreSQL database for one test, on the test run's throw-away cluster:
/// the one in `WALLET_TEST_POSTGRES_URL` (`make test` and `scripts/with-postgres.sh` set it), or,
/// when that is not set (`swift test` by hand), one cluster this test process starts on first use
/// with `scripts/pg-cluster.sh` and stops when it exits. Made and dropped with the `psql` client
/// program, so that this module does not link a PostgreSQL driver.
///
/// ```swift
/// let database = try PostgresTestDatabase.make(label: "push-pull")
/// defer { try? database.drop() }
/// let store = try PostgresStore(url: database.url)   // postgres://wallet_test@127.0.0.1:PORT/t_push_pull_…
/// ```
public struct PostgresTestDatabase: Sendable {
    /// The database's name: `t_`, the label, the process id and a random part.
    public let name: String
    /// `postgres://USER@127.0.0.1:PORT/NAME`.
    public let url: String
    /// The URL of the cluster's own database, from which this one is made and dropped.
    let clusterURL: String

    /// The template `scripts/pg-cluster.sh` makes: every test database starts as a copy of it.
    static let template = "wallet_template"

    /// Makes a new, empty database. `label` names it for someone looking at the cluster (any text;
    /// letters and digits are kept).
    public static func make(label: String) throws -> PostgresTestDatabase {
        let cluster = try PostgresTestCluster.url()
        let name = uniqueName(label: label)
        try PostgresTestCluster.psql(url: cluster, sql: "CREATE DATABASE \(name) TEMPLATE \(template)")
        return PostgresTestDatabase(name: name, url: try replacingDatabase(in: cluster, with: name), clusterURL: cluster)
    }

    /// Removes the database, closing any connection still open to it.
    public func drop() throws {
        try PostgresTestCluster.psql(url: clusterURL, sql: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Makes the database refuse every connection and ends the ones open (`false`), or
    /// takes connections again: to a server using it, as if PostgreSQL went away and came back,
    /// without stopping the cluster other tests share.
    public func setReachable(_ reachable: Bool) throws {
        try PostgresTestCluster.psql(url: clusterURL, sql: "ALTER DATABASE \(name) ALLOW_CONNECTIONS \(reachable)")
        if !reachable {
            try PostgresTestCluster.psql(url: clusterURL, sql: "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(name)'")
        }
    }

    /// Runs SQL in this database with `psql` and returns its output (unaligned, tuples only);
    /// throws with psql's message when it fails.
    @discardableResult
    public func psql(_ sql: String) throws -> String {
        try PostgresTestCluster.psql(url: url, sql: sql)
    }

    /// A name PostgreSQL takes without quoting (lower-case letters, digits, `_`; under its
    /// 63-byte limit) and no other test process or test picks.
    static func uniqueName(label: String) -> String {
        let kept = label.lowercased().unicodeScalars.map { scalar -> Character in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : "_"
        }
        let random = UInt32.random(in: 0...UInt32.max)
        return "t_\(String(kept.prefix(24)))_\(ProcessInfo.processInfo.processIdentifier)_\(String(random, radix: 16))"
    }

    static func replacingDatabase(in clusterURL: String, with name: String) throws -> String {
        guard var components = URLComponents(string: clusterURL), components.host != nil else {
            throw PostgresTestClusterError(message: "WALLET_TEST_POSTGRES_URL is not a URL like postgres://USER@HOST:PORT/DB: \(clusterURL)")
        }
        components.path = "/" + name
        guard let url = components.string else {
            throw PostgresTestClusterError(message: "no URL for database \(name) on \(clusterURL)")
        }
        return url
    }
}
