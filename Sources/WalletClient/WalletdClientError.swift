import Basics
import CurlClient

/// Everything that can go wrong talking to walletd, as one typed error.
///
/// Match the cases, and for walletd's own refusals the ``ErrorCode`` enum, never the message
/// words: the messages are for people and may change. `description` is one sentence without
/// advice; a program adds what to do next (wallet-cli adds `wallet-cli login NAME` and the like).
///
/// ```swift
/// do {
///     let progress = try client.call(Endpoints.progress, learner, token: token)
/// } catch .notRunning(let socket, _) {
///     print("start walletd: walletd --socket \(socket)")
/// } catch .answered(_, let body?) where body.error.code == .sessionExpired {
///     print("log in again")
/// } catch {
///     print(error)   // e.g. "walletd answered HTTP 404 (learner_not_found): No learner with id …"
/// }
/// ```
public enum WalletdClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing serves the socket: there is no socket file, or nothing listens on it (a daemon
    /// that crashed leaves its file behind).
    case notRunning(socket: String, why: NotRunning)
    /// The socket (or a folder on its way) exists, but this user may not use it.
    case noPermission(socket: String)
    /// Connecting, or the whole exchange, took longer than allowed.
    case timedOut(socket: String)
    /// walletd closed the connection without answering, or broke it mid-answer.
    case connectionLost(socket: String, detail: String)
    /// walletd answered with an error status. `error` is its JSON error body, nil when the body
    /// was not one (then walletd's log says more).
    case answered(status: Int, error: APIErrorBody?)
    /// walletd answered with success, but not with what this client expects for `type`
    /// (usually walletd and the client are different versions).
    case undecodable(type: String, status: Int, detail: String)
    /// The request body could not be encoded as JSON (a bug in the caller).
    case unencodable(type: String, detail: String)
    /// Any other failure of the exchange: the request cannot be sent as given, the answer is too
    /// large, or a libcurl error.
    case transport(CurlError)

    /// Why nothing serves the socket: the two say the same to a person ("start walletd") but
    /// tell a stale socket file from a missing one.
    ///
    /// ```swift
    /// if case .notRunning(_, .nothingListens) = error { print("walletd crashed or was killed; its socket file is left") }
    /// ```
    public enum NotRunning: String, Sendable, Equatable {
        /// There is no file at the socket path.
        case noSocketFile
        /// The file is there, but nothing accepts connections on it.
        case nothingListens
    }

    /// walletd's error code, when walletd answered one.
    public var code: ErrorCode? {
        guard case .answered(_, let body?) = self else { return nil }
        return body.error.code
    }

    /// The HTTP status, when walletd answered at all.
    public var status: Int? {
        switch self {
        case .answered(let status, _), .undecodable(_, let status, _): status
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .notRunning(let socket, .noSocketFile): "walletd is not running: no socket at \(socket)"
        case .notRunning(let socket, .nothingListens): "walletd is not running: nothing listens at \(socket)"
        case .noPermission(let socket): "no permission to use walletd's socket at \(socket)"
        case .timedOut(let socket): "walletd at \(socket) did not answer in time"
        case .connectionLost(let socket, let detail): "walletd at \(socket) closed the connection without answering: \(detail)"
        case .answered(let status, let body?): "walletd answered HTTP \(status) (\(body.error.code.rawValue)): \(body.error.message)"
        case .answered(let status, nil): "walletd answered HTTP \(status) without an error message"
        case .undecodable(let type, let status, let detail): "walletd's answer (HTTP \(status)) is not a \(type): \(detail)"
        case .unencodable(let type, let detail): "could not encode the request body (\(type)): \(detail)"
        case .transport(let error): "talking to walletd failed: \(error)"
        }
    }
}
