import Foundation
import Testing
import WalletAPI
import Basics

/// A forgotten PIN with the real binaries: the centre admin makes a one-time code after an
/// assessor checked the learner (`repositoryd learner reset-pin`); at one of her PCs the learner
/// sets a new PIN with it (`wallet-cli pin reset`), which gives her a new holder key. Her other
/// PC takes it up at its next sync, a third PC fetches her with the new PIN, made-up and used
/// codes change nothing, and her credentials are issued again to the new DID and verify.
@Suite("PIN reset (real walletd, repositoryd, wallet-cli)", .serialized)
struct PINResetJourneyTests {
    func repositoryd(_ repository: Repositoryd, _ arguments: String...) throws -> String {
        try Repositoryd.run(try Walletd.binary("repositoryd"), arguments + ["--data-dir", repository.dataDirectory])
    }

    func learner(_ pc: Walletd, _ id: String) throws -> LearnerSummary? {
        try pc.client.call(Endpoints.listLearners).learners.first { $0.id == id }
    }

    func credentialIDs(_ cli: WalletCLIRunner) throws -> [String] {
        let listed = try JSONValue(data: Data(try cli("credentials", "--json").stdout.utf8))
        return (listed["credentials"]?.arrayValue ?? listed.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
    }

    @Test func aForgottenPINIsResetWithTheAdminsCodeAndEveryPCAndTheCredentialsFollowTheNewKey() throws {
        let repository = try Repositoryd().start(arguments: ["--catalog", try CredentialJourneyTests().catalogFixture()])
        let pcA = try Walletd(arguments: CredentialJourneyTests.manualSync).start(), pcB = try Walletd(arguments: CredentialJourneyTests.manualSync).start()
        let pcC = try Walletd(arguments: CredentialJourneyTests.manualSync).start()
        for pc in [pcA, pcB, pcC] { try pc.register(with: repository) }
        let cliA = WalletCLIRunner(pc: pcA), cliB = WalletCLIRunner(pc: pcB), cliC = WalletCLIRunner(pc: pcC)

        // Ana earns a credential on PC A and is fetched onto PC B, where it arrives too.
        let oldCredential = try KeyRotationTests().earnCredential(cliA, name: "Ana Horvat", pin: "246800")
        let ana = try #require(try KeyRotationTests().learnerID(cliA, "Ana Horvat"))
        let oldDID = try #require(try learner(pcA, ana)?.did)
        #expect(try cliB("learner", "fetch", ana, "--pin-stdin", stdin: "246800\n").status == 0)
        _ = try pcB.syncNow()
        #expect(try cliB("login", ana, "--pin-stdin", stdin: "246800\n").status == 0)
        #expect(try credentialIDs(cliB) == [oldCredential])
        let sessionOnA = try pcA.client.call(Endpoints.login, body: CreateSessionRequest(learner: ana, pin: "246800"))

        // She forgets her PIN. A made-up code changes nothing.
        let madeUp = try cliB("pin", "reset", ana, "--code", "AAAA-BBBB-CCCC-DDDD", "--pin-stdin", stdin: "97531086\n")
        #expect(madeUp.status == 77 && madeUp.stderr.contains("reset-pin"), "\(madeUp)")
        #expect(try learner(pcB, ana)?.did == oldDID)
        #expect(try pcB.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana, pin: "246800")).status == 201)

        // The admin makes a code (an assessor checked her identity); she resets on PC B.
        let made = try JSONValue(data: Data(try repositoryd(repository, "learner", "reset-pin", ana, "--assessor", "Eva Berger", "--json").utf8))
        let code = try #require(made["code"]?.stringValue, "\(made)")
        let reset = try cliB("pin", "reset", ana, "--code", code, "--pin-stdin", stdin: "97531086\n")
        #expect(reset.status == 0 && reset.stdout.contains("Reset the PIN of Ana Horvat"), "\(reset)")
        let newDID = try #require(try learner(pcB, ana)?.did)
        #expect(newDID != oldDID && newDID.hasPrefix("did:key:z6Mk"))
        let oldOnB = try pcB.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana, pin: "246800"))
        #expect(oldOnB.status == 401 && oldOnB.errorBody?.error.code == .wrongPIN, "\(oldOnB.status) \(oldOnB.text)")
        #expect(try pcB.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana, pin: "97531086")).status == 201)
        // The code works once.
        let again = try cliB("pin", "reset", ana, "--code", code, "--pin-stdin", stdin: "11223344\n")
        #expect(again.status == 77, "\(again)")
        #expect(try pcB.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana, pin: "97531086")).status == 201)

        // PC A takes the reset up at its next sync: her session there ends, only the new PIN opens her.
        let runA = try pcA.syncNow()
        #expect(runA["ok"]?.boolValue == true && (runA["heldBack"]?.arrayValue ?? []).isEmpty, "\(runA)")
        #expect(try pcA.client.send(Endpoints.progress, ana, token: sessionOnA.token).status == 401, "A's open session ended")
        #expect(try pcA.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana, pin: "246800")).status == 401)
        #expect(try pcA.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana, pin: "97531086")).status == 201)
        #expect(try learner(pcA, ana)?.did == newDID)
        let audit = try cliA("audit", "--json").stdout
        #expect(audit.contains("pin_reset"), "\(audit)")

        // A third PC fetches her with the new PIN only.
        #expect(try cliC("learner", "fetch", ana, "--pin-stdin", stdin: "246800\n").status != 0)
        #expect(try cliC("learner", "fetch", ana, "--pin-stdin", stdin: "97531086\n").status == 0)
        #expect(try pcC.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana, pin: "97531086")).status == 201)
        #expect(try learner(pcC, ana)?.did == newDID)

        // Her credentials are issued again to the new DID; the next sync brings them, and an export verifies.
        _ = try pcB.syncNow()
        #expect(try cliB("login", ana, "--pin-stdin", stdin: "97531086\n").status == 0)
        let held = try credentialIDs(cliB)
        let newCredential = try #require(held.first { $0 != oldCredential }, "\(held)")
        #expect(held.count == 2)
        let export = pcB.folder + "/ana-after-reset.json"
        let exported = try cliB("export", "--credential", newCredential, "--challenge", "job-7", "--format", "json", "--out", export)
        #expect(exported.status == 0, "\(exported)")
        let verified = try cliB("verify", export, "--challenge", "job-7")
        #expect(verified.status == 0 && verified.stdout.contains("verdict: Valid"), "\(verified)")
        let listed = try repositoryd(repository, "credential", "list")
        #expect(listed.contains(oldCredential) && listed.contains(newCredential), "the old credential stays for the admin to revoke: \(listed)")
    }
}
