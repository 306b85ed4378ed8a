import Basics
import CurlClient
import Foundation
import WalletAPI

/// One request for walletd, ready to send: method, path with its query, headers and body.
///
/// Built from an endpoint declaration, it follows the socket API's conventions: `Accept:
/// application/json`, the session as `Authorization: Bearer TOKEN`, the admin token in
/// ``EndpointAccess/adminTokenHeader``, `X-Experience-API-Version` on xAPI routes, and
/// `Content-Type: application/json` while there is a body. Building one does no I/O; change what
/// a test needs (a header left out, another version) before ``WalletdClient/send(_:)`` sends it.
/// Header names are written as above (`Authorization`, `X-Experience-API-Version`,
/// `Content-Type`): set or remove them so.
///
/// ```swift
/// var request = WalletdRequest(Endpoints.getStatements, query: ["limit": "1"], token: token)
/// request.headers[XAPI.versionHeader] = nil          // walletd answers 400 missing_version_header
/// let response = try client.send(request)
///
/// var post = WalletdRequest(Endpoints.postStatements, token: token)   // a body set per request
/// post.body = preEncodedStatement
/// ```
public struct WalletdRequest: Sendable, Equatable {
    public var method: EndpointMethod
    /// Path and query, percent-encoded: `/v1/learners/ana-7f3e/progress`.
    public var path: String
    public var headers: [String: String]
    /// JSON text, or nil for none. Setting one where there was none adds `Content-Type`;
    /// removing it removes the header. Swapping one body for another leaves the headers alone,
    /// so a request reused in a loop costs nothing to rebuild.
    public var body: Data? {
        didSet {
            guard (body == nil) != (oldValue == nil) else { return }
            headers["Content-Type"] = body == nil ? nil : "application/json"
        }
    }
    /// How long the whole exchange may take; nil: the client's ``WalletdClient/timeout``.
    public var timeout: Duration?

    /// A request for any path on the socket: a link walletd handed out (xAPI `more`), or a route
    /// that deliberately does not exist. Prefer the endpoint form for declared routes.
    public init(
        method: EndpointMethod,
        path: String,
        body: Data? = nil,
        token: String? = nil,
        adminToken: String? = nil,
        timeout: Duration? = nil
    ) {
        self.method = method
        self.path = path
        self.timeout = timeout
        var headers = ["Accept": "application/json"]
        if body != nil { headers["Content-Type"] = "application/json" }
        if let token { headers["Authorization"] = "Bearer " + token }
        if let adminToken { headers[EndpointAccess.adminTokenHeader] = adminToken }
        if Endpoints.isXAPI(path: path) { headers[XAPI.versionHeader] = XAPI.currentVersion }
        self.headers = headers
        self.body = body
    }

    /// A request for `endpoint`: its method, its path with `parameters` filled in order
    /// (percent-encoded) and `query`, and `body` as JSON text already encoded.
    public init<Body, Answer>(
        _ endpoint: Endpoint<Body, Answer>,
        _ parameters: String...,
        query: [String: String] = [:],
        body: Data? = nil,
        token: String? = nil,
        adminToken: String? = nil
    ) {
        self.init(endpoint, parameters: parameters, query: query, body: body, token: token, adminToken: adminToken)
    }

    /// The variadic initialiser's body, for callers that pass parameters on.
    init<Body, Answer>(
        _ endpoint: Endpoint<Body, Answer>,
        parameters: [String],
        query: [String: String],
        body: Data?,
        token: String?,
        adminToken: String?
    ) {
        self.init(method: endpoint.method, path: endpoint.path(parameters: parameters, query: query),
                  body: body, token: token, adminToken: adminToken)
    }
}

extension WalletdRequest {
    /// The libcurl request for walletd's socket (the host is ignored there). Pure.
    func http(defaultTimeout: Duration) -> HTTPRequest {
        HTTPRequest(method: method.http, url: "http://localhost" + path, headers: headers, body: body,
                           timeout: timeout ?? defaultTimeout)
    }
}

extension EndpointMethod {
    var http: HTTPMethod {
        switch self {
        case .get: .get
        case .head: .head
        case .post: .post
        case .put: .put
        case .delete: .delete
        }
    }
}
