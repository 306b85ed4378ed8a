import Foundation
import Testing
import Basics
import WalletAPI
import WalletClient

/// Issue 11 item 3: the audit log with the real daemons. What a learner's day does is in
/// `wallet-cli audit --json`, in order, chained; a database row changed behind walletd's back is
/// named by `wallet-cli audit`; `repositoryd audit` shows an enrolment and a fetch's wrong PIN.
/// (An export's entry is checked in the credential journey, where a credential exists to export.)
@Suite("Audit log (real walletd, wallet-cli and repositoryd)", .serialized)
struct AuditLogTests {
    /// Runs `statements` (SQL, `;`-separated) on a stopped daemon's database.
    static func tamper(_ database: String, _ statements: String) throws {
        _ = try Repositoryd.run("/usr/bin/python3", ["-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
                                                     database, statements])
    }

    static func audit(_ output: WalletCLIRunner.Output) throws -> JSONValue { try JSONValue(data: Data(output.stdout.utf8)) }

    @Test func loginsWrongPINsAndALockOutAreLoggedInOrderAndATamperedRowIsNamed() throws {
        let pc = try Walletd().start()
        let cli = WalletCLIRunner(pc: pc)
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        let bo = try pc.client.call(Endpoints.createLearner, body: CreateLearnerRequest(name: "Bo", pin: "135700"))
        #expect(try cli("login", ana.id, "--pin-stdin", stdin: "000000\n").status != 0, "one wrong PIN")
        for _ in 0..<5 { _ = try pc.client.send(Endpoints.login, body: CreateSessionRequest(learner: bo.id, pin: "999999")) }
        let locked = try pc.client.send(Endpoints.login, body: CreateSessionRequest(learner: bo.id, pin: "135700"))
        #expect(locked.status == 429, "five wrong PINs lock Bo")

        let shown = try cli("audit", "--json")
        #expect(shown.status == 0, "\(shown)")
        let log = try Self.audit(shown)
        #expect(log["verified"] == true)
        let entries = log["entries"]?.arrayValue ?? []
        #expect(entries.compactMap { $0["kind"]?.stringValue } == ["login", "pin_wrong"] + Array(repeating: "pin_wrong", count: 5) + ["lockout"],
                "\(shown.stdout)")
        #expect(entries.compactMap { $0["seq"]?.doubleValue } == (1...8).map(Double.init))
        let anaHash = entries.first?["learnerHash"]?.stringValue
        #expect(anaHash?.count == 64 && anaHash != ana.id, "the learner as the SHA-256 of the id")
        #expect(entries[1]["learnerHash"]?.stringValue == anaHash, "Ana's wrong PIN")
        #expect(entries.last?["detail"]?.stringValue?.contains("until_ms") == true)
        #expect(!shown.stdout.contains("000000") && !shown.stdout.contains("999999") && !shown.stdout.contains(ana.token), "no PIN or token")
        let text = try cli("audit")
        #expect(text.status == 0 && text.stdout.contains("lockout") && text.stdout.contains("Chain verified: 8 entries."), "\(text)")
        #expect(try WalletCLIRunner(pc: pc)("audit", "--admin-token-file", "/dev/null").status != 0, "the admin only")

        // Behind walletd's back: the trigger dropped and one entry's details changed.
        pc.stop()
        try Self.tamper(pc.dataDirectory + "/wallet.sqlite", """
            DROP TRIGGER audit_log_no_update;
            UPDATE audit_log SET detail = '{"failures":"0","purpose":"login"}' WHERE seq = 3;
            """)
        try pc.start()
        let broken = try cli("audit")
        #expect(broken.status == 65, "\(broken)")
        #expect(broken.stdout.contains("CHAIN BROKEN at entry 3"), "\(broken)")
        let brokenJSON = try Self.audit(try cli("audit", "--json"))
        #expect(brokenJSON["verified"] == false && brokenJSON["firstBroken"] == 3)
    }

    @Test func repositorydAuditShowsAnEnrolmentAndAFetchWithAWrongPIN() throws {
        let repository = try Repositoryd().start()
        let pc1 = try Walletd(arguments: SyncTests.manualSync).start()
        let pc2 = try Walletd(arguments: SyncTests.manualSync).start()
        try pc1.register(with: repository)
        try pc2.register(with: repository)
        let ana = try pc1.learnerSession(name: "Ana", pin: "246800")
        #expect(try pc1.syncNow()["ok"] == true)
        let wrong = try pc2.client.send(Endpoints.fetchLearner, body: FetchLearnerRequest(learner: ana.id, pin: "000000"))
        #expect(wrong.status == 401, "\(wrong.text)")
        #expect(try pc2.client.send(Endpoints.fetchLearner, body: FetchLearnerRequest(learner: ana.id, pin: "246800")).status == 201)
        let device2 = try #require(try pc2.client.call(Endpoints.device).device)

        let repositoryd = try Walletd.binary("repositoryd")
        let log = try JSONValue(data: Data(try Repositoryd.run(repositoryd, ["audit", "--json", "--data-dir", repository.dataDirectory]).utf8))
        #expect(log["verified"] == true)
        let entries = log["entries"]?.arrayValue ?? []
        let kinds = entries.compactMap { $0["kind"]?.stringValue }
        #expect(kinds == ["enrolment_code", "device_enrol", "enrolment_code", "device_enrol", "pin_wrong", "learner_fetch"], "\(kinds)")
        #expect(entries[4]["device"]?.stringValue == device2 && entries[5]["device"]?.stringValue == device2, "the asking device is named")
        #expect(entries[4]["learnerHash"]?.stringValue == entries[5]["learnerHash"]?.stringValue)
        let text = try Repositoryd.run(repositoryd, ["audit", "--verify", "--data-dir", repository.dataDirectory])
        #expect(text.contains("chain verified: 6 entries"), "\(text)")
        // The PCs' own logs have their enrolment.
        #expect(try WalletCLIRunner(pc: pc2)("audit", "--json").stdout.contains("device_enrol"))
    }

    /// Failed before (no anchor): entries cut off the end of a PC's log left a chain that still
    /// verifies, and nobody could tell. Now the repository holds the head each sync showed it, and
    /// the next sync after the cut is recorded as a break in the repository's own log.
    @Test func entriesCutOffAPCsLogAreCaughtByTheRepositorysAnchor() throws {
        let repository = try Repositoryd().start()
        let pc = try Walletd(arguments: SyncTests.manualSync).start()
        try pc.register(with: repository)
        let cli = WalletCLIRunner(pc: pc)
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        for _ in 0..<3 { _ = try pc.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "000000")) }
        #expect(try pc.syncNow()["ok"] == true)
        let before = try Self.audit(try cli("audit", "--json"))
        let head = Int(before["entries"]?.arrayValue?.count ?? 0)
        #expect(head >= 5, "enrolment, login, three wrong PINs")
        #expect(before["anchor"]?["seq"]?.doubleValue == Double(head) && before["anchor"]?["broken"] == false, "\(before["anchor"] ?? nil)")
        #expect(try cli("audit").stdout.contains("Anchored at the repository up to entry \(head)"))

        // Behind walletd's back: the three wrong PINs cut off the end. What is left still verifies.
        pc.stop()
        try Self.tamper(pc.dataDirectory + "/wallet.sqlite", """
            DROP TRIGGER audit_log_no_delete;
            DELETE FROM audit_log WHERE seq > \(head - 3);
            """)
        try pc.start()
        #expect(try Self.audit(try cli("audit", "--json"))["verified"] == true, "the cut cannot be seen on the PC alone")

        #expect(try pc.syncNow()["ok"] == true, "the learners' data still syncs")
        let caught = try cli("audit")
        #expect(caught.status == 65 && caught.stdout.contains("ANCHOR BROKEN"), "\(caught)")
        let repositoryd = try Walletd.binary("repositoryd")
        let log = try JSONValue(data: Data(try Repositoryd.run(repositoryd, ["audit", "--json", "--data-dir", repository.dataDirectory]).utf8))
        let breaks = (log["entries"]?.arrayValue ?? []).filter { $0["kind"]?.stringValue == "audit_anchor_broken" }
        let device = try #require(try pc.client.call(Endpoints.device).device)
        #expect(breaks.count == 1 && breaks.first?["device"]?.stringValue == device, "\(breaks)")
        #expect(breaks.first?["detail"]?.stringValue?.contains("\"anchored_seq\":\"\(head)\"") == true, "\(breaks)")

        // Anchored again at the new head: the next run finds the log whole.
        _ = try pc.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800"))
        #expect(try pc.syncNow()["ok"] == true)
        let whole = try cli("audit")
        #expect(whole.status == 0 && whole.stdout.contains("Anchored at the repository up to entry \(head - 2)"), "\(whole)")
    }
}
