import Foundation
import WalletAPI

/// Raw exchanges: whatever walletd answers comes back as a ``WalletdResponse``, error statuses
/// included. For tests that look at refusals and headers, and for timed loops whose bodies are
/// encoded beforehand.
///
/// ```swift
/// let refused = try client.send(Endpoints.progress, otherLearner, token: token)
/// refused.status                                  // 403
/// refused.errorBody?.error.code                   // .forbidden
/// let posted = try client.send(Endpoints.postStatements, rawBody: preEncoded, token: token)
/// let next = try client.follow(page["more"]?.stringValue ?? "", token: token)
/// ```
extension WalletdClient {
    /// Sends `rawBody` (JSON text, or nothing) to `endpoint`.
    public func send<Body, Answer>(
        _ endpoint: Endpoint<Body, Answer>,
        _ parameters: String...,
        query: [String: String] = [:],
        rawBody: Data? = nil,
        token: String? = nil,
        adminToken: String? = nil
    ) throws(WalletdClientError) -> WalletdResponse {
        try send(WalletdRequest(endpoint, parameters: parameters, query: query, body: rawBody, token: token, adminToken: adminToken))
    }

    /// Sends `body`, encoded from its type, to `endpoint`; the answer is not decoded.
    public func send<Body: Encodable, Answer>(
        _ endpoint: Endpoint<Body, Answer>,
        _ parameters: String...,
        query: [String: String] = [:],
        body: Body,
        token: String? = nil,
        adminToken: String? = nil
    ) throws(WalletdClientError) -> WalletdResponse {
        let data = try WalletdJSON.encode(body)
        return try send(WalletdRequest(endpoint, parameters: parameters, query: query, body: data, token: token, adminToken: adminToken))
    }

    /// GETs a path walletd handed out, such as an xAPI StatementResult's `more` link
    /// (`/xapi/statements?more=…`).
    public func follow(_ link: String, token: String? = nil) throws(WalletdClientError) -> WalletdResponse {
        try send(WalletdRequest(method: .get, path: link, token: token))
    }
}
