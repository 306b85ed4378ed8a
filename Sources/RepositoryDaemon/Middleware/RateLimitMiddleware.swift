import DaemonKit
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RepositoryCore

/// Limits how often one client address may call the routes anyone can call without a token
/// (enrolment, `POST /verify`): beyond its bucket it gets 429 with Retry-After. The lock-outs
/// bound guesses per learner; this bounds one address trying codes, or flooding the verifier.
///
/// ```swift
/// router.add(middleware: RateLimitMiddleware(limiter: RateLimiter(burst: 20, refillMs: 3_000), paths: ["/verify"]))
/// ```
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = RepositoryRequestContext
    let limiter: RateLimiter
    /// Exact paths (POST only) this applies to.
    let paths: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, paths.contains(request.uri.path) else { return try await next(request, context) }
        let address = context.remoteAddress?.ipAddress ?? "unknown"
        if let waitMs = await limiter.take(address + " " + request.uri.path, nowMs: SQLiteRepositoryStore.systemNowMs()) {
            let seconds = max(1, (waitMs + 999) / 1000)
            var error = APIError(.tooManyRequests, .rateLimited, "Too many requests from \(address) to \(request.uri.path). Try again in \(seconds) s.")
            error.headers[.retryAfter] = String(seconds)
            throw error
        }
        return try await next(request, context)
    }
}
