import HTTPTypes
import Hummingbird
import WalletAPI

/// Registers walletd's handlers by their endpoint declarations (`Endpoints` in WalletAPI), each
/// behind the middleware its declared access needs: the path and method are written once, and a
/// route cannot be added without saying who may call it.
///
/// ```swift
/// routes.on(Endpoints.progress) { request, context in
///     let session = try context.requireSession()   // set and checked by SessionMiddleware
///     …
/// }
/// ```
struct EndpointRoutes {
    typealias Handler = @Sendable (Request, WalletRequestContext) async throws -> Response

    private let anyone: RouterGroup<WalletRequestContext>
    private let session: RouterGroup<WalletRequestContext>
    private let learner: RouterGroup<WalletRequestContext>
    private let admin: RouterGroup<WalletRequestContext>
    private let optionalSession: RouterGroup<WalletRequestContext>

    /// - Parameter parent: the group the routes hang from (the router's root, or the xAPI group
    ///   whose version middleware must see every error first).
    /// - Parameter xapi: the routes are xAPI's, where xAPI credentials (`XAPICredentialPolicy`) answer too.
    init(parent: RouterGroup<WalletRequestContext>, authenticator: SessionAuthenticator, adminToken: AdminToken, xapi: Bool = false) {
        self.init(parent: parent, adminToken: adminToken) { request, context in
            try await authenticator.authenticate(request, caller: context.callerUID, xapi: xapi)
        }
    }

    /// With another way to find the session (the loopback listener's xAPI: cmi5 launch tokens).
    init(parent: RouterGroup<WalletRequestContext>, adminToken: AdminToken, authenticate: @escaping SessionMiddleware.Authenticate) {
        anyone = parent
        session = parent.group().add(middleware: SessionMiddleware(scope: .anyLearner, authenticate: authenticate))
        learner = parent.group().add(middleware: SessionMiddleware(scope: .learnerInPath("id"), authenticate: authenticate))
        admin = parent.group().add(middleware: AdminMiddleware(admin: adminToken))
        optionalSession = parent.group().add(middleware: SessionMiddleware(scope: .optional, authenticate: authenticate))
    }

    func on<Body, Answer>(_ endpoint: Endpoint<Body, Answer>, use handler: @escaping Handler) {
        let group: RouterGroup<WalletRequestContext>
        switch endpoint.access {
        case .anyone: group = anyone
        case .session: group = session
        case .learner: group = learner
        case .admin: group = admin
        case .anyoneOrSession: group = optionalSession
        }
        group.on(RouterPath(endpoint.routerPath), method: Self.method(endpoint.method), use: handler)
    }

    static func method(_ method: EndpointMethod) -> HTTPRequest.Method {
        switch method {
        case .get: .get
        case .head: .head
        case .post: .post
        case .put: .put
        case .delete: .delete
        }
    }
}
