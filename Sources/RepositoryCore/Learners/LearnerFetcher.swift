import Foundation
import SyncEngine
import SecurityPrimitives
import Basics

/// `learner fetch` at the repository: the learner proves it is them with their PIN, checked
/// against the scrypt hash the hub received in a push, with walletd's lock-out (`LoginThrottle`)
/// counted per learner, so an enrolled PC cannot be used to guess PINs.
///
/// ```swift
/// let fetcher = LearnerFetcher(store: store)
/// switch try await fetcher.fetch(learnerID: "ana-…", pin: "2468", nowMs: now) {
/// case .found(let learner): reply(learner)
/// case .wrongPIN: …
/// case .locked(let untilMs): …
/// case .notFound, .unusableHash: …
/// }
/// ```
public struct LearnerFetcher: Sendable {
    public let store: any RepositoryStore
    /// One PIN check per learner at a time; share one across requests.
    public let turns: KeyedTurns

    public init(store: any RepositoryStore, turns: KeyedTurns = KeyedTurns()) {
        self.store = store
        self.turns = turns
    }

    public func fetch(learnerID: String, pin: String, device: String? = nil, nowMs: Int64) async throws -> LearnerFetchOutcome {
        try await fetch(learnerID: learnerID, pin: pin, device: device, clock: { nowMs })
    }

    /// Counts the try before checking the PIN (`reserveFetchAttempt`), one try per learner at a
    /// time: at most `LoginThrottle.freeAttempts` PINs are checked before the lock, whatever
    /// arrives at once. `clock` is read when the turn comes. A wrong PIN, and the lock it starts,
    /// go to the audit log with the asking `device` (never the PIN tried).
    public func fetch(learnerID: String, pin: String, device: String? = nil,
                      clock: @escaping @Sendable () -> Int64) async throws -> LearnerFetchOutcome {
        let store = store
        do {
            return try await turns.run(key: learnerID) {
                guard let known = try await store.learner(id: learnerID) else { return .notFound }
                guard let hash = Self.pinHash(of: known.learner) else { return .unusableHash }
                let now = clock()
                switch try await store.reserveFetchAttempt(learnerID: learnerID, nowMs: now) {
                case nil: return .notFound
                // Locked: answer without running scrypt, so a locked learner costs the hub nothing.
                case .locked(let until): return .locked(untilMs: until)
                case .reserved(let failures, let lockedUntilIfWrong):
                    // scrypt takes ~0.1 s (release): off the task that serves the connection.
                    guard await Task.detached(operation: { hash.matches(pin: pin) }).value else {
                        var events = [AuditEvent(.pinWrong, learner: learnerID, device: device, detail: ["failures": String(failures)])]
                        if lockedUntilIfWrong > now {
                            events.append(AuditEvent(.lockout, learner: learnerID, device: device,
                                                     detail: ["failures": String(failures), "until_ms": String(lockedUntilIfWrong)]))
                        }
                        try await store.appendAudit(events, nowMs: now)
                        return lockedUntilIfWrong > now ? .locked(untilMs: lockedUntilIfWrong) : .wrongPIN
                    }
                    try await store.clearFetchAttempts(learnerID: learnerID)
                    return .found(known.learner)
                }
            }
        } catch is KeyedTurns.Busy {
            return .busy
        }
    }

    /// The learner's PIN hash when it is readable, nil otherwise. Its cost is affordable by
    /// construction: `ScryptCost` refused anything dearer when the push was read.
    static func pinHash(of learner: WireLearner) -> PINHash? {
        guard let salt = Base64URL.decode(learner.pinSalt), let hash = Base64URL.decode(learner.pinHash), !hash.isEmpty
        else { return nil }
        return PINHash(salt: salt, hash: hash, cost: learner.pinCost)
    }
}

/// What a learner fetch comes to; the route turns each case into its answer (200, 404, 401,
/// 429, 422).
///
/// ```swift
/// if case .locked(let untilMs) = outcome { retryAfter = untilMs - now }
/// ```
public enum LearnerFetchOutcome: Sendable, Equatable {
    case found(WireLearner)
    case notFound
    case wrongPIN
    /// Too many wrong PINs: no guess is checked before this time (ms since 1970).
    case locked(untilMs: Int64)
    /// The PIN hash the hub holds cannot be checked (unreadable, or a cost beyond the hub's limit).
    case unusableHash
    /// Too many fetches of this learner wait already: try again in a few seconds.
    case busy
}
