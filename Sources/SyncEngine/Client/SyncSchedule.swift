/// When the next background sync is due: pure rules, so they can be read (and tested) apart from
/// the loop that follows them. Times are monotonic seconds, never the PC's wall clock.
///
/// - a local change makes a sync due after a short debounce (changes come in bursts), but never
///   earlier than the backoff allows;
/// - after a success the next periodic sync is one interval away, unless something changed
///   locally while the run went on: the run may have pushed before the change, so it is due
///   after the debounce;
/// - after the n-th failure in a row the wait is 2 s · 2^(n−1), capped at 5 minutes, with jitter
///   (a random point in the upper half) so that a centre's PCs do not all retry at once.
///
/// ```swift
/// var schedule = SyncSchedule(intervalSeconds: 60, debounceSeconds: 2)
/// schedule.failed(now: t, random: 0.5)   // next attempt in 1.5 s
/// ```
public struct SyncSchedule: Sendable, Equatable {
    public let intervalSeconds: Double
    public let debounceSeconds: Double
    public static let baseBackoffSeconds = 2.0
    public static let maxBackoffSeconds = 300.0

    public private(set) var failures = 0
    /// When the next sync runs on its own.
    public private(set) var dueAt: Double
    /// Before this, only an explicit request may start a sync.
    public private(set) var backoffUntil: Double = 0
    /// A local change arrived after the current run started.
    public private(set) var changedDuringRun = false

    public init(intervalSeconds: Double, debounceSeconds: Double, now: Double = 0) {
        self.intervalSeconds = intervalSeconds
        self.debounceSeconds = debounceSeconds
        // Shortly after start, to push what was recorded while walletd was down.
        dueAt = now + debounceSeconds
    }

    public mutating func localChange(now: Double) {
        dueAt = min(dueAt, max(now + debounceSeconds, backoffUntil))
        changedDuringRun = true
    }

    /// A run starts: it takes along every change made so far.
    public mutating func started(now: Double) {
        changedDuringRun = false
    }

    public mutating func succeeded(now: Double) {
        failures = 0
        backoffUntil = 0
        dueAt = now + (changedDuringRun ? debounceSeconds : intervalSeconds)
        changedDuringRun = false
    }

    /// `random` in 0..<1 picks the jitter.
    public mutating func failed(now: Double, random: Double) {
        failures += 1
        let ceiling = min(Self.maxBackoffSeconds, Self.baseBackoffSeconds * Double(1 << min(failures - 1, 20)))
        let wait = ceiling / 2 + ceiling / 2 * random
        backoffUntil = now + wait
        dueAt = backoffUntil
    }

    public func isDue(now: Double) -> Bool { now >= dueAt }
    public func secondsUntilDue(now: Double) -> Double { max(0, dueAt - now) }
}
