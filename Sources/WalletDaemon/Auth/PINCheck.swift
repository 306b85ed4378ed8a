import Hummingbird
import WalletCore
import SecurityPrimitives
import DaemonKit

/// Checks a learner's PIN under the lock-out rules: the try is counted in the store before scrypt
/// runs (`reserveLoginAttempt`), and one learner's checks run one at a time (`KeyedTurns`). Login
/// and `POST /v1/learners/{id}/forget --force` share one value, so guesses spread over both routes
/// meet the same count and the same queue.
///
/// ```swift
/// let check = PINCheck(store: store, clock: clock)
/// let now = try await check.verify(input.pin, of: learner)   // throws wrong_pin / learner_locked answers
/// ```
struct PINCheck: Sendable {
    let store: WalletStore
    let clock: WallClock
    /// One PIN check per learner at a time (a burst of guesses waits its turn and then meets the lock).
    let turns = KeyedTurns()

    /// Counts the try, then checks the PIN, one try per learner at a time; throws the answer for a
    /// wrong PIN or a lock. Returns the time of the check.
    /// A wrong PIN, and the lock it starts, go to the audit log (`purpose` says which route
    /// asked); a right one is logged by the write it allows (the session, the forget).
    func verify(_ pin: String, of learner: Learner, purpose: String = "login") async throws -> Int64 {
        let store = store, clock = clock
        do {
            return try await turns.run(key: learner.id) {
                let now = clock.nowMs()
                switch try await store.reserveLoginAttempt(learnerID: learner.id, nowMs: now) {
                case nil:
                    throw APIError(.notFound, .learnerNotFound, "No learner with id \(learner.id) on this PC. See `wallet-cli learner list`.")
                case .locked(let until):
                    throw Self.locked(until: until, now: now)
                case .reserved(let failures, let lockedUntilIfWrong):
                    let hash = learner.pin
                    // scrypt: off the task that serves the connection, within KeyDerivation's bound.
                    guard try await KeyDerivation.run({ hash.matches(pin: pin) }) else {
                        // Its own write: the reservation committed before scrypt ran, when the
                        // outcome was not known yet. Never the PIN tried.
                        var events = [AuditEvent(.pinWrong, learner: learner.id, detail: ["failures": String(failures), "purpose": purpose])]
                        if lockedUntilIfWrong > now {
                            events.append(AuditEvent(.lockout, learner: learner.id, detail: ["failures": String(failures), "until_ms": String(lockedUntilIfWrong)]))
                        }
                        try store.appendAudit(events, nowMs: now)
                        if lockedUntilIfWrong > now { throw Self.locked(until: lockedUntilIfWrong, now: now) }
                        throw APIError(.unauthorized, .wrongPIN, "Wrong PIN for \(learner.name). Try again; after \(LoginThrottle.freeAttempts) wrong tries the profile locks for a while.")
                    }
                    try await store.resetFailedLogins(learnerID: learner.id)
                    return now
                }
            }
        } catch is KeyedTurns.Busy {
            var error = APIError(.tooManyRequests, .learnerLocked, "Too many PIN checks for \(learner.name) are waiting. Try again in a few seconds.")
            error.headers[.retryAfter] = "5"
            throw error
        }
    }

    static func locked(until: Int64, now: Int64) -> APIError {
        let seconds = max(1, (until - now + 999) / 1000)
        var error = APIError(.tooManyRequests, .learnerLocked, "Too many wrong PINs: this profile is locked for \(seconds) more seconds. Try again then, or ask the centre admin.")
        error.headers[.retryAfter] = String(seconds)
        return error
    }
}
