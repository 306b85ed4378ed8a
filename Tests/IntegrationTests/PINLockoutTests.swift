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
