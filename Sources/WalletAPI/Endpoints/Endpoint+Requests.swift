/// What a client needs besides the declarations themselves to build a request: the path from a
/// list of values, whether a route belongs to the xAPI Statement API, the admin token's header.
///
/// ```swift
/// Endpoints.progress.path(parameters: ["ana-7f3e"], query: [:])   // "/v1/learners/ana-7f3e/progress"
/// Endpoints.postStatements.isXAPI                                 // true: send X-Experience-API-Version
/// Endpoints.isXAPI(path: "/xapi/statements?more=…")               // true, for a link walletd gave
/// ```
extension Endpoint {
    /// ``path(_:query:)`` with the values as an array, for callers that pass them on.
    public func path(parameters values: [String], query: [String: String] = [:]) -> String {
        EndpointPath.fill(template, values: values, query: query)
    }

    /// True for the xAPI Statement API's routes, which want `X-Experience-API-Version`.
    public var isXAPI: Bool { Endpoints.isXAPI(path: template) }
}

extension Endpoints {
    /// Where the xAPI Statement API lives (walletd's `XAPIVersionMiddleware` guards it).
    public static let xapiPrefix = "/xapi/"

    /// True when a request path (a template, or a filled path with its query) is an xAPI route.
    public static func isXAPI(path: String) -> Bool { path.hasPrefix(xapiPrefix) }
}

extension EndpointAccess {
    /// The header that carries the centre admin's token (walletd's `admin.token`) to
    /// ``EndpointAccess/admin`` routes, and to ``EndpointAccess/anyoneOrSession`` ones for the
    /// admin's view.
    public static let adminTokenHeader = "X-Walletd-Admin"
}
