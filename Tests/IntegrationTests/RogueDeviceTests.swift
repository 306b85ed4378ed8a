import Foundation
import Testing
import Basics
import CurlClient
import WalletAPI
import WalletClient

/// A rogue device against the real repositoryd: it holds an enrolment code (one is enough to make
/// a device) and speaks plain HTTP to the sync routes, as an attacker would, not through walletd.
@Suite("A rogue device at the repository (real binaries)")
struct RogueDeviceTests {
    /// Failed before (issue 11, item 2): a new device copied the learner links of every device with
    /// the same replica, and the replica was whatever the request said, so one enrolment code and
    /// a replica id read from a victim PC's socket pulled the victim learner's history.
    @Test func enrollingUnderAVictimPCsReplicaReadsNoneOfItsLearners() throws {
        let repository = try Repositoryd().start()
        let victim = try Walletd().start()
        try victim.register(with: repository)
        let (ana, token) = try victim.learnerSession(name: "Ana", pin: "246800")
        let secret = Sample.statement(activity: "https://vet.example.eu/c/1/lo/private", email: "ana.private@example.org")
        #expect(try victim.client.send(Endpoints.postStatements, body: secret, token: token).status == 200)
        _ = try victim.syncNow()
        #expect(try repository.stat("statementsStored") == 1)

        // What anyone at the victim PC can read: its replica id and its learners' ids.
        let replica = try victim.client.call(Endpoints.device).replica
        let rogue = RogueDevice(repository: repository)

        let same = try rogue.enrol(code: try repository.enrolmentCode(), replica: replica)
        #expect(same.status == 409, "\(same.status) \(same.text)")
        #expect(same.code == "replica_in_use", "\(same.text)")
        let guessedToken = try rogue.enrol(code: try repository.enrolmentCode(), replica: replica, previousToken: String(repeating: "A", count: 43))
        #expect(guessedToken.status == 409, "a made-up old token proves nothing: \(guessedToken.text)")

        // Its own replica gives it a device, and that device holds no learner of the victim's;
        // nor does any device the refused tries might have made.
        let own = try rogue.enrol(code: try repository.enrolmentCode(), replica: "rogue-pc")
        #expect(own.status == 200 || own.status == 201, "\(own.text)")
        let deviceToken = try #require(own.json?["token"]?.stringValue)
        let devices = [(deviceToken, "rogue-pc")] + [same, guessedToken].compactMap { answer in
            answer.json?["token"]?.stringValue.map { ($0, replica) }
        }
        for (token, asReplica) in devices {
            for cursor: JSONValue in [["learner": .string(ana), "since": 0], ["learner": .string(ana), "since": 0, "own": true]] {
                let pull = try rogue.post("/sync/v1/pull", token: token,
                                          ["format": 1, "replica": .string(asReplica), "limit": 100, "partitions": [cursor]])
                #expect(!pull.text.contains("ana.private@example.org"), "the victim's statement reached a rogue device (\(asReplica))")
                let statements = pull.json?["partitions"]?.arrayValue?.flatMap { $0["statements"]?.arrayValue ?? [] } ?? []
                #expect(statements.isEmpty, "\(pull.status) \(pull.text.prefix(300))")
            }
        }
        // Nor can it push itself into the learner's partition by naming them.
        let push = try rogue.post("/sync/v1/push", token: deviceToken,
                                  ["format": 1, "batch": "rogue-1", "replica": "rogue-pc", "learner": ["id": .string(ana), "name": "Ana", "createdMs": 0,
                                                                                  "pin": ["salt": "AAAA", "hash": "AAAA", "logN": 10, "r": 8, "p": 1]],
                                   "statements": [], "records": []])
        #expect(push.status == 403 && push.code == "learner_not_held", "\(push.status) \(push.text.prefix(300))")
        #expect(try repository.stat("statementsStored") == 1)
    }

    /// The repository's side of the PIN lock-out (issue 11, item 1), through its HTTP edge: 200
    /// wrong PINs at once from four rogue devices (50 each, inside each device's fetch budget, so
    /// every one reaches the PIN check) check at most five; the right PIN then meets the lock,
    /// and the lock survives a restart. A lock of at most 30 s shows no more than five were
    /// checked: each failure past the fifth doubles it.
    @Test func aBurstOfWrongPINsAtTheRepositoryChecksAtMostFive() throws {
        let repository = try Repositoryd().start()
        let home = try Walletd().start()
        try home.register(with: repository)
        let (ana, _) = try home.learnerSession(name: "Ana", pin: "246800")
        _ = try home.syncNow()

        let rogue = RogueDevice(repository: repository)
        var tokens: [String] = []
        for n in 0..<5 {
            let answer = try rogue.enrol(code: try repository.enrolmentCode(), replica: "rogue-\(n)")
            tokens.append(try #require(answer.json?["token"]?.stringValue, "\(answer.text)"))
        }
        let answers = Answers()
        let done = DispatchGroup()
        for n in 0..<200 {
            done.enter()
            let token = tokens[n % 4]
            let thread = Thread {
                defer { done.leave() }
                let answer = try? rogue.post("/sync/v1/learners/fetch", token: token, ["format": 1, "learner": .string(ana), "pin": "000000"])
                answers.add(answer?.code ?? "no answer")
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        #expect(done.wait(timeout: .now() + 180) == .success, "every try answered")
        let counts = answers.counts()
        #expect(counts["wrong_pin"] == 4, "four wrong PINs answered as wrong, the fifth locks: \(counts)")
        #expect(counts["learner_locked"] == 196, "the rest meet the lock: \(counts)")

        func rightPINMeetsALockOfAtMost30Seconds(_ when: String) throws {
            let right = try rogue.post("/sync/v1/learners/fetch", token: tokens[4], ["format": 1, "learner": .string(ana), "pin": "246800"])
            #expect(right.status == 429 && right.code == "learner_locked", "\(when): \(right.status) \(right.text)")
            #expect(!right.text.contains("hash"), "\(when): no PIN hash in the answer")
            let retryAfter = Int(right.response.header("retry-after") ?? "") ?? .max
            #expect(retryAfter <= 30, "\(when): a lock of \(retryAfter) s means more than five PINs were checked")
        }
        try rightPINMeetsALockOfAtMost30Seconds("after the burst")
        repository.stop()
        try repository.start()
        try rightPINMeetsALockOfAtMost30Seconds("after a restart")
    }
}

/// Plain HTTP to the repository's sync routes, as a device that is not walletd would send it.
private struct RogueDevice: Sendable {
    let url: String

    init(repository: Repositoryd) { url = repository.url }

    struct Answer: Sendable {
        let response: HTTPResponse
        var status: Int { response.status }
        var text: String { String(decoding: response.body, as: UTF8.self) }
        var json: JSONValue? { try? JSONValue(data: response.body) }
        var code: String? { json?["error"]?["code"]?.stringValue }
    }

    func enrol(code: String, replica: String, previousToken: String? = nil) throws -> Answer {
        var body: [String: JSONValue] = ["format": 1, "code": .string(code), "replica": .string(replica), "name": "rogue"]
        if let previousToken { body["previousToken"] = .string(previousToken) }
        return try post("/sync/v1/devices", token: nil, .object(body))
    }

    func post(_ path: String, token: String?, _ body: JSONValue) throws -> Answer {
        var headers = ["Content-Type": "application/json"]
        if let token { headers["Authorization"] = "Bearer " + token }
        return Answer(response: try CurlConnection().perform(HTTPRequest(method: .post, url: url + path, headers: headers, body: Data(body.canonicalData()))))
    }
}

private final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [String] = []
    func add(_ code: String) { lock.withLock { all.append(code) } }
    func counts() -> [String: Int] { lock.withLock { Dictionary(all.map { ($0, 1) }, uniquingKeysWith: +) } }
}
