import Foundation
import Testing
import SecurityPrimitives
import Basics
@testable import RepositoryCore
@testable import SyncEngine

/// `learner fetch` at the hub: the PIN is checked against the pushed scrypt hash, wrong PINs lock
/// the learner out as walletd's login does.
@Suite("Learner fetch with PIN and lock-out")
struct LearnerFetchTests {
    /// A learner whose PIN is "246800", hashed cheaply (logN 10) for the test.
    static func ana() throws -> WireLearner {
        let salt = Data((0..<16).map { UInt8($0) })
        let hash = try PINHash.make(pin: "246800", cost: ScryptCost(logN: 10), salt: salt)
        return WireLearner(id: "ana", name: "Ana", pinSalt: Base64URL.encode(hash.salt), pinHash: Base64URL.encode(hash.hash),
                           pinCost: ScryptCost(logN: 10), createdMs: 1)
    }

    func storeWith(_ learner: WireLearner) throws -> SQLiteRepositoryStore {
        let store = try HubFixtures.store()
        _ = try store.push(PushRequest(replica: HubFixtures.pcA, learner: learner, statements: [], records: []), device: "pc-a")
        return store
    }

    @Test func theRightPINBringsTheLearnerAndAWrongOneDoesNot() async throws {
        let ana = try Self.ana()
        let fetcher = LearnerFetcher(store: try storeWith(ana))
        #expect(try await fetcher.fetch(learnerID: "ana", pin: "246800", nowMs: 1_000) == .found(ana))
        #expect(try await fetcher.fetch(learnerID: "ana", pin: "135700", nowMs: 1_000) == .wrongPIN)
        #expect(try await fetcher.fetch(learnerID: "ben", pin: "246800", nowMs: 1_000) == .notFound)
    }

    @Test func wrongPINsLockTheLearnerOutEvenForTheRightOne() async throws {
        let store = try storeWith(try Self.ana())
        let fetcher = LearnerFetcher(store: store)
        for attempt in 1..<LoginThrottle.freeAttempts {
            #expect(try await fetcher.fetch(learnerID: "ana", pin: "000000", nowMs: 1_000) == .wrongPIN, "attempt \(attempt)")
        }
        let lockMs = LoginThrottle.lockDurationMs(afterFailures: LoginThrottle.freeAttempts)
        #expect(try await fetcher.fetch(learnerID: "ana", pin: "000000", nowMs: 1_000) == .locked(untilMs: 1_000 + lockMs))
        #expect(try await fetcher.fetch(learnerID: "ana", pin: "246800", nowMs: 1_000 + lockMs - 1) == .locked(untilMs: 1_000 + lockMs),
                "no guess is checked while locked")
        #expect(try await fetcher.fetch(learnerID: "ana", pin: "246800", nowMs: 1_000 + lockMs) == .found(try Self.ana()))
        #expect(try store.learner(id: "ana")?.failedAttempts == 0, "a success clears the count")
    }

    /// 200 wrong PINs at once check at most five: each try is counted before its PIN is checked.
    /// (Counting after the check let every try that read the lock before the fifth failure was
    /// written be checked: all 200 here.) The right PIN among them, later, meets the lock.
    @Test func aBurstOfWrongPINsChecksAtMostFive() async throws {
        let store = try storeWith(try Self.ana())
        let shared = KeyedTurns(maxWaiting: 256)
        for gate in ["shared turns", "a gate per request (the store alone bounds it)"] {
            try store.clearFetchAttempts(learnerID: "ana")
            let outcomes = try await withThrowingTaskGroup(of: LearnerFetchOutcome.self) { group in
                for _ in 0..<200 {
                    let fetcher = LearnerFetcher(store: store, turns: gate == "shared turns" ? shared : KeyedTurns())
                    group.addTask { try await fetcher.fetch(learnerID: "ana", pin: "000000", nowMs: 1_000) }
                }
                return try await group.reduce(into: [LearnerFetchOutcome]()) { $0.append($1) }
            }
            #expect(try store.learner(id: "ana")?.failedAttempts == LoginThrottle.freeAttempts, "\(gate): PINs checked")
            #expect(outcomes.filter { $0 == .wrongPIN }.count == LoginThrottle.freeAttempts - 1, "\(gate)")
            let fetcher = LearnerFetcher(store: store, turns: shared)
            guard case .locked = try await fetcher.fetch(learnerID: "ana", pin: "246800", nowMs: 2_000) else {
                Issue.record("\(gate): the right PIN is refused while locked"); continue
            }
        }
    }

    @Test func aPINHashTooCostlyToCheckCannotEvenBeMade() async throws {
        #expect(ScryptCost(validatingLogN: 20, blockSize: 64, parallelism: 1) == nil, "8 GiB of scrypt memory")
        #expect(ScryptCost(validatingLogN: 18, blockSize: 8, parallelism: 16) == nil, "too much work")
        #expect(LearnerFetcher.pinHash(of: try Self.ana()) != nil)
        var standard = try Self.ana()
        standard.pinCost = .standard
        #expect(LearnerFetcher.pinHash(of: standard) != nil, "walletd's standard cost is within the limit")
    }
}
