import WalletAPI

/// Typed calls: the body encoded from its type, the answer decoded into the endpoint's `Answer`,
/// any status but 2xx thrown as ``WalletdClientError/answered(status:error:)``.
///
/// ```swift
/// let learner = try client.call(Endpoints.createLearner, body: CreateLearnerRequest(name: "Ana", pin: "2468"))
/// let list = try client.call(Endpoints.listLearners)                      // LearnerList
/// try client.call(Endpoints.logout, token: token)                         // NoBody: 204, nothing to read
/// let ids = try client.call(Endpoints.postStatements, body: statement, token: token)   // JSONValue
/// ```
extension WalletdClient {
    /// Calls `endpoint` with `body`; path `parameters` in order, `query` appended.
    @discardableResult
    public func call<Body: Encodable, Answer: Decodable>(
        _ endpoint: Endpoint<Body, Answer>,
        _ parameters: String...,
        query: [String: String] = [:],
        body: Body,
        token: String? = nil,
        adminToken: String? = nil
    ) throws(WalletdClientError) -> Answer {
        try typedReply(endpoint, parameters, query, body, token, adminToken).answer
    }

    /// Calls an endpoint that takes no body.
    @discardableResult
    public func call<Answer: Decodable>(
        _ endpoint: Endpoint<NoBody, Answer>,
        _ parameters: String...,
        query: [String: String] = [:],
        token: String? = nil,
        adminToken: String? = nil
    ) throws(WalletdClientError) -> Answer {
        try typedReply(endpoint, parameters, query, NoBody(), token, adminToken).answer
    }

    /// ``call(_:_:query:body:token:adminToken:)`` that also returns the response.
    public func reply<Body: Encodable, Answer: Decodable>(
        _ endpoint: Endpoint<Body, Answer>,
        _ parameters: String...,
        query: [String: String] = [:],
        body: Body,
        token: String? = nil,
        adminToken: String? = nil
    ) throws(WalletdClientError) -> WalletdReply<Answer> {
        try typedReply(endpoint, parameters, query, body, token, adminToken)
    }

    /// ``call(_:_:query:token:adminToken:)`` that also returns the response.
    public func reply<Answer: Decodable>(
        _ endpoint: Endpoint<NoBody, Answer>,
        _ parameters: String...,
        query: [String: String] = [:],
        token: String? = nil,
        adminToken: String? = nil
    ) throws(WalletdClientError) -> WalletdReply<Answer> {
        try typedReply(endpoint, parameters, query, NoBody(), token, adminToken)
    }

    private func typedReply<Body: Encodable, Answer: Decodable>(
        _ endpoint: Endpoint<Body, Answer>,
        _ parameters: [String],
        _ query: [String: String],
        _ body: Body,
        _ token: String?,
        _ adminToken: String?
    ) throws(WalletdClientError) -> WalletdReply<Answer> {
        let request = WalletdRequest(endpoint, parameters: parameters, query: query, body: try WalletdJSON.encode(body),
                                     token: token, adminToken: adminToken)
        let response = try send(request).checked()
        return WalletdReply(answer: try response.decoded(as: Answer.self), response: response)
    }
}
