import Foundation
import Testing
import WalletAPI
import WalletClient
import Basics

/// An item the repository refuses on its own is quarantined on its PC while everything else
/// syncs; `wallet-cli sync status` shows it with what to do, and `sync --retry-quarantined` sends
/// it once the cause is gone (issue 10, item 2). Real repositoryd, walletd and wallet-cli: the
/// repository runs with a small body limit, so one large statement draws a 413.
@Suite("Quarantine with the real daemons and CLI", .serialized)
struct SyncQuarantineTests {
    @Test func aStatementTheRepositoryRefusesIsQuarantinedShownAndRetried() throws {
        let repository = try Repositoryd().start(arguments: ["--max-body-bytes", "65536"])
        let pc = try Walletd(arguments: SyncTests.manualSync).start()
        try pc.register(with: repository)
        let cli = WalletCLIRunner(pc: pc)
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        let ben = try pc.learnerSession(name: "Ben", pin: "135700")
        var good = Set(try pc.record(3, token: ana.token))
        guard case .object(var large) = Sample.statement() else { return }
        large["result"] = ["response": .string(String(repeating: "x", count: 100_000))]
        let posted = try pc.client.send(Endpoints.postStatements, body: JSONValue.object(large), token: ana.token)
        #expect(posted.status == 200, "walletd takes it: it is within the statement limits")
        let poison = try #require(posted.json?.arrayValue?.first?.stringValue)
        good.formUnion(try pc.record(3, token: ana.token))
        good.formUnion(try pc.record(4, token: ben.token))

        let run = try pc.syncNow()
        #expect(run["ok"] == true, "\(run)")
        #expect(run["quarantined"] == 1, "\(run)")
        #expect(try repository.stat("statementsStored") == good.count, "every other statement, before and after it, and Ben's")
        let status = try pc.client.call(Endpoints.syncStatus, token: ana.token)
        #expect(status.quarantinedTotal == 1)
        #expect(status.quarantined?.map(\.item) == [poison])
        #expect(status.quarantined?.first?.code == ErrorCode.bodyTooLarge.rawValue, "\(String(describing: status.quarantined))")
        #expect(status.pendingStatements == 0, "nothing else waits")
        #expect(try pc.client.call(Endpoints.syncStatus).quarantined == [], "anyone else sees the number only")

        let shown = try cli("sync", "status")
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("Quarantined:   1 item"), "\(shown.stdout)")
        #expect(shown.stdout.contains(poison) && shown.stdout.contains("--retry-quarantined"), "\(shown.stdout)")

        // A second sync sends nothing again.
        let idle = try pc.syncNow()
        #expect(idle["requests"] == 1 && idle["quarantined"] == 0, "\(idle)")

        // The repository takes larger bodies again: the retry sends it, and it is no longer held.
        repository.stop()
        try repository.start()
        let retried = try cli("sync", "--retry-quarantined")
        #expect(retried.status == 0 && retried.stdout.contains("Synced"), "\(retried)")
        #expect(try repository.stat("statementsStored") == good.count + 1)
        #expect(try pc.client.call(Endpoints.syncStatus).quarantinedTotal == 0)
    }
}
