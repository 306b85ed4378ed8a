import Hummingbird
import RepositoryCore

/// Resolves `Authorization: Bearer DEVICE-TOKEN` to a registered device. Only SHA-256 of tokens
/// is stored, so a copy of the database does not let anyone sync as a device.
///
/// ```swift
/// let device = try devices.authenticate(request)
/// ```
struct DeviceAuthenticator: Sendable {
    let store: SQLiteRepositoryStore

    func authenticate(_ request: Request) throws -> RegisteredDevice {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError(.unauthorized, "unauthenticated", "Sync requests need the device token (Authorization: Bearer …). Register the PC with `wallet-cli device register`.")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard token.utf8.count <= 128, let device = try store.authenticate(token: token) else {
            throw APIError(.unauthorized, "unknown_device", "This device token is not known here (revoked, or registered with another repository). Register the PC again with a new code.")
        }
        return device
    }
}

import Foundation
