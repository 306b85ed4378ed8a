import Foundation
import Testing
import WalletAPI
import WalletClient

/// The PIN lock-out against a burst, with the real walletd: the bound holds by construction, the
/// right PIN meets the lock, and the lock survives a restart.
@Suite("PIN lock-out against a burst (real walletd)")
struct PINLockoutTests {
    /// 200 wrong PINs at once, each on its own connection and thread. Every checked wrong PIN is
    /// counted and each failure past the fifth doubles the lock, so a lock of at most 30 s after the
    /// burst shows that no more than five PINs were checked.
    @Test func aBurstOfWrongPINsChecksAtMostFiveAndTheLockSurvivesARestart() throws {
        let pc = try Walletd().start()
        let client = pc.client
        let ana = try client.call(Endpoints.createLearner, body: CreateLearnerRequest(name: "Ana", pin: "246813"))

        let statuses = Statuses()
        let socket = pc.socket
        let done = DispatchGroup()
        for _ in 0..<200 {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                let answer = try? WalletdClient(socketPath: socket, timeout: .seconds(60)).send(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "000000"))
                statuses.add(answer?.status ?? -1)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        #expect(done.wait(timeout: .now() + 120) == .success, "every try answered")
        let counts = statuses.counts()
        #expect(counts[401] == 4, "four wrong PINs answered as wrong, the fifth locks: \(counts)")
        #expect(counts[429] == 196, "the rest meet the lock: \(counts)")

        func rightPINIsRefusedByALockOfAtMost30Seconds(_ when: String) throws {
            let right = try pc.client.send(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246813"))
            #expect(right.status == 429, "\(when): \(right.status) \(right.text)")
            #expect(right.errorBody?.error.code == .learnerLocked, "\(when)")
            let retryAfter = Int(right.header("retry-after") ?? "") ?? .max
            #expect(retryAfter <= 30, "\(when): a lock of \(retryAfter) s means more than five PINs were checked")
        }
        try rightPINIsRefusedByALockOfAtMost30Seconds("after the burst")
        pc.stop()
        try pc.start()
        try rightPINIsRefusedByALockOfAtMost30Seconds("after a restart")
    }
}

private final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [Int] = []
    func add(_ status: Int) { lock.withLock { all.append(status) } }
    func counts() -> [Int: Int] { lock.withLock { Dictionary(all.map { ($0, 1) }, uniquingKeysWith: +) } }
}

/// Limits per OS account at walletd (`AccountRateLimitMiddleware`), with the real daemon: the
/// per-learner lock-out leaves one account free to spread guesses over every learner of the PC,
/// and to fill the scrypt queue by creating learners.
@Suite("Limits per OS account (real walletd)")
struct AccountRateLimitTests {
    /// Failed before: 40 learners were created from one account without a pause, and 40 wrong
    /// PINs, one per learner (never locking any), were all checked.
    @Test func oneAccountIsSlowedDownAndAnotherIsNot() throws {
        // The socket's group lets the second account (nobody, in nogroup) call walletd.
        let pc = try Walletd(arguments: ["--socket-group", "nogroup"]).start()
        let client = pc.client
        var created: [String] = []
        var refused: WalletdResponse?
        for n in 0..<40 {
            let answer = try client.send(Endpoints.createLearner, body: CreateLearnerRequest(name: "Learner \(n)", pin: "246813"))
            if answer.status == 201, let id = answer.json?["id"]?.stringValue { created.append(id) } else { refused = answer; break }
        }
        #expect(created.count == 30, "a class of 30 at once is not slowed down")
        #expect(refused?.status == 429 && refused?.errorBody?.error.code == .rateLimited, "\(refused?.text ?? "none refused")")
        #expect(Int(refused?.header("retry-after") ?? "").map { (1...60).contains($0) } == true)

        // Right PINs do not count: every learner logs in.
        var sessions: [String] = []
        for id in created.prefix(5) {
            let login = try client.send(Endpoints.login, body: CreateSessionRequest(learner: id, pin: "246813"))
            #expect(login.status == 201)
            if let token = login.json?["token"]?.stringValue { sessions.append(token) }
        }
        // Wrong PINs do, over all learners: one each, so no learner locks.
        var statuses: [Int] = []
        for id in created {
            statuses.append(try client.send(Endpoints.login, body: CreateSessionRequest(learner: id, pin: "000000")).status)
        }
        let extra = try client.send(Endpoints.login, body: CreateSessionRequest(learner: created[0], pin: "000001"))
        #expect(statuses.allSatisfy { $0 == 401 }, "30 wrong PINs checked: \(statuses)")
        #expect(extra.status == 429 && extra.errorBody?.error.code == .rateLimited, "the 31st waits: \(extra.text)")
        // Nor through a PC left logged in: a PIN change checks the current PIN from the same budget.
        let change = try client.send(Endpoints.changePIN, created[0], body: ChangePINRequest(currentPin: "000002", newPin: "135791"), token: sessions.first ?? "")
        #expect(change.status == 429 && change.errorBody?.error.code == .rateLimited, "\(change.text)")

        // Another account at the same PC is not slowed down by the first.
        let other = try pc.asAccount(65_534, ["learner", "add", "--name", "Zoe", "--pin-stdin"], stdin: "975310\n")
        #expect(other.status == 0, "\(other)")
    }
}
