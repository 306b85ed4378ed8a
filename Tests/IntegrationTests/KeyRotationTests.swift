import CurlClient
import Foundation
import Testing
import WalletAPI
import Basics

/// Issue 11 item 5 with the real binaries: an awarding body's key rotates and credentials from
/// before still verify; the repository's trust-list key rotates and a PC that syncs follows it;
/// a PC replaces its device token and the old one is refused while the PC keeps syncing.
@Suite("Key rotation: issuer keys, the trust-list key, device tokens", .serialized)
struct KeyRotationTests {
    static let hygiene = "https://catalog.vet-centre.example/courses/food-hygiene-haccp"
    static let outcomes = ["personal-hygiene", "temperature-control", "allergens", "haccp-records"]
    static let gastro = "Gastro-Akademie Rheinland"

    func repositoryd(_ repository: Repositoryd, _ arguments: String...) throws -> String {
        try Repositoryd.run(try Walletd.binary("repositoryd"), arguments + ["--data-dir", repository.dataDirectory])
    }

    /// A learner made, logged in, passes the self-assessed course, syncs: the repository issues.
    /// Answers the credential's id as the PC lists it.
    func earnCredential(_ cli: WalletCLIRunner, name: String, pin: String) throws -> String {
        #expect(try cli("learner", "add", "--name", name, "--pin-stdin", stdin: pin + "\n").status == 0)
        let people = try JSONValue(data: Data(try cli("learner", "list", "--json").stdout.utf8))["learners"]?.arrayValue ?? []
        let id = try #require(people.first { $0["name"]?.stringValue == name }?["id"]?.stringValue)
        #expect(try cli("login", id, "--pin-stdin", stdin: pin + "\n").status == 0)
        for outcome in Self.outcomes {
            #expect(try cli("record", "--activity", "\(Self.hygiene)/outcomes/\(outcome)", "--verb", "passed", "--score", "0.9").status == 0)
        }
        #expect(try cli("sync").status == 0, "the evidence goes up, the repository issues")
        #expect(try cli("sync").status == 0, "the credential comes back")
        let listed = try JSONValue(data: Data(try cli("credentials", "--json").stdout.utf8))
        let credentials = listed["credentials"]?.arrayValue ?? listed.arrayValue ?? []
        return try #require(credentials.first?["id"]?.stringValue, "\(listed)")
    }

    /// The export's one credential's issuer DID.
    func issuer(ofExport path: String) throws -> String {
        let export = try JSONValue(data: Data(contentsOf: URL(fileURLWithPath: path)))
        let vp = export["presentation"] ?? export
        let credential = vp["verifiableCredential"]?.arrayValue?.first ?? vp["verifiableCredential"]
        return try #require(credential?["issuer"]?["id"]?.stringValue ?? credential?["issuer"]?.stringValue)
    }

    @Test func rotatedKeysLeaveOldCredentialsValidAndThePCFollowsTheNewTrustAnchor() throws {
        let repository = try Repositoryd().start(arguments: ["--catalog", try CredentialJourneyTests().catalogFixture()])
        let pc = try Walletd(arguments: CredentialJourneyTests.manualSync).start()
        let cli = WalletCLIRunner(pc: pc)
        try pc.register(with: repository)
        let firstAnchor = try repositoryd(repository, "trust-anchor").trimmingCharacters(in: .whitespacesAndNewlines)

        // Ana's credential, signed with the body's first key.
        let anaCredential = try earnCredential(cli, name: "Ana Horvat", pin: "246800")
        let anaExport = pc.folder + "/ana.json"
        #expect(try cli("export", "--credential", anaCredential, "--challenge", "job-1", "--format", "json", "--out", anaExport).status == 0)
        let oldIssuer = try issuer(ofExport: anaExport)

        // The awarding body's key rotates while the server runs.
        let newIssuer = try firstLine(try repositoryd(repository, "key", "rotate", "--body", Self.gastro))
        #expect(newIssuer.hasPrefix("did:key:z6Mk") && newIssuer != oldIssuer)
        let keyList = try repositoryd(repository, "key", "list")
        #expect(keyList.contains(oldIssuer) && keyList.contains(newIssuer) && keyList.contains("current"), "\(keyList)")

        // Bo's credential is signed with the new key.
        let boCredential = try earnCredential(cli, name: "Bo Berger", pin: "135700")
        let boExport = pc.folder + "/bo.json"
        #expect(try cli("export", "--credential", boCredential, "--challenge", "job-2", "--format", "json", "--out", boExport).status == 0)
        #expect(try issuer(ofExport: boExport) == newIssuer)

        // Ana's credential from before still verifies, also in a file exported after the rotation
        // (its status list is now signed by the body's new key).
        #expect(try cli("login", try #require(try self.learnerID(cli, "Ana Horvat")), "--pin-stdin", stdin: "246800\n").status == 0)
        let anaAfter = pc.folder + "/ana-after.json"
        #expect(try cli("export", "--credential", anaCredential, "--challenge", "job-3", "--format", "json", "--out", anaAfter).status == 0)
        for (file, challenge) in [(anaExport, "job-1"), (anaAfter, "job-3"), (boExport, "job-2")] {
            let verified = try cli("verify", file, "--challenge", challenge, "--trust-anchor", firstAnchor)
            #expect(verified.status == 0 && verified.stdout.contains("verdict: Valid"), "\(file): \(verified)")
        }

        // The trust-list key rotates; the PC follows at its next sync and pins the new key.
        let newAnchor = try firstLine(try repositoryd(repository, "trust-anchor", "rotate"))
        #expect(newAnchor.hasPrefix("did:key:z6Mk") && newAnchor != firstAnchor)
        #expect(try repositoryd(repository, "trust-anchor").trimmingCharacters(in: .whitespacesAndNewlines) == newAnchor)
        #expect(try pc.client.call(Endpoints.trust).anchor == firstAnchor)
        #expect(try pc.syncNow()["ok"] == true)
        #expect(try pc.client.call(Endpoints.trust).anchor == newAnchor, "the PC followed the signed hand-over")
        let audit = try cli("audit", "--json").stdout
        #expect(audit.contains("key_rotate") && audit.contains(newAnchor), "\(audit)")

        // An export made now carries the list signed by the new key: an employer who still has
        // the old DID is led to it through the hand-over; one with the new DID checks it directly.
        let anaLatest = pc.folder + "/ana-latest.json"
        #expect(try cli("export", "--credential", anaCredential, "--challenge", "job-4", "--format", "json", "--out", anaLatest).status == 0)
        for anchor in [firstAnchor, newAnchor] {
            let verified = try cli("verify", anaLatest, "--challenge", "job-4", "--trust-anchor", anchor)
            #expect(verified.status == 0 && verified.stdout.contains("verdict: Valid"), "anchor \(anchor): \(verified)")
        }
        // The independent verifier (Python, written apart from ours) reads the rotation the same way.
        let journey = CredentialJourneyTests()
        let independent = try journey.python([CredentialJourneyTests.packageRoot + "/Tests/tools/independent_verify.py", anaLatest,
                                              "--challenge", "job-4", "--trust-anchor", firstAnchor])
        #expect(independent.status == 0, "independent verifier: \(independent.output)")
        let stranger = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
        let refused = try cli("verify", anaLatest, "--challenge", "job-4", "--trust-anchor", stranger)
        #expect(refused.status == 1 && refused.stdout.contains("not by the trust anchor"), "\(refused)")

        // The repository's own page checks against its current list and live status: the
        // file from before both rotations is valid there too.
        let journey2 = CredentialJourneyTests()
        let page = try journey2.web(repository, .post, "/verify", form: "challenge=job-1&document="
            + journey2.formEncoded(try String(contentsOfFile: anaExport, encoding: .utf8)))
        #expect(page.status == 200 && page.text.contains("verdict valid"), "\(page.text.prefix(2_000))")

        let repositoryAudit = try repositoryd(repository, "audit", "--json")
        #expect(repositoryAudit.contains("key_rotate") && repositoryAudit.contains(newIssuer) && repositoryAudit.contains(newAnchor))
        repository.stop()
        pc.stop()
    }

    /// The DID a rotation prints on stdout (`Repositoryd.run` merges it with the words on stderr).
    func firstLine(_ text: String) throws -> String {
        try #require(text.split(separator: "\n").first { $0.hasPrefix("did:key:") }.map(String.init), "\(text)")
    }

    func learnerID(_ cli: WalletCLIRunner, _ name: String) throws -> String? {
        let people = try JSONValue(data: Data(try cli("learner", "list", "--json").stdout.utf8))["learners"]?.arrayValue ?? []
        return people.first { $0["name"]?.stringValue == name }?["id"]?.stringValue
    }

    /// The device token walletd keeps (read with Python's sqlite3, not our code).
    func deviceToken(_ pc: Walletd) throws -> String {
        try Repositoryd.run("/usr/bin/python3", ["-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT token FROM sync_identity').fetchone()[0])",
                                                 pc.dataDirectory + "/wallet.sqlite"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func catalogStatus(_ repository: Repositoryd, token: String) throws -> Int {
        let connection = CurlConnection(caFile: repository.tls ? repository.certificate : nil)
        return try connection.perform(HTTPRequest(method: .get, url: repository.url + "/sync/v1/catalog", headers: ["Authorization": "Bearer " + token])).status
    }

    @Test func aRotatedDeviceTokenIsRefusedAndThePCKeepsSyncing() throws {
        let repository = try Repositoryd().start(arguments: ["--catalog", try CredentialJourneyTests().catalogFixture()])
        let pc = try Walletd(arguments: SyncTests.manualSync).start()
        let cli = WalletCLIRunner(pc: pc)
        try pc.register(with: repository)
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        var expected = Set(try pc.record(2, token: ana.token))
        #expect(try pc.syncNow()["ok"] == true)
        let old = try deviceToken(pc)
        #expect(try catalogStatus(repository, token: old) == 200)

        let rotated = try cli("device", "rotate-token")
        #expect(rotated.status == 0 && rotated.stdout.contains("old one is refused"), "\(rotated)")
        let new = try deviceToken(pc)
        #expect(new != old)
        #expect(try catalogStatus(repository, token: old) == 401, "the old token is refused at once")
        #expect(try catalogStatus(repository, token: new) == 200)

        // The PC keeps syncing with the new token.
        expected.formUnion(try pc.record(2, token: ana.token))
        let run = try pc.syncNow()
        #expect(run["ok"] == true, "\(run)")
        #expect(try pc.statementIDs(token: ana.token) == expected)
        let shown = try cli("device")
        #expect(shown.stdout.contains("Device token set"), "\(shown)")
        let list = try repositoryd(repository, "device", "list")
        #expect(list.contains("token since"), "\(list)")
        #expect(try repositoryd(repository, "audit", "--json").contains("device_token_rotate"))
        #expect(try cli("audit", "--json").stdout.contains("device_token_rotate"))
        repository.stop()
        pc.stop()
    }

    /// The rotation reached the repository but its answer never came back (walletd went down
    /// first): walletd kept the token it proposed, its next sync sends the same request, the
    /// repository answers it as done, and the PC syncs on with the new token.
    @Test func aRotationWhoseAnswerWasLostIsFinishedByTheNextSync() throws {
        let repository = try Repositoryd().start(arguments: ["--catalog", try CredentialJourneyTests().catalogFixture()])
        var pc = try Walletd(arguments: SyncTests.manualSync).start()
        try pc.register(with: repository)
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        var expected = Set(try pc.record(1, token: ana.token))
        #expect(try pc.syncNow()["ok"] == true)
        let old = try deviceToken(pc)
        pc.stop()

        // What walletd had written before sending, and what the repository did with the request.
        let proposed = "rukwxO9l0B4AEu6kP8oi3NPMbFNkf8QQHNzq774OPPw"
        _ = try Repositoryd.run("/usr/bin/python3", ["-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('UPDATE sync_identity SET next_token = ?', (sys.argv[2],)); c.commit()",
                                                     pc.dataDirectory + "/wallet.sqlite", proposed])
        let connection = CurlConnection(caFile: nil)
        let sent = try connection.perform(HTTPRequest(method: .post, url: repository.url + "/sync/v1/devices/token",
                                                      headers: ["Authorization": "Bearer " + old, "Content-Type": "application/json"],
                                                      body: Data(#"{"format":1,"token":"\#(proposed)"}"#.utf8)))
        #expect(sent.status == 200, "\(String(decoding: sent.body, as: UTF8.self))")
        #expect(try catalogStatus(repository, token: old) == 401)

        pc = try pc.start()
        let session = try pc.client.call(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800")).token
        expected.formUnion(try pc.record(1, token: session))
        let run = try pc.syncNow()
        #expect(run["ok"] == true, "\(run)")
        #expect(try deviceToken(pc) == proposed)
        #expect(pc.log.contains("device token rotated"))
        #expect(try pc.statementIDs(token: session) == expected, "both statements reached the repository")
        repository.stop()
        pc.stop()
    }
}
