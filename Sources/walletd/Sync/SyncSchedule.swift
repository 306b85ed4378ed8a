/// When the next background sync is due: pure rules, so they can be read (and tested) apart from
/// the loop that follows them. Times are monotonic seconds, never the PC's wall clock.
///
/// - a local change makes a sync due after a short debounce (changes come in bursts), but never
///   earlier than the backoff allows;
/// - after a success the next periodic sync is one interval away;
/// - after the n-th failure in a row the wait is 2 s · 2^(n−1), capped at 5 minutes, with jitter
///   (a random point in the upper half) so that a centre's PCs do not all retry at once.
///
/// ```swift
/// var schedule = SyncSchedule(intervalSeconds: 60, debounceSeconds: 2)
/// schedule.failed(now: t, random: 0.5)   // next attempt in 1.5 s
/// ```
struct SyncSchedule: Sendable, Equatable {
    let intervalSeconds: Double
    let debounceSeconds: Double
    static let baseBackoffSeconds = 2.0
    static let maxBackoffSeconds = 300.0

    private(set) var failures = 0
    /// When the next sync runs on its own.
    private(set) var dueAt: Double
    /// Before this, only an explicit request may start a sync.
    private(set) var backoffUntil: Double = 0

    init(intervalSeconds: Double, debounceSeconds: Double, now: Double = 0) {
        self.intervalSeconds = intervalSeconds
        self.debounceSeconds = debounceSeconds
        // Shortly after start, to push what was recorded while walletd was down.
        dueAt = now + debounceSeconds
    }

    mutating func localChange(now: Double) {
        dueAt = min(dueAt, max(now + debounceSeconds, backoffUntil))
    }

    mutating func succeeded(now: Double) {
        failures = 0
        backoffUntil = 0
        dueAt = now + intervalSeconds
    }

    /// `random` in 0..<1 picks the jitter.
    mutating func failed(now: Double, random: Double) {
        failures += 1
        let ceiling = min(Self.maxBackoffSeconds, Self.baseBackoffSeconds * Double(1 << min(failures - 1, 20)))
        let wait = ceiling / 2 + ceiling / 2 * random
        backoffUntil = now + wait
        dueAt = backoffUntil
    }

    func isDue(now: Double) -> Bool { now >= dueAt }
    func secondsUntilDue(now: Double) -> Double { max(0, dueAt - now) }
}
