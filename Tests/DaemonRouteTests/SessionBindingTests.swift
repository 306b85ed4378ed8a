import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing
import SecurityPrimitives
import WalletCore
import DaemonKit
@testable import WalletDaemon

/// Sessions on a shared PC: bound to the OS account that logged in, ended by an absolute lifetime
/// however busy, capped per learner, and all of one account's ended by `lock`.
@Suite("Sessions: owner account, absolute lifetime, cap per learner")
struct SessionBindingTests {
    let folder: String
    let store: WalletStore
    let ana = "aaaaaaaa-0000-4000-8000-0000000000a1"

    init() async throws {
        folder = NSTemporaryDirectory() + "session-binding-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        store = try WalletStore(directory: folder, durability: .normal)
        let pin = try PINHash.make(pin: "246813", cost: ScryptCost(logN: 10), salt: Data(repeating: 1, count: 16))
        try await store.insertLearner(Learner(id: ana, name: "Ana", pin: pin, createdMs: 1))
    }

    static func request(token: String) -> Request {
        let head = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/v1/learners", headerFields: [.authorization: "Bearer \(token)"])
        return Request(head: head, body: RequestBody(buffer: ByteBuffer()))
    }

    func authenticator(_ policy: SessionPolicy, now: Int64) -> SessionAuthenticator {
        SessionAuthenticator(store: store, policy: policy, clock: WallClock { now })
    }

    /// Failed before: any account that read the token (a copied session file, a shared account's
    /// shell history) acted as the learner.
    @Test func aTokenFromAnotherAccountIsRefused() async throws {
        let policy = SessionPolicy(idleMs: 60_000, maxLifetimeMs: 3_600_000)
        let token = SessionToken.generate()
        _ = try await store.insertSession(tokenHash: token.storageHash, learnerID: ana, nowMs: 1_000, policy: policy, ownerUID: 1000)
        let auth = authenticator(policy, now: 2_000)
        #expect(try await auth.authenticate(Self.request(token: token.text), caller: { 1000 }).learnerID == ana)
        await #expect(throws: APIError.self) { _ = try await auth.authenticate(Self.request(token: token.text), caller: { 1001 }) }
        await #expect(throws: APIError.self) { _ = try await auth.authenticate(Self.request(token: token.text), caller: { nil }) }
        // A session from before owners were kept answers whoever holds it until it expires.
        let old = SessionToken.generate()
        _ = try await store.insertSession(tokenHash: old.storageHash, learnerID: ana, nowMs: 1_000, policy: policy, ownerUID: nil)
        #expect(try await auth.authenticate(Self.request(token: old.text), caller: { 1001 }).learnerID == ana)
    }

    /// Failed before: a session used every few minutes lived for ever.
    @Test func aBusySessionEndsAtItsAbsoluteLifetime() async throws {
        let policy = SessionPolicy(idleMs: 10 * 60_000, maxLifetimeMs: 3_600_000)
        let token = SessionToken.generate()
        _ = try await store.insertSession(tokenHash: token.storageHash, learnerID: ana, nowMs: 0, policy: policy, ownerUID: 1000)
        var now: Int64 = 0
        while now < 3_600_000 - 5 * 60_000 {
            now += 5 * 60_000
            _ = try await authenticator(policy, now: now).authenticate(Self.request(token: token.text), caller: { 1000 })
        }
        #expect(try await store.session(tokenHash: token.storageHash)?.expiresMs == 3_600_000, "never slides past the lifetime")
        do {
            _ = try await authenticator(policy, now: 3_600_000).authenticate(Self.request(token: token.text), caller: { 1000 })
            Issue.record("the session ends at its lifetime")
        } catch let error as APIError {
            #expect(error.code == .sessionExpired && error.message.contains("at most 1 hours"), "\(error.message)")
        }
    }

    @Test func aLearnerHoldsAtMostFourSessionsAndLockEndsOneAccountsOnly() async throws {
        let policy = SessionPolicy(idleMs: 60_000, maxLifetimeMs: 3_600_000, maxPerLearner: 4)
        var ended: [String] = []
        for index in 0..<6 {
            ended += try await store.insertSession(tokenHash: "t\(index)", learnerID: ana, nowMs: 1_000 + Int64(index), policy: policy,
                                                   ownerUID: index == 5 ? 2000 : 1000)
        }
        #expect(ended == ["t0", "t1"], "the oldest end first")
        #expect(try await store.session(tokenHash: "t1") == nil)
        #expect(try await store.session(tokenHash: "t2") != nil)
        #expect(Set(try await store.deleteSessions(ownerUID: 1000)) == ["t2", "t3", "t4"])
        #expect(try await store.session(tokenHash: "t5")?.ownerUID == 2000, "another account's session stays")
    }
}
