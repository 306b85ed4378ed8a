import CurlClient
import Foundation
import Synchronization
import SyncEngine
import WalletAPI
import WalletCore
import Basics

/// walletd's HTTP client for the repository: libcurl, one kept-alive connection per client, the
/// device token on every sync request. Blocking: call it from the sync thread, never from a
/// request handler's hot path.
///
/// ```swift
/// let client = try RepositoryClient(baseURL: "https://repo.centre.example:8443", token: token, caFile: nil)
/// let ack = try client.push(request)
/// ```
final class RepositoryClient: SyncTransport {
    let baseURL: String
    let token: String?
    private let connection: Mutex<CurlConnection>
    /// Checked before each request, so a shutting-down walletd stops between batches.
    private let isStopping: @Sendable () -> Bool

    init(baseURL: String, token: String?, caFile: String?, isStopping: @escaping @Sendable () -> Bool = { false }) throws(RepositoryError) {
        self.baseURL = try Self.validate(baseURL)
        self.token = token
        self.isStopping = isStopping
        connection = Mutex(CurlConnection(caFile: caFile, connectTimeout: .seconds(10), userAgent: "walletd/\(WalletVersion.string)"))
    }

    /// `https://` always; `http://` only to this machine, where nothing crosses a network.
    static func validate(_ url: String) throws(RepositoryError) -> String {
        let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty, components.query == nil
        else { throw .invalidURL("'\(url)' is not a repository URL; give one like https://repository.example.org:8443") }
        switch scheme {
        case "https": return trimmed
        case "http" where ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()): return trimmed
        case "http": throw .invalidURL("plain http is refused for \(host): learners' data must travel over TLS. Use https:// (and --ca-file for a private CA).")
        default: throw .invalidURL("unsupported scheme '\(scheme)'; use https://")
        }
    }

    func push(_ request: PushRequest) throws -> PushResponse {
        let response = try send(.post, "/sync/v1/push", body: Data(request.body()), timeout: .seconds(120))
        return try PushResponse(body: response.body)
    }

    func pull(_ request: PullRequest) throws -> PullResponse {
        let response = try send(.post, "/sync/v1/pull", body: Data(request.body()), timeout: .seconds(120))
        return try PullResponse(body: response.body)
    }

    func catalog() throws -> CatalogEnvelope {
        try CatalogEnvelope(body: try send(.get, "/sync/v1/catalog", body: nil, timeout: .seconds(60)).body)
    }

    func enrol(_ request: DeviceEnrolmentRequest) throws -> DeviceEnrolmentResponse {
        try DeviceEnrolmentResponse(body: try send(.post, "/sync/v1/devices", body: Data(request.body()), timeout: .seconds(30)).body)
    }

    /// `POST /sync/v1/devices/copy` with the inherited token: a device for this copy's own replica.
    func enrolCopy(_ request: DeviceCopyRequest) throws -> DeviceEnrolmentResponse {
        try DeviceEnrolmentResponse(body: try send(.post, "/sync/v1/devices/copy", body: Data(request.body()), timeout: .seconds(30)).body)
    }

    /// `POST /sync/v1/devices/token` with the current token: the repository switches to the proposed one.
    func rotateToken(_ request: DeviceTokenRotationRequest) throws -> DeviceTokenRotationResponse {
        try DeviceTokenRotationResponse(body: try send(.post, "/sync/v1/devices/token", body: Data(request.body()), timeout: .seconds(30)).body)
    }

    func fetchLearner(_ request: LearnerFetchRequest) throws -> LearnerFetchResponse {
        try LearnerFetchResponse(body: try send(.post, "/sync/v1/learners/fetch", body: Data(request.body()), timeout: .seconds(30)).body)
    }

    /// A PIN reset with the admin's code (`POST /sync/v1/learners/reset`); answers the learner as
    /// the repository now stores them.
    func resetLearner(_ request: LearnerResetRequest) throws -> LearnerFetchResponse {
        try LearnerFetchResponse(body: try send(.post, "/sync/v1/learners/reset", body: Data(request.body()), timeout: .seconds(30)).body)
    }

    /// The anchor the repository keeps for this device's audit log (`AuditAnchoring`).
    func auditAnchor() throws -> AuditAnchorResponse {
        try AuditAnchorResponse(body: try send(.get, "/sync/v1/audit/anchor", body: nil, timeout: .seconds(30)).body)
    }

    func anchorAudit(_ request: AuditAnchorRequest) throws -> AuditAnchorResponse {
        try AuditAnchorResponse(body: try send(.post, "/sync/v1/audit/anchor", body: Data(request.body()), timeout: .seconds(30)).body)
    }

    /// A public signed document of the repository (`/trust-list`, `/status/SLUG`), at most 4 MiB.
    func document(_ path: String) throws -> JSONValue {
        let response = try send(.get, path, body: nil, timeout: .seconds(60), accept: "application/json")
        guard response.body.count <= 4 << 20 else { throw RepositoryError.refused(status: 200, code: .tooLarge, message: "\(path) is larger than 4 MiB") }
        do {
            return try JSONValue(data: response.body)
        } catch {
            throw RepositoryError.refused(status: response.status, code: .invalidJSON, message: "\(path) is not JSON: \(error)")
        }
    }

    private func send(_ method: HTTPMethod, _ path: String, body: Data?, timeout: Duration,
                      accept: String = SyncWireFormat.mediaType) throws(RepositoryError) -> HTTPResponse {
        guard !isStopping() else { throw .unreachable(baseURL, "walletd is shutting down") }
        var headers = ["Content-Type": SyncWireFormat.mediaType, "Accept": accept]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        let request = HTTPRequest(method: method, url: baseURL + path, headers: headers, body: body, timeout: timeout,
                                  maxResponseBytes: 256 << 20)
        let result: Result<HTTPResponse, CurlError> = connection.withLock { connection in
            do throws(CurlError) { return .success(try connection.perform(request)) } catch { return .failure(error) }
        }
        let response: HTTPResponse
        switch result {
        case .success(let r): response = r
        case .failure(let error): throw .unreachable(baseURL, error.description)
        }
        guard response.isSuccess else { throw RepositoryError.refused(status: response.status, body: response.body) }
        return response
    }
}

/// Why talking to the repository failed, in words for `GET /v1/sync` and the CLI.
enum RepositoryError: Error, CustomStringConvertible {
    case invalidURL(String)
    /// Nothing answered (offline, server down, TLS failure): retried with backoff.
    case unreachable(String, String)
    /// The repository answered with an error.
    case refused(status: Int, code: ErrorCode, message: String)

    static func refused(status: Int, body: Data) -> RepositoryError {
        if let value = try? JSONValue(data: body), let error = value["error"],
           let code = error["code"]?.stringValue, let message = error["message"]?.stringValue {
            return .refused(status: status, code: ErrorCode(rawValue: code) ?? .repositoryError, message: message)
        }
        return .refused(status: status, code: .httpError, message: "the repository answered HTTP \(status)")
    }

    var description: String {
        switch self {
        case .invalidURL(let why): why
        case .unreachable(let url, let why): "repository unreachable at \(url): \(why)"
        case .refused(let status, let code, let message): "the repository refused (\(status) \(code.rawValue)): \(message)"
        }
    }
}

extension RepositoryError: SyncFailureClassifying {
    /// How a sync run takes this failure: nothing answered ends the run (retried with backoff);
    /// an answered refusal is sorted by its status and code (`SyncRefusal`).
    var syncFailure: SyncFailure {
        switch self {
        case .invalidURL, .unreachable: .endRun
        case .refused(let status, let code, let message): SyncRefusal(status: status, code: code, message: message).syncFailure
        }
    }
}
