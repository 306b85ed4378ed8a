import Foundation
import Hummingbird
import SyncEngine
import WalletAPI
import WalletCore
import DaemonKit

/// `GET /v1/device` (anyone: which repository this PC syncs with), `POST /v1/device` (admin
/// only: enrol this PC with a repository using a one-time code from its admin) and
/// `POST /v1/device/token` (admin only: replace the device token).
struct DeviceRoutes: Sendable {
    let store: WalletStore
    let sync: SyncService
    let clock: WallClock

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.device) { _, _ in try info() }
        routes.on(Endpoints.enrol) { request, _ in try await enrol(request) }
        routes.on(Endpoints.rotateDeviceToken) { _, _ in try await rotateToken() }
    }

    /// Proposes a new device token and sends it to the repository with the current one. The
    /// proposal is kept until the repository confirms, so when the answer is lost the next sync
    /// run sends the same request again (`SyncService`), which the repository answers as done. A
    /// sync run going at the same moment may fail once with the old token; the next one uses
    /// the new.
    func rotateToken() async throws -> Response {
        let identity = try store.syncIdentity()
        guard identity.isRegistered, let repository = identity.repository else {
            throw APIError(.conflict, .notRegistered, "This PC is not registered with a repository, so it has no device token. The centre admin runs `wallet-cli device enrol --repository URL --code CODE`.")
        }
        let next = try store.nextDeviceToken()
        do {
            let client = try RepositoryClient(baseURL: repository, token: identity.token, caFile: identity.caFile)
            let request = DeviceTokenRotationRequest(token: next)
            _ = try await Task.detached { try client.rotateToken(request) }.value
        } catch let error as RepositoryError {
            var refusal = Self.apiError(error)
            if case .refused(let status, _, _) = error, SyncService.isFinal(status) {
                // Refused for good: the sync runs must not send it again.
                try store.dropNextDeviceToken(next)
                refusal.message += " The current token stays in use."
            } else {
                refusal.message += " The new token is kept: walletd sends the same request again at its next sync, so nothing is lost."
            }
            throw refusal
        }
        try store.adoptRotatedToken(next, nowMs: clock.nowMs())
        _ = sync.requestRun()
        return try info()
    }

    func info() throws -> Response {
        let identity = try store.syncIdentity()
        let previous = try store.previousReplicas()
        return JSONResponse.make(status: .ok, body: DeviceInfo(registered: identity.isRegistered, repository: identity.repository,
                                                               device: identity.device, replica: identity.replica, caFile: identity.caFile,
                                                               previousReplicas: previous.isEmpty ? nil : previous,
                                                               tokenSince: identity.isRegistered ? identity.tokenMs.map(SyncService.isoTime) : nil))
    }

    func enrol(_ request: Request) async throws -> Response {
        let input = try await JSONRequestBody.decode(EnrolDeviceRequest.self, from: request, limit: 16 * 1024)
        if let caFile = input.caFile {
            guard caFile.hasPrefix("/") else { throw APIError.badRequest("caFile must be an absolute path.", code: .invalidCAFile) }
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw APIError.badRequest("walletd cannot read the CA file \(caFile). Put it where walletd's user can read it.", code: .invalidCAFile)
            }
        }
        let identity = try store.syncIdentity()
        guard let replica = ReplicaID(validating: identity.replica) else { throw WalletSyncError.corruptIdentity }
        let code = input.code.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.utf8.count <= 64 else { throw APIError.badRequest("Give the enrolment code the repository admin made.", code: .invalidEnrolmentCode) }
        let name = (input.name?.isEmpty == false ? input.name : nil) ?? ProcessInfo.processInfo.hostName
        let client: RepositoryClient
        do {
            client = try RepositoryClient(baseURL: input.repository, token: nil, caFile: input.caFile)
        } catch {
            throw APIError.badRequest(error.description, code: .invalidRepositoryURL)
        }
        // The token this PC held proves it is the PC that held its learners (a revoked PC, or one
        // enrolled again), so they stay with it. Sent only to the repository it came from: a
        // token is never shown to another server.
        let previousToken = identity.repository == client.baseURL ? identity.token : nil
        // Proposed and kept until the answer arrives, so a retry after a lost answer is the same
        // request and gets the device the repository already made.
        let enrolment = DeviceEnrolmentRequest(code: code, replica: replica, name: String(name.prefix(200)), previousToken: previousToken,
                                               token: try store.copyToken())
        let answer: DeviceEnrolmentResponse
        do {
            answer = try await Task.detached { try client.enrol(enrolment) }.value
        } catch let error as RepositoryError {
            throw Self.apiError(error)
        }
        try store.enrol(repository: client.baseURL, device: answer.device, token: answer.token, caFile: input.caFile, nowMs: clock.nowMs())
        _ = sync.requestRun()
        return JSONResponse.make(status: .created, body: DeviceInfo(registered: true, repository: client.baseURL, device: answer.device,
                                                                    replica: identity.replica, caFile: input.caFile))
    }

    /// The repository's refusal passed on with its code; unreachable becomes 503.
    static func apiError(_ error: RepositoryError) -> APIError {
        switch error {
        case .invalidURL(let why): return APIError.badRequest(why, code: .invalidRepositoryURL)
        case .unreachable: return APIError(.serviceUnavailable, .repositoryUnreachable, "\(error). Check the URL and the network, then try again.")
        case .refused(let status, let code, let message):
            let passOn: HTTPResponse.Status = [400, 401, 403, 404, 409, 422, 429].contains(status) ? .init(code: status) : .badGateway
            return APIError(passOn, code, message)
        }
    }
}
