import CurlClient
import Foundation
import WalletAPI

#if canImport(Glibc)
import Glibc
import Basics
#endif

/// wallet-cli's door to walletd: JSON over HTTP on the Unix socket, with every failure turned
/// into a `CLIError` that says what to do next.
struct WalletClient {
    let socketPath: String
    /// Who the session belongs to, for "log in again" hints.
    var learnerNameForHints: String?
    /// How long one request may take (a waited-for sync takes longer than the rest).
    var timeoutSeconds: Int64 = 60
    private let connection: CurlConnection

    init(socketPath: String, learnerNameForHints: String? = nil) {
        self.socketPath = socketPath
        self.learnerNameForHints = learnerNameForHints
        connection = CurlConnection(unixSocketPath: socketPath, connectTimeout: .seconds(5))
    }

    /// Sends one request and returns the answer when it is a 2xx; throws otherwise.
    ///
    /// - Parameters:
    ///   - path: path and query, already percent-encoded (`/v1/learners`, `/xapi/statements?limit=5`).
    ///   - token: the session token, sent as `Authorization: Bearer`.
    ///   - xapi: adds `X-Experience-API-Version`, which every xAPI route needs.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        body: Data? = nil,
        token: String? = nil,
        xapi: Bool = false,
        headers: [String: String] = [:]
    ) throws(CLIError) -> HTTPResponse {
        guard FileManager.default.fileExists(atPath: socketPath) else {
            throw notRunning("no socket at \(socketPath)")
        }
        var request = HTTPRequest(method: method, url: "http://localhost" + path, body: body, timeout: .seconds(timeoutSeconds))
        request.headers = headers
        request.headers["Accept"] = "application/json"
        if body != nil { request.headers["Content-Type"] = "application/json" }
        if let token { request.headers["Authorization"] = "Bearer \(token)" }
        if xapi { request.headers[XAPI.versionHeader] = XAPI.currentVersion }

        let response: HTTPResponse
        do {
            response = try connection.perform(request)
        } catch {
            throw transportError(error)
        }
        guard response.isSuccess else { throw daemonError(response) }
        return response
    }

    /// `send` with a JSON-encoded body.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        json body: some Encodable,
        token: String? = nil,
        xapi: Bool = false,
        headers: [String: String] = [:]
    ) throws(CLIError) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(body)
        } catch {
            throw CLIError(.internalError, "could not encode the request: \(error). This is a bug in wallet-cli; please report it.")
        }
        return try send(method, path, body: data, token: token, xapi: xapi, headers: headers)
    }

    /// Decodes a 2xx answer's body.
    func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse) throws(CLIError) -> T {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            throw CLIError(
                .internalError,
                "walletd's answer was not what wallet-cli expects (\(T.self)). Check that walletd and wallet-cli are the same version."
            )
        }
    }

    // MARK: - Errors

    private func notRunning(_ why: String) -> CLIError {
        CLIError(.unavailable, "walletd is not running (\(why)). Start it with: walletd --socket \(socketPath)")
    }

    private func transportError(_ error: CurlError) -> CLIError {
        switch error {
        case .couldNotConnect:
            // The file is there but connecting failed: either nothing listens (a stale socket
            // from a crashed daemon) or this user may not use it.
            if access(socketPath, R_OK | W_OK) != 0, errno == EACCES {
                return CLIError(
                    .unavailable,
                    "no permission to use walletd's socket at \(socketPath). Ask the administrator to add your user to the group that may use walletd."
                )
            }
            return notRunning("nothing listens at \(socketPath)")
        case .timedOut:
            return CLIError(.retryLater, "walletd did not answer in time; it may be busy. Try again in a moment.")
        case .connectionLost:
            return CLIError(.unavailable, "walletd closed the connection without answering. Check that it is still running (wallet-cli status) and look at its log.")
        default:
            return CLIError(.internalError, "talking to walletd failed: \(error). Check walletd's log.")
        }
    }

    private func daemonError(_ response: HTTPResponse) -> CLIError {
        guard let body = try? JSONDecoder().decode(APIErrorBody.self, from: response.body) else {
            return CLIError(ExitStatus(httpStatus: response.status), "walletd answered HTTP \(response.status) without an error message. Check walletd's log.")
        }
        let status = ExitStatus(httpStatus: response.status, code: body.error.code)
        let message = body.error.message.trimmingCharacters(in: .whitespacesAndNewlines)
        // walletd's message may already name the wallet-cli command to run; one hint is enough.
        let hint = message.contains("wallet-cli ") ? "" : hint(for: body.error.code, status: response.status)
        return CLIError(status, message + hint, code: body.error.code)
    }

    /// Adds the next step wallet-cli knows better than walletd does.
    private func hint(for code: ErrorCode, status: Int) -> String {
        let login = "wallet-cli login \(Self.shellQuoted(learnerNameForHints ?? "<name>"))"
        switch code {
        case .sessionExpired: return " Run `\(login)` to log in again."
        case .unauthenticated: return " Run `\(login)` to log in."
        case .forbidden: return " Run `\(login)` as the learner you want to act for."
        // walletd could not reach the repository: its message says where and why; walletd's
        // log has nothing more.
        case .repositoryUnreachable: return ""
        default: return status >= 500 ? " Check walletd's log." : ""
        }
    }

    /// Quotes a name for a copy-pasteable command when it holds spaces or quotes.
    static func shellQuoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "-_.@<>".contains($0) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Percent-encoding for paths and queries built by wallet-cli.
enum URLEncoding {
    /// RFC 3986 unreserved characters stay; everything else (`&`, `=`, `/`, `:`, …) is encoded,
    /// so an activity IRI survives as a single query value.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func component(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    static func query(_ items: [(String, String)]) -> String {
        items.map { component($0.0) + "=" + component($0.1) }.joined(separator: "&")
    }
}
