/// Token buckets per key (a client address, a device): each key may spend `burst` requests at
/// once and earns one back every `refillMs`. Bounded: at most `maxKeys` buckets are kept; when
/// full, the buckets that have refilled completely (idle keys) go first, then the oldest.
///
/// ```swift
/// let limiter = RateLimiter(burst: 10, refillMs: 6_000, maxKeys: 10_000)
/// if let waitMs = await limiter.take("203.0.113.7", nowMs: now) { answer429(retryAfter: waitMs) }
/// ```
public actor RateLimiter {
    public let burst: Int
    public let refillMs: Int64
    public let maxKeys: Int

    private struct Bucket {
        var tokens: Double
        var updatedMs: Int64
    }
    private var buckets: [String: Bucket] = [:]

    public init(burst: Int, refillMs: Int64, maxKeys: Int = 10_000) {
        precondition(burst > 0 && refillMs > 0 && maxKeys > 0)
        self.burst = burst
        self.refillMs = refillMs
        self.maxKeys = maxKeys
    }

    /// Takes one request's token for `key`: nil when allowed, else the milliseconds until one is
    /// earned back.
    public func take(_ key: String, nowMs: Int64) -> Int64? {
        var bucket = buckets[key] ?? Bucket(tokens: Double(burst), updatedMs: nowMs)
        let earned = Double(max(0, nowMs - bucket.updatedMs)) / Double(refillMs)
        bucket.tokens = min(Double(burst), bucket.tokens + earned)
        bucket.updatedMs = max(bucket.updatedMs, nowMs)
        defer {
            if buckets[key] == nil, buckets.count >= maxKeys { evict(nowMs: nowMs) }
            buckets[key] = bucket
        }
        guard bucket.tokens >= 1 else {
            return Int64(((1 - bucket.tokens) * Double(refillMs)).rounded(.up))
        }
        bucket.tokens -= 1
        return nil
    }

    /// Returns a token `take` gave for `key`, for a request that turned out not to count (a right
    /// PIN, where only wrong ones are limited). Never beyond `burst`.
    public func giveBack(_ key: String) {
        guard var bucket = buckets[key] else { return }
        bucket.tokens = min(Double(burst), bucket.tokens + 1)
        buckets[key] = bucket
    }

    /// How many keys have a bucket (for tests).
    public var keyCount: Int { buckets.count }

    private func evict(nowMs: Int64) {
        let full = Int64(burst) * refillMs
        let idle = buckets.filter { nowMs - $0.value.updatedMs >= full }.map(\.key)
        if !idle.isEmpty {
            for key in idle { buckets[key] = nil }
            return
        }
        if let oldest = buckets.min(by: { $0.value.updatedMs < $1.value.updatedMs })?.key { buckets[oldest] = nil }
    }
}
