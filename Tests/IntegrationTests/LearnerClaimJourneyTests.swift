import Foundation
import Testing
import Basics
import Credentials
import CurlClient
import SecurityPrimitives
import SyncEngine
import WalletAPI
import WalletClient

/// Learner claims with the real binaries: an id cannot be squatted by a device that pushes it
/// first, and `wallet-cli pin change` reaches the repository, the learner's other PCs and a PC
/// that fetches them later.
@Suite("Learner claims and PIN change (real walletd, repositoryd, wallet-cli)")
struct LearnerClaimJourneyTests {
    static let manualSync = ["--sync-interval", "86400", "--sync-debounce-ms", "600000"]

    /// A device enrolled with its own code over plain HTTP, speaking the sync protocol directly.
    struct HostileDevice {
        let repository: Repositoryd
        let replica = ReplicaID("hostile-" + UUID().uuidString.prefix(8).lowercased())
        let token: String

        init(repository: Repositoryd) throws {
            self.repository = repository
            let request = DeviceEnrolmentRequest(code: try repository.enrolmentCode(), replica: replica, name: "hostile")
            let answer = try CurlConnection().perform(HTTPRequest(method: .post, url: repository.url + "/sync/v1/devices",
                                                                  headers: ["Content-Type": "application/json"], body: Data(request.body())))
            guard answer.status == 201, let json = try? JSONValue(data: answer.body), let token = json["token"]?.stringValue
            else { throw HarnessError("hostile enrolment: \(answer.status)") }
            self.token = token
        }

        /// Pushes `learner` with one statement; the answer's status and error code.
        func push(_ learner: WireLearner) throws -> (status: Int, code: String?) {
            let id = UUID().uuidString.lowercased()
            // As a PC's store holds it: with `stored` and `authority`.
            guard case .object(var fields) = Sample.statement(id: id, activity: "https://vet.example.eu/squat") else { throw HarnessError("no statement") }
            fields["stored"] = "2026-11-22T09:00:00.000Z"
            fields["authority"] = ["objectType": "Agent", "mbox": "mailto:hostile@example.org"]
            let statement = WireStatement(id: id, json: JSONValue.object(fields).encodedString)
            let body = PushRequest(replica: replica, learner: learner, statements: [statement], records: []).body()
            let answer = try CurlConnection().perform(HTTPRequest(method: .post, url: repository.url + "/sync/v1/push",
                                                                  headers: ["Content-Type": "application/json", "Authorization": "Bearer " + token],
                                                                  body: Data(body)))
            return (answer.status, (try? JSONValue(data: answer.body))?["error"]?["code"]?.stringValue)
        }

        /// The learner as the hostile device would make it: its own PIN hash and holder key, and
        /// (unless `claim` is false) a claim signed by that key.
        static func squatting(_ id: String, claim: Bool) throws -> WireLearner {
            let key = SigningKey.generate()
            let holderKey = WireHolderKey(did: key.didKey.did, sealed: "c2VhbGVk", salt: "c2FsdA", cost: ScryptCost(logN: 10))
            var learner = WireLearner(id: id, name: "Mallory", pinSalt: "c2FsdA", pinHash: "bWFsbG9yeXM", pinCost: ScryptCost(logN: 10),
                                      createdMs: 1, holderKey: holderKey)
            if claim {
                learner.claim = try WireLearnerClaim(learner: learner, holderKey: holderKey, generation: 0, replica: nil, issuedMs: 1)
                    .signed { bytes in try key.signature(for: bytes) }
            }
            return learner
        }
    }

    @Test func aDevicePushingAnotherPCsLearnerIdFirstIsRefusedAndThatPCsPushThenSucceeds() throws {
        let repository = try Repositoryd().start()
        let pcA = try Walletd(arguments: Self.manualSync).start()
        try pcA.register(with: repository)
        // PC A creates Ana (offline for days: not synced yet); her id is listed to anyone there.
        let ana = try pcA.learnerSession(name: "Ana", pin: "246800")
        let hostile = try HostileDevice(repository: repository)
        for withClaim in [true, false] {
            let answer = try hostile.push(try HostileDevice.squatting(ana.id, claim: withClaim))
            #expect(answer.status == 403 && answer.code == "learner_claim_refused", "claim \(withClaim): \(answer)")
        }
        _ = try pcA.record(2, token: ana.token)
        let run = try pcA.syncNow()
        #expect(run["ok"]?.boolValue == true && run["pushedStatements"]?.doubleValue == 2, "\(run)")
        #expect((run["heldBack"]?.arrayValue ?? []).isEmpty, "\(run)")
        // The id is Ana's now: the hostile device does not hold her, and her PIN is hers.
        #expect(try hostile.push(try HostileDevice.squatting(ana.id, claim: true)).code == "learner_not_held")
        let pcB = try Walletd(arguments: Self.manualSync).start()
        try pcB.register(with: repository)
        let fetched = try WalletCLIRunner(pc: pcB)("learner", "fetch", ana.id, "--pin-stdin", stdin: "246800\n")
        #expect(fetched.status == 0, "\(fetched)")
    }

    @Test func aPINChangedOnOnePCReachesTheRepositoryTheLearnersOtherPCsAndANewFetch() throws {
        let repository = try Repositoryd().start()
        let pcA = try Walletd(arguments: Self.manualSync).start(), pcB = try Walletd(arguments: Self.manualSync).start()
        let pcC = try Walletd(arguments: Self.manualSync).start()
        for pc in [pcA, pcB, pcC] { try pc.register(with: repository) }
        let cliA = WalletCLIRunner(pc: pcA), cliB = WalletCLIRunner(pc: pcB), cliC = WalletCLIRunner(pc: pcC)
        #expect(try cliA("learner", "add", "--name", "Ana", "--pin-stdin", stdin: "246800\n").status == 0)
        let listed = try pcA.client.call(Endpoints.listLearners).learners
        let ana = try #require(listed.first)
        #expect(try cliA("login", ana.id, "--pin-stdin", stdin: "246800\n").status == 0)
        #expect(try cliA("sync").status == 0)
        #expect(try cliB("learner", "fetch", ana.id, "--pin-stdin", stdin: "246800\n").status == 0)
        _ = try pcB.syncNow()
        let sessionOnB = try pcB.client.call(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800"))

        // A wrong current PIN changes nothing (and counts as a wrong try); a short new one is refused.
        #expect(try cliA("pin", "change", "--pin-stdin", stdin: "000000\n97531086\n").status == 77)
        #expect(try cliA("pin", "change", "--pin-stdin", stdin: "246800\n1234\n").status == 65)
        let changed = try cliA("pin", "change", "--pin-stdin", stdin: "246800\n97531086\n")
        #expect(changed.status == 0 && changed.stdout.contains("Changed the PIN of Ana"), "\(changed)")
        #expect(try pcA.client.call(Endpoints.listLearners).learners.first?.did == ana.did, "the holder key is sealed again, not replaced")
        #expect(try pcA.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800")).status == 401)
        #expect(try pcA.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "97531086")).status == 201)

        // Sync A, then B: B takes the new PIN up and ends Ana's session there.
        let runA = try pcA.syncNow()
        #expect(runA["ok"]?.boolValue == true && (runA["heldBack"]?.arrayValue ?? []).isEmpty, "\(runA)")
        _ = try pcB.syncNow()
        #expect(try pcB.client.send(Endpoints.progress, ana.id, token: sessionOnB.token).status == 401, "B's open session ended")
        let oldOnB = try pcB.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800"))
        #expect(oldOnB.status == 401 && oldOnB.errorBody?.error.code == .wrongPIN, "\(oldOnB.status) \(oldOnB.text)")
        let newOnB = try pcB.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "97531086"))
        #expect(newOnB.status == 201, "\(newOnB.status) \(newOnB.text)")
        #expect(try pcB.client.call(Endpoints.listLearners).learners.first?.did == ana.did)

        // A third PC fetches her: only the new PIN opens her there.
        #expect(try cliC("learner", "fetch", ana.id, "--pin-stdin", stdin: "246800\n").status != 0)
        let fetched = try cliC("learner", "fetch", ana.id, "--pin-stdin", stdin: "97531086\n")
        #expect(fetched.status == 0, "\(fetched)")
        #expect(try pcC.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "97531086")).status == 201)
    }
}
