import Foundation
import Hummingbird
import RepositoryCore
import SecurityPrimitives
import DaemonKit

/// Resolves `Authorization: Bearer DEVICE-TOKEN` to an enrolled device. Only the SHA-256 of a
/// token is stored, so a copy of the database does not let anyone sync as a device; a malformed
/// token is refused before any lookup.
///
/// ```swift
/// let device = try DeviceAuthenticator(store: store).authenticate(request)
/// ```
struct DeviceAuthenticator: Sendable {
    let store: any RepositoryStore

    func authenticate(_ request: Request) async throws -> EnrolledDevice {
        let token = try Self.bearerToken(request)
        guard let device = try await store.authenticate(token: token.text) else { throw Self.unknownDevice }
        // The row outlives a revocation so that its learners stay on record; its token does not.
        guard device.revokedMs == nil else { throw Self.revoked }
        return device
    }

    /// The request's bearer token, refused (401) when missing or not shaped like a device token
    /// (256 bits, base64url, made like a session token) before any lookup.
    static func bearerToken(_ request: Request) throws -> SessionToken {
        guard let header = request.headers[.authorization] else { throw Self.missingToken }
        guard case .bearer(let text) = AuthorizationHeader.parse(header) else { throw Self.missingToken }
        let token = SessionToken(text: text)
        guard token.isWellFormed else { throw Self.unknownDevice }
        return token
    }

    static let revoked = APIError(.forbidden, .deviceRevoked,
                                  "This PC's device was revoked by the repository's admin (or replaced by another enrolment). To sync again, enrol it with a new code: `wallet-cli device enrol --repository URL --code CODE` (walletd proves its old token, so the PC keeps its learners).")

    static let missingToken = APIError(.unauthorized, .unauthenticated,
                                       "Sync requests need the device token (Authorization: Bearer …). Register the PC with `wallet-cli device enrol --repository URL --code CODE`.")
    static let unknownDevice = APIError(.unauthorized, .unknownDevice,
                                        "This device token is not known here (registered with another repository, or its row was deleted). Register the PC again with a new code from `repositoryd enrolment-code`.")
}
