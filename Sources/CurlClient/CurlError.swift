/// Why an exchange failed before any HTTP status could be read.
///
/// An HTTP error status (404, 500, …) is not a `CurlError`: it comes back as an `HTTPResponse`.
/// `description` is a sentence for people; callers add what to do next, since only they know.
///
/// ```swift
/// do {
///     let response = try connection.perform(request)
/// } catch .couldNotConnect(let target, _) {
///     print("nothing listens at \(target)")
/// } catch {
///     print(error)   // e.g. "timed out talking to /run/walletd/walletd.sock: …"
/// }
/// ```
public enum CurlError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing accepted the connection: refused, socket file missing, no permission, host down.
    case couldNotConnect(target: String, detail: String)
    /// The host name did not resolve (offline, DNS down, typo).
    case couldNotResolveHost(host: String, detail: String)
    /// Connecting or the whole exchange took longer than allowed.
    case timedOut(target: String, detail: String)
    /// TLS handshake or certificate verification failed.
    case tlsFailure(target: String, detail: String)
    /// The connection broke mid-exchange or the server closed it without answering.
    case connectionLost(target: String, detail: String)
    /// The response body passed `HTTPRequest.maxResponseBytes`.
    case responseTooLarge(limit: Int)
    /// The body callback asked to stop.
    case cancelled
    /// The request cannot be sent as given (bad URL, header with a line break, …).
    case invalidRequest(String)
    /// Any other libcurl failure, with its CURLcode.
    case failed(code: Int, detail: String)

    public var description: String {
        switch self {
        case .couldNotConnect(let target, let detail): "could not connect to \(target): \(detail)"
        case .couldNotResolveHost(let host, let detail): "could not resolve host \(host): \(detail)"
        case .timedOut(let target, let detail): "timed out talking to \(target): \(detail)"
        case .tlsFailure(let target, let detail): "TLS failure with \(target): \(detail)"
        case .connectionLost(let target, let detail): "connection to \(target) lost: \(detail)"
        case .responseTooLarge(let limit): "response body larger than \(limit) bytes"
        case .cancelled: "transfer cancelled"
        case .invalidRequest(let why): "invalid request: \(why)"
        case .failed(let code, let detail): "libcurl error \(code): \(detail)"
        }
    }
}
