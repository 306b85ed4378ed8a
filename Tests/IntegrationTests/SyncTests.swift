import Foundation
import Testing
import WalletAPI
import WalletClient

#if canImport(Glibc)
import Glibc
import Basics
#endif

/// Two centre PCs and the repository, all real processes: offline work on both PCs while the
/// repository is down, then sync; the union everywhere, conflicts as siblings, and resolution.
@Suite("Sync between two PCs and the repository", .serialized,
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct SyncTests {
    /// Background syncs off, so each test decides when a sync happens.
    static let manualSync = ["--sync-interval", "86400", "--sync-debounce-ms", "600000"]

    @Test func offlineWorkOnTwoPCsMergesToTheUnionWithSiblings() throws {
        let repository = try Repositoryd(tls: true).start()
        // The two PCs' clocks are hours apart; nothing may depend on them.
        let pc1 = try Walletd(arguments: Self.manualSync + ["--clock-offset-seconds=-18000"]).start()
        let pc2 = try Walletd(arguments: Self.manualSync + ["--clock-offset-seconds", "7200"]).start()
        try pc1.register(with: repository)
        try pc2.register(with: repository)

        // Ana starts on PC 1; her first statements and email reach the repository.
        let ana = try pc1.learnerSession(name: "Ana Horvat", pin: "246800")
        var expected = Set(try pc1.record(3, token: ana.token))
        try writeRecord(pc1, ana, key: "profile/email", value: "ana@home.example")
        #expect(try pc1.syncNow()["ok"] == true)

        // She is fetched onto PC 2 with her PIN; her history follows.
        let fetched = try pc2.client.send(Endpoints.fetchLearner, body: FetchLearnerRequest(learner: ana.id, pin: "246800"))
        #expect(fetched.status == 201, "\(fetched.text)")
        #expect(try pc2.client.send(Endpoints.fetchLearner, body: FetchLearnerRequest(learner: ana.id, pin: "999900")).status == 200,
                "already here: no second fetch needed")
        #expect(try pc2.syncNow()["ok"] == true)
        let ana2 = try login(pc2, ana.id, pin: "246800")
        #expect(try pc2.statementIDs(token: ana2) == expected)

        // The repository goes down; Ana studies on both PCs and edits her email on both.
        repository.stop()
        expected.formUnion(try pc1.record(4, token: ana.token))
        expected.formUnion(try pc2.record(5, token: ana2))
        try writeRecord(pc1, ana, key: "profile/email", value: "ana@work.example")
        try writeRecord(pc2, (ana.id, ana2), key: "profile/email", value: "ana.h@school.example")
        let failed = try pc1.syncNow()
        #expect(failed["ok"] == false)
        #expect(failed["error"]?.stringValue?.contains("unreachable") == true, "\(failed)")
        let status = try pc1.client.call(Endpoints.syncStatus)
        #expect(status.pendingStatements == 4)
        #expect(status.lastError?.contains("unreachable") == true)

        // It comes back; both PCs sync (PC 1 twice, to see PC 2's work).
        try repository.start()
        #expect(try pc1.syncNow()["ok"] == true)
        #expect(try pc2.syncNow()["ok"] == true)
        #expect(try pc1.syncNow()["ok"] == true)

        #expect(expected.count == 12)
        #expect(try pc1.statementIDs(token: ana.token) == expected)
        #expect(try pc2.statementIDs(token: ana2) == expected)
        #expect(try repository.stat("statementsStored") == 12)
        // Byte for byte the same statement on both PCs.
        for id in expected.prefix(3) {
            let one = try pc1.client.send(Endpoints.getStatements, query: ["statementId": id], token: ana.token).json
            let two = try pc2.client.send(Endpoints.getStatements, query: ["statementId": id], token: ana2).json
            #expect(one != nil && one == two)
        }

        // The concurrent email edits are two siblings on both PCs.
        let conflicts1 = try records(pc1, ana, conflicts: true)
        let conflicts2 = try records(pc2, (ana.id, ana2), conflicts: true)
        #expect(Set(conflicts1["profile/email"]?.values ?? []) == ["ana@work.example", "ana.h@school.example"])
        #expect(Set(conflicts2["profile/email"]?.values ?? []) == ["ana@work.example", "ana.h@school.example"])

        // Resolving on PC 2 settles it everywhere after the next syncs.
        let view = try #require(conflicts2["profile/email"])
        try writeRecord(pc2, (ana.id, ana2), key: "profile/email", value: "ana@work.example", context: view.context)
        #expect(try pc2.syncNow()["ok"] == true)
        #expect(try pc1.syncNow()["ok"] == true)
        #expect(try records(pc1, ana, conflicts: false)["profile/email"]?.values == ["ana@work.example"])
        #expect(try records(pc2, (ana.id, ana2), conflicts: false)["profile/email"]?.values == ["ana@work.example"])
        #expect(try records(pc1, ana, conflicts: true).isEmpty)

        // Nothing to do: one small request.
        let idle = try pc1.syncNow()
        #expect(idle["requests"] == 1)
        #expect(idle["pushedStatements"] == 0 && idle["pulledStatements"] == 0)
    }

    enum Victim { case repositoryd, walletd }

    @Test("a sync killed midway resumes from the last acknowledged batch", arguments: [Victim.repositoryd, .walletd])
    func killedMidSyncResumes(_ victim: Victim) throws {
        let repository = try Repositoryd().start(arguments: ["--debug-delay-ms", "150"])
        let pc = try Walletd(arguments: Self.manualSync + ["--sync-batch-size", "100"]).start()
        try pc.register(with: repository)
        let ana = try pc.learnerSession()
        let ids = Set(try pc.record(2_000, token: ana.token))

        #expect(try pc.client.send(Endpoints.startSync).status == 202)
        try waitUntil { (try? repository.stat("statementsStored")) ?? 0 >= 500 }
        switch victim {
        case .repositoryd:
            repository.stop(signal: SIGKILL)
            try repository.start()
        case .walletd:
            pc.stop(signal: SIGKILL)
            try pc.start()
        }
        let resumed = try pc.syncNow()
        #expect(resumed["ok"] == true, "\(resumed)")

        let stored = try repository.stat("statementsStored")
        let received = try repository.stat("statementsReceived")
        #expect(stored == ids.count)
        // At most the one batch in flight when the process died was sent again.
        #expect(received - stored <= 100, "received \(received), stored \(stored)")
        #expect((resumed["pushedStatements"]?.doubleValue ?? 0) <= Double(2_000 - 500 + 100))
        let token = try login(pc, ana.id, pin: "246800")
        #expect(try pc.statementIDs(token: token) == ids)
    }

    // MARK: - Helpers

    func login(_ pc: Walletd, _ learner: String, pin: String) throws -> String {
        try pc.client.call(Endpoints.login, body: CreateSessionRequest(learner: learner, pin: pin)).token
    }

    func writeRecord(_ pc: Walletd, _ learner: (id: String, token: String), key: String, value: String, context: String? = nil) throws {
        let request = WriteRecordRequest(key: key, value: .string(value), context: context)
        let answer = try pc.client.send(Endpoints.writeRecord, learner.id, body: request, token: learner.token)
        guard answer.status == 200 else { throw HarnessError("write record: \(answer.text)") }
    }

    func records(_ pc: Walletd, _ learner: (id: String, token: String), conflicts: Bool) throws -> [String: RecordView] {
        let response = try pc.client.call(Endpoints.records, learner.id, query: conflicts ? ["conflicts": "true"] : [:], token: learner.token)
        return Dictionary(uniqueKeysWithValues: response.records.map { ($0.key, $0) })
    }

    func waitUntil(seconds: Double = 60, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return }
            usleep(50_000)
        }
        throw HarnessError("condition not met within \(seconds) s")
    }
}

/// The background loop: a change reaches the repository without anyone asking.
@Suite("Background sync")
struct BackgroundSyncTests {
    @Test func aRecordedStatementReachesTheRepositoryOnItsOwn() throws {
        let repository = try Repositoryd().start()
        let pc = try Walletd(arguments: ["--sync-debounce-ms", "300", "--sync-interval", "86400"]).start()
        try pc.register(with: repository)
        let ana = try pc.learnerSession()
        _ = try pc.record(3, token: ana.token)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? repository.stat("statementsStored")) ?? 0 < 3 { usleep(100_000) }
        #expect(try repository.stat("statementsStored") == 3)
        let status = try pc.client.call(Endpoints.syncStatus)
        #expect(status.pendingStatements == 0)
        #expect(status.lastError == nil)
    }

    @Test func whileTheRepositoryIsDownWalletdBacksOffAndKeepsServing() throws {
        let repository = try Repositoryd().start()
        let pc = try Walletd(arguments: ["--sync-debounce-ms", "100", "--sync-interval", "1"]).start()
        try pc.register(with: repository)
        repository.stop()
        let ana = try pc.learnerSession()
        _ = try pc.record(2, token: ana.token)
        // After a few failed attempts the next one is further away than the 1 s interval.
        var next = 0.0
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            next = try pc.client.call(Endpoints.syncStatus).nextAttemptInSeconds ?? 0
            if next > 2 { break }
            usleep(200_000)
        }
        #expect(next > 2, "backed off beyond the interval")
        // The socket API answers all along.
        #expect(try pc.client.send(Endpoints.health).status == 200)
        try repository.start()
        #expect(try pc.syncNow()["ok"] == true)
        #expect(try repository.stat("statementsStored") == 2)
    }
}
