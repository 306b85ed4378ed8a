/// How a device reaches the hub: walletd's is libcurl over HTTPS; tests use an in-memory hub with
/// injected failures. Every call either returns the hub's answer or throws; a throw after the hub
/// applied a push is fine, because a retried batch changes nothing.
///
/// ```swift
/// let ack = try transport.push(batch.request)
/// ```
public protocol SyncTransport: Sendable {
    func push(_ request: PushRequest) throws -> PushResponse
    func pull(_ request: PullRequest) throws -> PullResponse
    func catalog() throws -> CatalogEnvelope
}
