import CurlClient
import Foundation
import WalletAPI

/// The one client of walletd's socket API: JSON over HTTP on its Unix socket, through libcurl
/// (CurlClient). wallet-cli, wallet-bench and the integration tests all talk to walletd through it.
///
/// Three levels, all built from the declarations in `Endpoints`:
/// - ``call(_:_:query:body:token:adminToken:)`` sends a typed body and decodes the typed answer;
///   an error status throws ``WalletdClientError/answered(status:error:)``.
/// - ``reply(_:_:query:body:token:adminToken:)`` does the same and also hands back the response
///   (status, headers, walletd's JSON as sent).
/// - ``send(_:)`` and its endpoint forms send bytes and return whatever walletd answered, error
///   statuses included, for callers that read headers or look at refusals (tests), and for a
///   benchmark's timed loop with bodies encoded beforehand.
///
/// One client holds one keep-alive connection: it is not thread-safe (use one per thread, as
/// `CurlConnection`). Requests block.
///
/// ```swift
/// let client = WalletdClient(socketPath: "/run/walletd/walletd.sock")
/// let health = try client.call(Endpoints.health)                           // HealthResponse
/// let session = try client.call(Endpoints.login, body: CreateSessionRequest(learner: id, pin: pin))
/// let progress = try client.call(Endpoints.progress, id, token: session.token)
/// let page = try client.send(Endpoints.getStatements, query: ["limit": "10"], token: session.token)
/// page.header(XAPI.consistentThroughHeader)
/// ```
public final class WalletdClient {
    public let socketPath: String
    /// How long one exchange may take unless its request says otherwise.
    public let timeout: Duration
    private let connection: CurlConnection

    public init(socketPath: String, timeout: Duration = .seconds(60), connectTimeout: Duration = .seconds(5)) {
        self.socketPath = socketPath
        self.timeout = timeout
        connection = CurlConnection(unixSocketPath: socketPath, connectTimeout: connectTimeout)
    }

    /// Sends `request` and returns walletd's answer, whatever its status. Throws only when there
    /// is no answer: not running, no permission, timed out, connection lost, or another failure.
    public func send(_ request: WalletdRequest) throws(WalletdClientError) -> WalletdResponse {
        do {
            return try connection.perform(request.http(defaultTimeout: timeout))
        } catch {
            throw WalletdClientError(curl: error, socket: socketPath)
        }
    }
}

// One connection must never be used from two threads at once; make the compiler say so.
@available(*, unavailable)
extension WalletdClient: Sendable {}
