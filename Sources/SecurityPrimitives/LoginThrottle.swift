/// Repeated wrong PINs lock the profile for a growing time: the first few tries are free (people
/// mistype), then each further failure doubles the wait, up to an hour.
///
/// ```swift
/// let wait = LoginThrottle.lockDurationMs(afterFailures: 6)   // 60_000
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
}
