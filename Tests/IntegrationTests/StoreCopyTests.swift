import Foundation
import Testing
import TestSupport
import WalletAPI
import WalletClient

/// A centre's repository moved from its data folder to PostgreSQL with `repositoryd store copy`,
/// with the real binaries: the PCs keep syncing where they were (no new epoch, nothing sent
/// again), and a PC enrolled afterwards fetches the learner with their whole history.
@Suite("repositoryd store copy: SQLite to PostgreSQL", .serialized)
struct StoreCopyTests {
    static let manualSync = ["--sync-interval", "86400", "--sync-debounce-ms", "600000"]

    @Test func aCopiedRepositoryKeepsThePCsSyncing() throws {
        let database = try PostgresTestDatabase.make(label: "store-copy")
        defer { try? database.drop() }
        let repository = try Repositoryd().start()
        let pc = try Walletd(arguments: Self.manualSync).start()
        try pc.register(with: repository)
        let ana = try pc.learnerSession(name: "Ana Horvat", pin: "246800")
        var expected = Set(try pc.record(30, token: ana.token))
        #expect(try pc.syncNow()["ok"] == true)
        repository.stop()

        // The copy, while the server is stopped; then the same port on PostgreSQL.
        let repositoryd = try Walletd.binary("repositoryd")
        let report = try Repositoryd.run(repositoryd, ["store", "copy", "--from", repository.dataDirectory, "--to", database.url,
                                                       "--keys-dir", repository.keysDirectory])
        #expect(report.contains("Copied and verified"), "\(report)")
        #expect(report.contains("hub_statement") && report.contains("same on both sides"), "\(report)")
        // A second copy into the same (now used) database is refused, changing nothing.
        #expect(throws: (any Error).self) {
            try Repositoryd.run(repositoryd, ["store", "copy", "--from", repository.dataDirectory, "--to", database.url, "--keys-dir", repository.keysDirectory])
        }
        repository.database = database.url
        try repository.start()

        // The PC goes on from where it was: ten new statements are all it sends.
        expected.formUnion(try pc.record(10, token: ana.token))
        let run = try pc.syncNow()
        #expect(run["ok"] == true, "\(run)")
        #expect(run["pushedStatements"]?.doubleValue == 10, "\(run)")
        #expect(try repository.stat("statementsStored") == 40)
        #expect(!repository.log.contains("started a new epoch"), "the copy kept the hub's epoch and marks")

        // A PC enrolled on the PostgreSQL repository fetches Ana with her PIN and gets everything.
        let other = try Walletd(arguments: Self.manualSync).start()
        try other.register(with: repository)
        let fetched = try other.client.send(Endpoints.fetchLearner, body: FetchLearnerRequest(learner: ana.id, pin: "246800"))
        #expect(fetched.status == 201, "\(fetched.text)")
        #expect(try other.syncNow()["ok"] == true)
        let token = try other.client.call(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800")).token
        #expect(try other.statementIDs(token: token) == expected)
    }
}
