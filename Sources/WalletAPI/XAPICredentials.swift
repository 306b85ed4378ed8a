/// `POST /v1/learners/{id}/xapi-credentials` answer: plain xAPI credentials for the learner's own
/// `/xapi/` on walletd's loopback listener (an xAPI conformance suite, an authoring tool's
/// preview), where the account-bound login session does not work. Send `authorization` as the
/// `Authorization` header, or `user` and `password` as HTTP Basic. They reach `/xapi/` only, and
/// end after `idleTimeoutSeconds` unused or `maxLifetimeSeconds` after they were made.
///
/// ```swift
/// let credentials = try client.call(Endpoints.xapiCredentials, ana.id, token: token)
/// request.headers["Authorization"] = credentials.authorization
/// ```
public struct XAPICredentialsResponse: Codable, Sendable, Equatable {
    public var user: String
    public var password: String
    /// `Basic base64(user:password)`, ready for the `Authorization` header.
    public var authorization: String
    /// The loopback `/xapi/` endpoint (`http://127.0.0.1:PORT/xapi/`) when walletd listens on a
    /// loopback port (the one it got, for port 0); absent when the page is off.
    public var endpoint: String?
    public var idleTimeoutSeconds: Int
    public var maxLifetimeSeconds: Int

    public init(user: String, password: String, authorization: String, endpoint: String?, idleTimeoutSeconds: Int, maxLifetimeSeconds: Int) {
        self.user = user
        self.password = password
        self.authorization = authorization
        self.endpoint = endpoint
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.maxLifetimeSeconds = maxLifetimeSeconds
    }
}
