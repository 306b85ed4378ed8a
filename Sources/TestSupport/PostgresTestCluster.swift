import Foundation

/// Why a PostgreSQL test could not get its database, in words that say what to do.
///
/// ```swift
/// do { _ = try PostgresTestDatabase.make(label: "x") } catch let error as PostgresTestClusterError { print(error) }
/// ```
public struct PostgresTestClusterError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The test run's PostgreSQL cluster, as `PostgresTestDatabase` reaches it: its URL and the `psql`
/// program. `make test` starts one cluster for the whole run (scripts/with-postgres.sh) and passes
/// it in `WALLET_TEST_POSTGRES_URL`; without that variable this process starts its own on first use
/// (scripts/pg-cluster.sh, shared by all its tests) and stops it when it exits. A test never skips
/// for want of PostgreSQL: it fails and says how to get it.
///
/// ```swift
/// let url = try PostgresTestCluster.url()   // postgres://wallet_test@127.0.0.1:PORT/wallet_test
/// ```
enum PostgresTestCluster {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let script = packageRoot + "/scripts/pg-cluster.sh"
    static let howToGetIt = "Run the tests with `make test` (it starts a cluster for the run), or install PostgreSQL "
        + "with `scripts/install-system-deps.sh` (Debian's postgresql and postgresql-client)."

    /// The URL of the cluster's own database.
    static func url() throws -> String {
        if let url = ProcessInfo.processInfo.environment["WALLET_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        return try ownCluster.get()
    }

    /// Runs one SQL command with `psql` on `url`; its output, unaligned and without headers.
    @discardableResult
    static func psql(url: String, sql: String) throws -> String {
        let run = try ProcessRun(executable: try psqlPath.get(),
                                 arguments: ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
        guard run.status == 0 else {
            throw PostgresTestClusterError(message: "psql -c \"\(sql)\" on \(url) failed (exit \(run.status)): "
                + run.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// psql from the same installation the cluster script uses (it knows where Debian puts it).
    static let psqlPath: Result<String, any Error> = Result {
        let run = try ProcessRun(executable: "/usr/bin/env", arguments: ["bash", script, "bindir"])
        guard run.status == 0 else {
            throw PostgresTestClusterError(message: "PostgreSQL's client program psql was not found: \(run.output)\n\(howToGetIt)")
        }
        return run.output.trimmingCharacters(in: .whitespacesAndNewlines) + "/psql"
    }

    /// Where this process's own cluster lives, if it starts one: a name that says whose it is, so
    /// that one left behind by a killed test process is recognised (`scripts/pg-cluster.sh stop DIR`).
    static let ownClusterFolder = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("wallet-pg-swifttest-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))").path

    /// Started once, on first use, by whichever test gets here first; the others wait for it.
    static let ownCluster: Result<String, any Error> = Result {
        let start = try ProcessRun(executable: "/usr/bin/env", arguments: ["bash", script, "start", ownClusterFolder])
        // Registered before looking at the result: a start that failed half-way is removed too.
        atexit { PostgresTestCluster.stopOwnCluster() }
        guard start.status == 0, let url = start.output.split(separator: "\n").last.map(String.init),
              url.hasPrefix("postgres://") else {
            throw PostgresTestClusterError(message: """
                The PostgreSQL tests need a cluster. WALLET_TEST_POSTGRES_URL is not set (make test and \
                scripts/with-postgres.sh set it), so this test process tried to start one with \
                scripts/pg-cluster.sh, which failed:
                \(start.output.trimmingCharacters(in: .whitespacesAndNewlines))
                \(howToGetIt)
                """)
        }
        return url
    }

    /// At process exit, with posix_spawn rather than Foundation's Process: its run loop is not
    /// something to rely on while the process is ending.
    static func stopOwnCluster() {
        let arguments = ["/bin/bash", script, "stop", ownClusterFolder]
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, arguments[0], nil, nil, argv, envp) == 0 else { return }
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}
