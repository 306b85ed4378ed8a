import Foundation

/// An HTTP method. Only the methods the wallet speaks; extend when a route needs more.
///
/// ```swift
/// let request = HTTPRequest(method: .delete, url: "http://localhost/v1/sessions/current")
/// ```
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
}

/// One HTTP request for `CurlConnection.perform(_:)`.
///
/// Over a Unix socket the host part of `url` is ignored by the server; use `http://localhost/…`.
/// No `Content-Type` is added for you (libcurl's form-encoding default is removed): set it when
/// there is a body.
///
/// ```swift
/// var request = HTTPRequest(method: .post, url: "http://localhost/v1/learners",
///                           body: Data(#"{"name":"Ana","pin":"4711"}"#.utf8))
/// request.headers["Content-Type"] = "application/json"
/// request.timeout = .seconds(5)
/// ```
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// Absolute `http://` or `https://` URL, query included (already percent-encoded).
    public var url: String
    /// Header names are case-insensitive on the wire; give each name once.
    public var headers: [String: String]
    public var body: Data?
    /// The whole exchange (connect, send, receive) must finish within this time.
    public var timeout: Duration
    /// Largest response body `perform(_:)` will collect before failing with
    /// `CurlError.responseTooLarge`; guards memory against a misbehaving server.
    public var maxResponseBytes: Int

    public init(
        method: HTTPMethod = .get,
        url: String,
        headers: [String: String] = [:],
        body: Data? = nil,
        timeout: Duration = .seconds(30),
        maxResponseBytes: Int = 64 << 20
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }
}
