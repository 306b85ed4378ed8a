import Foundation
import Testing
import WalletAPI
import WalletClient

#if canImport(Glibc)
import Glibc
import Basics
#endif

/// The storage lifecycle as an admin meets it, with the real binaries: a database from a newer
/// version, a damaged one, an admin command beside a running server, `check` and `backup`. Each
/// stops with its own exit code and a message that says what to do.
@Suite("Storage lifecycle with the real daemons", .serialized,
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
struct StorageLifecycleTests {
    struct Run {
        var status: Int32
        var output: String
    }

    /// Runs a program to its end (killed after 30 s: a daemon that should have refused to start
    /// would serve forever); stdout and stderr together, through a file so a full pipe never blocks it.
    static func run(_ program: String, _ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Walletd.binary(program))
        process.arguments = arguments
        let log = NSTemporaryDirectory() + "storage-run-\(UUID().uuidString.prefix(8)).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let handle = FileHandle(forWritingAtPath: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? handle?.close()
        return Run(status: process.terminationStatus, output: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    /// One SQL statement on a database file, with Python's sqlite3 (not our code).
    static func sql(_ database: String, _ statement: String) throws {
        _ = try Repositoryd.run("/usr/bin/python3", ["-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()",
                                                     database, statement])
    }

    /// Flips the header bytes of a table's root page in the file (after folding the WAL in).
    static func damage(_ database: String, table: String) throws {
        _ = try Repositoryd.run("/usr/bin/python3", ["-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            root = c.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (sys.argv[2],)).fetchone()[0]
            size = c.execute("PRAGMA page_size").fetchone()[0]
            c.close()
            with open(sys.argv[1], "r+b") as f:
                f.seek((root - 1) * size)
                data = f.read(8)
                f.seek((root - 1) * size)
                f.write(bytes(b ^ 0xFF for b in data))
            """, database, table])
    }

    static let future = "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')"

    @Test func walletdRefusesADatabaseANewerWalletdMigrated() throws {
        let pc = try Walletd().start()
        _ = try pc.learnerSession()
        pc.stop()
        try Self.sql(pc.dataDirectory + "/wallet.sqlite", Self.future)
        let serve = try Self.run("walletd", ["--data-dir", pc.dataDirectory, "--socket", pc.socket, "--http", "off"])
        #expect(serve.status == 76, "\(serve.output)")
        #expect(serve.output.contains("v99-from-the-future") && serve.output.contains("newer walletd"), "\(serve.output)")
        let check = try Self.run("walletd", ["check", "--data-dir", pc.dataDirectory])
        #expect(check.status == 76, "\(check.output)")
        let backup = try Self.run("walletd", ["backup", "--data-dir", pc.dataDirectory, pc.folder + "/backup"])
        #expect(backup.status == 76, "\(backup.output)")
    }

    @Test func repositorydRefusesADatabaseANewerRepositorydMigrated() throws {
        let repository = try Repositoryd().start()
        repository.stop()
        try Self.sql(repository.dataDirectory + "/repository.sqlite", Self.future)
        let serve = try Self.run("repositoryd", ["serve", "--data-dir", repository.dataDirectory, "--port", "0"])
        #expect(serve.status == 76, "\(serve.output)")
        #expect(serve.output.contains("v99-from-the-future") && serve.output.contains("newer repositoryd"), "\(serve.output)")
        for command in [["stats"], ["enrolment-code"], ["check"], ["backup", repository.folder + "/backup"]] {
            let run = try Self.run("repositoryd", command + ["--data-dir", repository.dataDirectory])
            #expect(run.status == 76, "\(command): \(run.output)")
        }
    }

    /// An admin command of another version beside a running server: it reads and makes small
    /// writes when the schema is the same, and never migrates the database under the server.
    @Test func anAdminCommandNeverMigratesADatabaseTheServerUses() throws {
        let repository = try Repositoryd().start()
        #expect(try Self.run("repositoryd", ["enrolment-code", "--data-dir", repository.dataDirectory]).status == 0)
        // What a database of an older version looks like to this one: its newest migration is missing.
        try Self.sql(repository.dataDirectory + "/repository.sqlite", "DELETE FROM grdb_migrations WHERE rowid = (SELECT MAX(rowid) FROM grdb_migrations)")
        let stats = try Self.run("repositoryd", ["stats", "--data-dir", repository.dataDirectory])
        #expect(stats.status == 75, "\(stats.output)")
        #expect(stats.output.contains("same version") && stats.output.contains("Stop it first"), "\(stats.output)")
        let health = try Repositoryd.run("/usr/bin/curl", ["-s", repository.url + "/health"])
        #expect(health.contains("\"status\":\"ok\""), "the server runs on: \(health)")
    }

    @Test func walletdStopsOnADamagedDatabaseAndCheckSaysWhy() throws {
        let pc = try Walletd().start()
        let ana = try pc.learnerSession()
        _ = try pc.record(200, token: ana.token)
        #expect(try Self.run("walletd", ["check", "--data-dir", pc.dataDirectory]).status == 0, "check beside a running walletd")
        pc.stop()
        try Self.damage(pc.dataDirectory + "/wallet.sqlite", table: "statement")
        let serve = try Self.run("walletd", ["--data-dir", pc.dataDirectory, "--socket", pc.socket, "--http", "off"])
        #expect(serve.status == 74, "\(serve.output)")
        #expect(serve.output.contains("damaged") && serve.output.contains("learner fetch") && serve.output.contains("walletd backup"), "\(serve.output)")
        let check = try Self.run("walletd", ["check", "--data-dir", pc.dataDirectory])
        #expect(check.status == 74, "\(check.output)")
        #expect(check.output.contains("problem"), "\(check.output)")
    }

    @Test func repositorydStopsOnADamagedDatabaseAndCheckSaysWhy() throws {
        let repository = try Repositoryd().start()
        let pc = try Walletd(arguments: ["--sync-interval", "86400"]).start()
        try pc.register(with: repository)
        let ana = try pc.learnerSession()
        _ = try pc.record(300, token: ana.token)
        #expect(try pc.syncNow()["ok"] == true)
        let ok = try Self.run("repositoryd", ["check", "--data-dir", repository.dataDirectory])
        #expect(ok.status == 0 && ok.output.hasPrefix("ok"), "check beside a running server: \(ok.output)")
        repository.stop()
        try Self.damage(repository.dataDirectory + "/repository.sqlite", table: "hub_statement")
        let serve = try Self.run("repositoryd", ["serve", "--data-dir", repository.dataDirectory, "--port", "0"])
        #expect(serve.status == 74, "\(serve.output)")
        #expect(serve.output.contains("repositoryd restore"), "\(serve.output)")
        let check = try Self.run("repositoryd", ["check", "--data-dir", repository.dataDirectory])
        #expect(check.status == 74, "\(check.output)")
    }

    static let canMakeImmutable = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr")

    /// A database file walletd cannot write (immutable here; a read-only mount or a file of another
    /// user behaves the same): walletd starts, serves reads, refuses changes with 503
    /// `storage_read_only`, and says so in its health and in `wallet-cli status`.
    @Test(.enabled(if: canMakeImmutable)) func walletdServesReadsFromADatabaseItCannotWrite() throws {
        let pc = try Walletd().start()
        let ana = try pc.learnerSession()
        let recorded = Set(try pc.record(5, token: ana.token))
        pc.stop()
        let file = pc.dataDirectory + "/wallet.sqlite"
        _ = try Repositoryd.run("/usr/bin/chattr", ["+i", file])
        // The folder is removed when `pc` goes: the file must be mutable again by then.
        defer { _ = try? Repositoryd.run("/usr/bin/chattr", ["-i", file]); withExtendedLifetime(pc) {} }
        try pc.start()
        let health = try pc.client.send(Endpoints.health)
        #expect(health.json?["storage"]?.stringValue == "read_only", "\(health.text)")
        #expect(health.json?["status"]?.stringValue == "degraded")
        let refused = try pc.client.send(Endpoints.createLearner, body: CreateLearnerRequest(name: "Bea", pin: "135700"))
        #expect(refused.status == 503 && refused.json?["error"]?["code"]?.stringValue == "storage_read_only", "\(refused.text)")
        #expect(try pc.statementIDs(token: ana.token) == recorded, "reads go on, with the session made before")
        let status = try Self.run("wallet-cli", ["status", "--socket", pc.socket])
        #expect(status.output.contains("storage:     read_only"), "\(status.output)")
        pc.stop()
    }

    /// Before, `repositoryd enrolment-code` on a database it could not write printed
    /// "Error: SQLite error 8: attempt to write a readonly database" and exited 1.
    @Test(.enabled(if: canMakeImmutable)) func anAdminCommandSaysWhenTheDatabaseCannotBeWritten() throws {
        let repository = try Repositoryd().start()
        repository.stop()
        let file = repository.dataDirectory + "/repository.sqlite"
        _ = try Repositoryd.run("/usr/bin/chattr", ["+i", file])
        // The folder is removed when `repository` goes: the file must be mutable again by then.
        defer { _ = try? Repositoryd.run("/usr/bin/chattr", ["-i", file]); withExtendedLifetime(repository) {} }
        let code = try Self.run("repositoryd", ["enrolment-code", "--data-dir", repository.dataDirectory])
        #expect(code.status == 73, "\(code.output)")
        #expect(code.output.contains("cannot be written") && !code.output.contains("Error: SQLite"), "\(code.output)")
        let stats = try Self.run("repositoryd", ["stats", "--data-dir", repository.dataDirectory])
        #expect(stats.status == 0, "reads work: \(stats.output)")
    }

    @Test func walletdBacksUpWhileRunningAndTheCopyStartsAgain() throws {
        let pc = try Walletd().start()
        let ana = try pc.learnerSession()
        let recorded = Set(try pc.record(50, token: ana.token))
        let destination = pc.folder + "/backup-1"
        let backup = try Self.run("walletd", ["backup", "--data-dir", pc.dataDirectory, destination])
        #expect(backup.status == 0, "\(backup.output)")
        #expect(backup.output.contains("To put it back"), "\(backup.output)")
        let attributes = try FileManager.default.attributesOfItem(atPath: destination + "/wallet.sqlite")
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: destination)[.posixPermissions] as? Int == 0o700)
        let again = try Self.run("walletd", ["backup", "--data-dir", pc.dataDirectory, destination])
        #expect(again.status != 0 && again.output.contains("already exists"), "\(again.output)")

        // Put back by hand, as the docs say: the copy holds what was acknowledged before it.
        pc.stop()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: pc.dataDirectory + "/wallet.sqlite" + suffix) }
        try FileManager.default.copyItem(atPath: destination + "/wallet.sqlite", toPath: pc.dataDirectory + "/wallet.sqlite")
        try pc.start()
        let session = try pc.client.call(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800"))
        #expect(try pc.statementIDs(token: session.token) == recorded)
    }
}
