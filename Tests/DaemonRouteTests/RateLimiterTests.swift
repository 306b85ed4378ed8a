import Foundation
import Testing
import DaemonKit
@testable import WalletDaemon

/// The token buckets behind the repository's limits per address and per device.
@Suite("RateLimiter: a burst, then one per refill, bounded keys")
struct RateLimiterTests {
    @Test func aBurstThenOnePerRefill() async {
        let limiter = RateLimiter(burst: 3, refillMs: 1_000)
        for _ in 0..<3 { #expect(await limiter.take("a", nowMs: 0) == nil) }
        #expect(await limiter.take("a", nowMs: 0) == 1_000)
        #expect(await limiter.take("b", nowMs: 0) == nil, "another key has its own bucket")
        #expect(await limiter.take("a", nowMs: 400) == 600)
        #expect(await limiter.take("a", nowMs: 1_000) == nil)
        #expect(await limiter.take("a", nowMs: 1_000) != nil)
    }

    /// Property over random request times: in every run, no more than burst + elapsed / refill
    /// requests are let through.
    @Test func neverMoreThanTheBurstPlusWhatTimeEarns() async {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let burst = Int.random(in: 1...10, using: &generator), refill = Int64.random(in: 10...1_000, using: &generator)
            let limiter = RateLimiter(burst: burst, refillMs: refill)
            var now: Int64 = 0, allowed = 0
            for _ in 0..<200 {
                now += Int64.random(in: 0...(refill / 2), using: &generator)
                if await limiter.take("k", nowMs: now) == nil { allowed += 1 }
            }
            #expect(Int64(allowed) <= Int64(burst) + now / refill, "burst \(burst), refill \(refill), \(allowed) in \(now) ms")
        }
    }

    /// A request that turned out not to count (a right PIN) gets its token back, never beyond
    /// the burst.
    @Test func aTokenGivenBackCanBeTakenAgainButTheBurstStaysTheBound() async {
        let limiter = RateLimiter(burst: 2, refillMs: 1_000)
        #expect(await limiter.take("a", nowMs: 0) == nil)
        #expect(await limiter.take("a", nowMs: 0) == nil)
        #expect(await limiter.take("a", nowMs: 0) != nil)
        await limiter.giveBack("a")
        #expect(await limiter.take("a", nowMs: 0) == nil)
        for _ in 0..<5 { await limiter.giveBack("a") }
        for _ in 0..<2 { #expect(await limiter.take("a", nowMs: 0) == nil) }
        #expect(await limiter.take("a", nowMs: 0) != nil, "five given back still make a burst of two")
        await limiter.giveBack("unknown")
        #expect(await limiter.keyCount == 1, "giving back to a key with no bucket makes none")
    }

    @Test func keysAreBounded() async {
        let limiter = RateLimiter(burst: 2, refillMs: 1_000, maxKeys: 100)
        for index in 0..<1_000 { _ = await limiter.take("client-\(index)", nowMs: Int64(index)) }
        #expect(await limiter.keyCount <= 100)
    }

    /// Which requests walletd's per-account limits count: a template's `{name}` segment stands
    /// for exactly one non-empty segment, nothing more.
    @Test func anAccountLimitFitsAPathToItsTemplateSegmentBySegment() {
        #expect(AccountRateLimitMiddleware.path("/v1/learners/ana-7f3e/pin", fits: "/v1/learners/{id}/pin"))
        #expect(AccountRateLimitMiddleware.path("/v1/sessions", fits: "/v1/sessions"))
        #expect(!AccountRateLimitMiddleware.path("/v1/learners//pin", fits: "/v1/learners/{id}/pin"))
        #expect(!AccountRateLimitMiddleware.path("/v1/learners/a/b/pin", fits: "/v1/learners/{id}/pin"))
        #expect(!AccountRateLimitMiddleware.path("/v1/learners/ana/progress", fits: "/v1/learners/{id}/pin"))
        #expect(!AccountRateLimitMiddleware.path("/v1/sessions/", fits: "/v1/sessions"))
    }

    /// The middleware lets every request that is not a POST under /v1/ pass unlooked-at (the
    /// statement path's speed): every limited endpoint must be one.
    @Test func everyLimitedEndpointIsAPostUnderV1() {
        for endpoint in [AccountRateLimitMiddleware.creation] + AccountRateLimitMiddleware.pinGuesses {
            #expect(endpoint.method == .post && endpoint.template.hasPrefix("/v1/"), "\(endpoint.template)")
        }
    }
}
