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

    public init(store: any RepositoryStore) { self.store = store }

    public func fetch(learnerID: String, pin: String, nowMs: Int64) async throws -> LearnerFetchOutcome {
        guard let known = try store.learner(id: learnerID) else { return .notFound }
        // Locked: answer without running scrypt, so a locked learner costs the hub nothing.
        if known.lockedUntilMs > nowMs { return .locked(untilMs: known.lockedUntilMs) }
        let learner = known.learner
        guard let hash = Self.pinHash(of: learner) else { return .unusableHash }
        // scrypt takes ~0.1 s (release): off the task that serves the connection.
        let matches = await Task.detached { hash.matches(pin: pin) }.value
        let lockedUntil = try store.recordFetchAttempt(learnerID: learner.id, success: matches, nowMs: nowMs)
        if matches { return .found(learner) }
        return lockedUntil > nowMs ? .locked(untilMs: lockedUntil) : .wrongPIN
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
}
