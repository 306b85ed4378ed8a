import Synchronization

/// The devices that pushed or pulled through this instance lately: each sync request notes its
/// device with the time, and `GET /metrics` counts those seen within the window (15 minutes),
/// dropping older ones, so memory stays bounded by the devices active in one window.
///
/// Per instance: with several repositoryd behind a load balancer, a PC that alternates is counted
/// by each instance it reached (sum the gauges for an upper bound, take the largest for a lower).
/// Enrolled devices that are not revoked are what `repositoryd device list` shows.
///
/// ```swift
/// let live = LiveDevices(windowMs: 15 * 60_000, nowMs: { 1_000 })
/// live.saw("device-1")
/// live.count()   // 1
/// ```
final class LiveDevices: Sendable {
    let windowMs: Int64
    private let nowMs: @Sendable () -> Int64
    private let lastSeen = Mutex<[String: Int64]>([:])

    init(windowMs: Int64 = 15 * 60_000, nowMs: @escaping @Sendable () -> Int64 = LiveDevices.systemNowMs) {
        self.windowMs = windowMs
        self.nowMs = nowMs
    }

    /// A dictionary write under a lock: the one cost a sync request pays for this gauge.
    func saw(_ device: String) {
        let now = nowMs()
        lastSeen.withLock { $0[device] = now }
    }

    /// Devices seen within the window; older entries are forgotten here, at scrape time.
    func count() -> Int {
        let oldest = nowMs() - windowMs
        return lastSeen.withLock { seen in
            seen = seen.filter { $0.value >= oldest }
            return seen.count
        }
    }

    @Sendable static func systemNowMs() -> Int64 {
        let now = ContinuousClock.now - ContinuousClock.Instant.zeroReference
        return now.components.seconds * 1_000 + now.components.attoseconds / 1_000_000_000_000_000
    }
}

private extension ContinuousClock.Instant {
    /// The clock's own origin: only differences of it mean anything, which is all the window needs.
    static let zeroReference = ContinuousClock.now
}
