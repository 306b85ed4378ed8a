import Foundation
import Testing
import SecurityPrimitives
@testable import WalletCore

/// The lock-out rule (pure), the per-key turns, and the PC store counting a try before its check.
@Suite("PIN tries: counted before they are checked")
struct LoginThrottleTests {
    @Test func aTryIsReservedWithTheStateItLeavesWhenWrong() {
        #expect(LoginThrottle.reserve(failedAttempts: 0, lockedUntilMs: 0, nowMs: 100) == .reserved(failures: 1, lockedUntilMs: 0))
        #expect(LoginThrottle.reserve(failedAttempts: 4, lockedUntilMs: 0, nowMs: 100)
                == .reserved(failures: 5, lockedUntilMs: 100 + LoginThrottle.baseLockMs), "the fifth wrong try locks")
        #expect(LoginThrottle.reserve(failedAttempts: 5, lockedUntilMs: 500, nowMs: 499) == .locked(untilMs: 500))
        #expect(LoginThrottle.reserve(failedAttempts: 5, lockedUntilMs: 500, nowMs: 500)
                == .reserved(failures: 6, lockedUntilMs: 500 + 2 * LoginThrottle.baseLockMs), "after the lock, one more try, then a longer lock")
        #expect(LoginThrottle.reserve(failedAttempts: -3, lockedUntilMs: 0, nowMs: 1) == .reserved(failures: 1, lockedUntilMs: 0))
    }

    /// Property, over random histories of wrong tries at random times: the fifth try is the first
    /// that locks, every later one locks again for no less time, and no try is let through while
    /// a lock holds.
    @Test func wrongTriesLockAtTheFifthAndNeverLetOneThroughALock() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var failures = 0, lockedUntil: Int64 = 0, now: Int64 = 1_000, reservations = 0, lastLockMs: Int64 = 0
            for _ in 0..<60 {
                now += Int64.random(in: 0...40_000, using: &generator)
                switch LoginThrottle.reserve(failedAttempts: failures, lockedUntilMs: lockedUntil, nowMs: now) {
                case .locked(let until):
                    #expect(until == lockedUntil && until > now)
                case .reserved(let f, let until):
                    #expect(lockedUntil <= now, "a try only when no lock holds")
                    reservations += 1
                    #expect(f == reservations)
                    #expect((until > 0) == (reservations >= LoginThrottle.freeAttempts))
                    if until > 0 {
                        #expect(until - now >= lastLockMs && until - now <= LoginThrottle.maxLockMs)
                        lastLockMs = until - now
                    }
                    failures = f
                    lockedUntil = until
                }
            }
        }
    }

    @Test func turnsOfOneKeyRunOneAtATimeAndInOrder() async throws {
        let turns = KeyedTurns(maxWaiting: 100)
        let log = Log()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await turns.run(key: "ana") {
                        await log.enter(index)
                        try await Task.sleep(for: .milliseconds(2))
                        await log.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await log.maxInside == 1)
        #expect(await log.entered.count == 20)
    }

    @Test func otherKeysDoNotWaitAndAFloodIsRefusedAtOnce() async throws {
        let turns = KeyedTurns(maxWaiting: 2)
        let started = Gate(), release = Gate()
        let holder = Task { try await turns.run(key: "ana") { await started.open(); await release.wait() } }
        await started.wait()
        let first = Task { try await turns.run(key: "ana") {} }
        let second = Task { try await turns.run(key: "ana") {} }
        for _ in 0..<1_000 where await turns.waitingCount(key: "ana") < 2 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(await turns.waitingCount(key: "ana") == 2)
        await #expect(throws: KeyedTurns.Busy.self) { try await turns.run(key: "ana") {} }
        #expect(try await turns.run(key: "ben") { 7 } == 7, "another learner does not wait")
        await release.open()
        try await holder.value
        try await first.value
        try await second.value
        #expect(await turns.waitingCount(key: "ana") == 0)
        #expect(try await turns.run(key: "ana") { 1 } == 1, "the key is free again")
    }

    /// The PC's store: 200 tries at once reserve exactly five; the others meet the lock.
    @Test func theStoreReservesAtMostFiveOfABurst() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let store = fixture.store, ana = fixture.ana
        let outcomes = try await withThrowingTaskGroup(of: LoginThrottle.Reservation?.self) { group in
            for _ in 0..<200 { group.addTask { try await store.reserveLoginAttempt(learnerID: ana, nowMs: 1_000) } }
            return try await group.reduce(into: [LoginThrottle.Reservation?]()) { $0.append($1) }
        }
        let reserved = outcomes.filter { if case .reserved = $0 { true } else { false } }
        #expect(reserved.count == LoginThrottle.freeAttempts)
        #expect(try await store.learner(id: ana)?.lockedUntilMs == 1_000 + LoginThrottle.baseLockMs)
        try await store.resetFailedLogins(learnerID: ana)
        #expect(try await store.learner(id: ana)?.failedAttempts == 0)
        #expect(try await store.reserveLoginAttempt(learnerID: "nobody", nowMs: 1) == nil)
    }
}

private actor Log {
    var inside = 0, maxInside = 0
    var entered: [Int] = []
    func enter(_ index: Int) { inside += 1; maxInside = max(maxInside, inside); entered.append(index) }
    func leave() { inside -= 1 }
}

private actor Gate {
    private var opened = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    func wait() async {
        if opened { return }
        await withCheckedContinuation { waiters.append($0) }
    }
    func open() {
        opened = true
        waiters.forEach { $0.resume() }
        waiters = []
    }
}

/// New PINs have six characters at least; a PIN made before the rule still opens its wallet
/// (logins never check the length).
@Suite("PIN length for new PINs")
struct PINLengthTests {
    @Test func newPINsNeedSixAndOldShortOnesStillCheck() throws {
        #expect(throws: LearnerInput.Problem.self) { try LearnerInput.validatePIN("2468") }
        #expect(throws: Never.self) { try LearnerInput.validatePIN("246813") }
        let old = try PINHash.make(pin: "2468", cost: ScryptCost(logN: 4), salt: Data(repeating: 3, count: 16))
        #expect(old.matches(pin: "2468"))
    }
}
