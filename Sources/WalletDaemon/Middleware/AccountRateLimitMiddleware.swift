import DaemonKit
import Hummingbird
import WalletAPI

/// Limits per OS account (the caller's uid, from the kernel) on the routes anyone at the PC may
/// call and that cost scrypt or guess a PIN:
/// - creating learners: every request counts (each costs two scrypt runs and a row);
/// - logging in, fetching a learner from the repository and a PIN reset: only wrong PINs (and
///   refused reset codes) count. The token is
///   taken before the PIN is checked and given back when the answer was not a wrong PIN, so a
///   burst cannot slip past the bucket while its checks run.
/// The per-learner lock-out bounds guesses at one learner; this bounds one account spreading its
/// guesses over every learner of the PC, and one account filling the scrypt queue with learners.
///
/// ```swift
/// router.add(middleware: AccountRateLimitMiddleware(limits: .standard, clock: clock))
/// ```
struct AccountRateLimitMiddleware: RouterMiddleware {
    typealias Context = WalletRequestContext

    /// The buckets, shared by every connection of one walletd.
    struct Limits: Sendable {
        let creations: RateLimiter
        let wrongPINs: RateLimiter

        /// A class starting a course on one PC (30 learners at once) is not slowed down; beyond,
        /// one learner a minute. 30 wrong PINs at once, then one every 20 s: about 180 an hour
        /// over all learners, against a million six-digit PINs.
        static var standard: Limits {
            Limits(creations: RateLimiter(burst: 30, refillMs: 60_000, maxKeys: 1_024),
                   wrongPINs: RateLimiter(burst: 30, refillMs: 20_000, maxKeys: 1_024))
        }
    }

    let limits: Limits
    let clock: WallClock

    static let creation = Endpoints.createLearner.erased
    /// A PIN change checks the current PIN too: someone at a PC left logged in must not get more
    /// guesses through it than through the login; a reset code is a guess too.
    static let pinGuesses = [Endpoints.login.erased, Endpoints.fetchLearner.erased, Endpoints.changePIN.erased,
                             Endpoints.resetPIN.erased]

    /// Whether a request path fits an endpoint's template, a `{name}` segment standing for any one
    /// segment (`/v1/learners/{id}/pin` fits `/v1/learners/ana/pin`).
    static func path(_ path: String, fits template: String) -> Bool {
        let given = path.split(separator: "/", omittingEmptySubsequences: false)
        let wanted = template.split(separator: "/", omittingEmptySubsequences: false)
        guard given.count == wanted.count else { return false }
        return zip(given, wanted).allSatisfy { segment, pattern in
            (pattern.hasPrefix("{") && pattern.hasSuffix("}") && !segment.isEmpty) || segment == pattern
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        // Every limited route is a POST under /v1/: xAPI writes and reads pass without a look.
        guard request.method == .post, path.utf8.starts(with: "/v1/".utf8) else { return try await next(request, context) }
        let method = request.method.rawValue
        func matches(_ endpoint: AnyEndpoint) -> Bool { endpoint.method.rawValue == method && Self.path(path, fits: endpoint.template) }
        let isCreation = matches(Self.creation)
        let isPINGuess = !isCreation && Self.pinGuesses.contains(where: matches)
        guard isCreation || isPINGuess else { return try await next(request, context) }

        // A connection that cannot name its account (not a Unix socket) shares one bucket.
        let account = (await context.callerUID()).map { "uid \($0)" } ?? "unknown account"
        let limiter = isCreation ? limits.creations : limits.wrongPINs
        if let waitMs = await limiter.take(account, nowMs: clock.nowMs()) {
            let seconds = max(1, (waitMs + 999) / 1000)
            let what = isCreation ? "created too many learners" : "tried too many wrong PINs"
            var error = APIError(.tooManyRequests, .rateLimited,
                                 "This account (\(account)) \(what) in a short time. Try again in \(seconds) s; the centre admin can see who in `wallet-cli audit`.")
            error.headers[.retryAfter] = String(seconds)
            throw error
        }
        guard isPINGuess else { return try await next(request, context) }
        do {
            let response = try await next(request, context)
            await limiter.giveBack(account)
            return response
        } catch let error as APIError where error.code == .wrongPIN || error.code == .resetCodeRefused {
            throw error
        } catch {
            await limiter.giveBack(account)
            throw error
        }
    }
}
