import Foundation
import Testing
import TestSupport
import Basics

/// A repositoryd on PostgreSQL whose database stops answering, with the real binaries: its
/// `GET /health` answers 503 (so a load balancer takes the instance out of rotation) while the PCs
/// keep working, and both recover by themselves when the database answers again.
@Suite("repositoryd on PostgreSQL: health follows the database", .serialized)
struct PostgresHealthTests {
    static let manualSync = ["--sync-interval", "86400", "--sync-debounce-ms", "600000"]

    @Test func healthIs503WhileTheDatabaseIsGoneAndTheSyncsResumeAfter() throws {
        let database = try PostgresTestDatabase.make(label: "health")
        defer {
            try? database.setReachable(true)
            try? database.drop()
        }
        let repository = try Repositoryd(database: database.url)
        try repository.start()
        let pc = try Walletd(arguments: Self.manualSync).start()
        try pc.register(with: repository)
        let ana = try pc.learnerSession(name: "Ana Horvat", pin: "246800")
        var expected = Set(try pc.record(5, token: ana.token))
        #expect(try pc.syncNow()["ok"] == true)
        let up = try Self.health(repository)
        #expect(up.status == 200 && up.body["storage"]?.stringValue == "ok", "\(up)")

        try database.setReachable(false)
        let down = try Self.health(repository)
        #expect(down.status == 503, "\(down)")
        #expect(down.body["status"]?.stringValue == "degraded" && down.body["storage"]?.stringValue == "unreachable", "\(down)")
        #expect(down.body["storageMessage"]?.stringValue?.isEmpty == false, "\(down)")
        #expect(down.seconds < 10, "a health check must not hang: \(down.seconds) s")
        // The PC goes on working meanwhile: what it records waits for the next sync. (A sync now
        // would fail as a whole after the repository's 30 s wait for a connection.)
        expected.formUnion(try pc.record(5, token: ana.token))

        try database.setReachable(true)
        let back = try Self.health(repository)
        #expect(back.status == 200 && back.body["storage"]?.stringValue == "ok", "\(back)")
        let run = try pc.syncNow()
        #expect(run["ok"] == true, "\(run)")
        #expect(try repository.stat("statementsStored") == expected.count)
        // The server itself kept running throughout.
        #expect(repository.process?.isRunning == true)
    }

    /// `GET /health`'s status and body, with a bound on the wait: a health check that hangs
    /// is as bad for a load balancer as one that lies.
    static func health(_ repository: Repositoryd) throws -> (status: Int, body: JSONValue, seconds: Double) {
        let started = Date()
        let output = try Repositoryd.run("/usr/bin/curl", ["-s", "--max-time", "15", "-w", "\n%{http_code}", repository.url + "/health"])
        let seconds = Date().timeIntervalSince(started)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, let status = Int(lines[lines.count - 1]) else { throw HarnessError("no status from /health: \(output)") }
        let body = try JSONValue(data: Data(lines.dropLast().joined(separator: "\n").utf8))
        return (status, body, seconds)
    }
}
