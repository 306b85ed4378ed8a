/// Repeated wrong PINs lock the profile for a growing time: the first few tries are free (people
/// mistype), then each further failure doubles the wait, up to an hour.
///
/// A try is counted *before* its PIN is checked (``reserve(failedAttempts:lockedUntilMs:nowMs:)``,
/// in the same write transaction that reads the count), and only a right PIN gives it back. So the
/// bound holds by construction: however many requests arrive at once, at most ``freeAttempts``
/// PINs are checked before the lock, whatever the scheduling, and a try cut short (a killed daemon)
/// still counts.
///
/// ```swift
/// let wait = LoginThrottle.lockDurationMs(afterFailures: 6)   // 60_000
/// switch LoginThrottle.reserve(failedAttempts: 4, lockedUntilMs: 0, nowMs: now) {
/// case .locked(let untilMs): refuse(until: untilMs)            // no scrypt at all
/// case .reserved(let failures, let untilMs): store(failures, untilMs); check the PIN
/// }
/// ```
public enum LoginThrottle {
    public static let freeAttempts = 5
    public static let baseLockMs: Int64 = 30_000
    public static let maxLockMs: Int64 = 3_600_000

    public static func lockDurationMs(afterFailures failures: Int) -> Int64 {
        guard failures >= freeAttempts else { return 0 }
        let doublings = min(failures - freeAttempts, 20)
        return min(baseLockMs << Int64(doublings), maxLockMs)
    }

    /// What a new try may do, given the stored count and lock.
    public enum Reservation: Sendable, Equatable {
        /// Locked: check no PIN before `untilMs`.
        case locked(untilMs: Int64)
        /// Store `failures` and `lockedUntilMs` (the state should this PIN be wrong) before
        /// checking the PIN; a right PIN then clears both.
        case reserved(failures: Int, lockedUntilMs: Int64)
    }

    /// The pure rule both stores apply inside one write transaction.
    public static func reserve(failedAttempts: Int, lockedUntilMs: Int64, nowMs: Int64) -> Reservation {
        if lockedUntilMs > nowMs { return .locked(untilMs: lockedUntilMs) }
        let failures = max(failedAttempts, 0) + 1
        let lockMs = lockDurationMs(afterFailures: failures)
        return .reserved(failures: failures, lockedUntilMs: lockMs > 0 ? nowMs + lockMs : 0)
    }
}
