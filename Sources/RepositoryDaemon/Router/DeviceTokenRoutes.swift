import Foundation
import Hummingbird
import RepositoryCore
import SyncEngine
import SecurityPrimitives
import DaemonKit

/// `POST /sync/v1/devices/token`: a PC replaces its device token (`wallet-cli device rotate-token`),
/// proposing the new one. Who may call it: a live device, with its current token; what it reaches:
/// that device's own token only. It sits outside the `sync/v1` group's guard because the same
/// request again after a lost answer presents the token it replaced, which the store recognises
/// for exactly that request (`SQLiteRepositoryStore.rotateDeviceToken`) and nothing else.
///
/// ```swift
/// DeviceTokenRoutes(store: store).register(on: router)
/// ```
struct DeviceTokenRoutes: Sendable {
    let store: any RepositoryStore

    func register(on router: Router<RepositoryRequestContext>) {
        router.post("/sync/v1/devices/token") { request, context in
            let presented = try DeviceAuthenticator.bearerToken(request)
            let body = try await JSONRequestBody.collect(request, limit: 16 * 1024)
            let rotation: DeviceTokenRotationRequest
            do throws(SyncWireError) { rotation = try DeviceTokenRotationRequest(body: body) } catch { throw APIError(error) }
            guard SessionToken(text: rotation.token).isWellFormed else {
                throw APIError(.badRequest, .invalidSyncMessage, "token: must be 256 random bits in base64url (43 characters); update walletd")
            }
            switch try await store.rotateDeviceToken(presented: presented.text, proposed: rotation.token, nowMs: SQLiteRepositoryStore.systemNowMs()) {
            case .rotated(let device):
                context.logger.notice("device token rotated", metadata: ["device": "\(device.id)", "name": "\(device.name)"])
                return JSONResponse.value(status: .ok, DeviceTokenRotationResponse(device: device.id).json)
            case .repeated(let device):
                return JSONResponse.value(status: .ok, DeviceTokenRotationResponse(device: device.id).json)
            case .revoked:
                throw DeviceAuthenticator.revoked
            case .unknown:
                throw DeviceAuthenticator.unknownDevice
            }
        }
    }
}
