import Hummingbird

/// Resolves the caller's session before the route runs, and for a learner's routes checks that it
/// is that learner's: the one place walletd decides who may reach a learner's data.
///
/// ```swift
/// let learnerRoutes = router.group().add(middleware: SessionMiddleware(authenticator: auth, scope: .learnerInPath("id")))
/// ```
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WalletRequestContext

    enum Scope: Sendable {
        /// Any learner's live session.
        case anyLearner
        /// The session of the learner the path parameter names; another learner's gets 403.
        case learnerInPath(String)
        /// A session when one is sent and valid; none otherwise (the route answers anyone).
        case optional
    }

    /// Who the request's credentials name: the socket's session check, or on the loopback
    /// listener the cmi5 launch token or xAPI credentials (`LoopbackXAPIAuthenticator`).
    typealias Authenticate = @Sendable (Request, Context) async throws -> AuthenticatedSession

    let authenticate: Authenticate
    let scope: Scope

    /// - Parameter xapi: the routes behind it are xAPI's (`/xapi/`), where xAPI credentials
    ///   (`wallet-cli xapi-credentials`) are accepted too.
    init(authenticator: SessionAuthenticator, scope: Scope, xapi: Bool = false) {
        self.init(scope: scope) { request, context in try await authenticator.authenticate(request, caller: context.callerUID, xapi: xapi) }
    }

    init(scope: Scope, authenticate: @escaping Authenticate) {
        self.authenticate = authenticate
        self.scope = scope
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        switch scope {
        case .optional:
            // An ended or foreign session just sees what anyone sees.
            if request.headers[.authorization] != nil { context.session = try? await authenticate(request, context) }
        case .anyLearner:
            context.session = try await authenticate(request, context)
        case .learnerInPath(let parameter):
            let session = try await authenticate(request, context)
            try session.requireLearner(context.parameters.require(parameter))
            context.session = session
        }
        return try await next(request, context)
    }
}
