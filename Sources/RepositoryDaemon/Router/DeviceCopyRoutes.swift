import Foundation
import Hummingbird
import RepositoryCore
import SyncEngine
import SecurityPrimitives
import DaemonKit

/// `POST /sync/v1/devices/copy`: a PC whose database was copied from another (a cloned image, a
/// restored backup) noticed it, took a new replica id, and asks for a device of its own, proving
/// the token it inherited. Who may call it: a live device's token (the guard of the `sync/v1`
/// group); what it reaches: a new device holding exactly the learners the token's device holds,
/// which that token can already read. The token's device keeps working: the original PC is
/// still out there. A revoked token gets 403 `device_revoked` like every sync route.
///
/// ```swift
/// DeviceCopyRoutes(store: store).register(on: router.group("sync/v1"))
/// ```
struct DeviceCopyRoutes: Sendable {
    let store: any RepositoryStore

    func register(on group: RouterGroup<RepositoryRequestContext>) {
        group.post("devices/copy") { request, context in
            let parent = try context.requireDevice()
            let body = try await JSONRequestBody.collect(request, limit: 16 * 1024)
            let copy: DeviceCopyRequest
            do throws(SyncWireError) { copy = try DeviceCopyRequest(body: body) } catch { throw APIError(error) }
            // The copy proposes its token so that a retry after a lost answer is recognised; it
            // must be as strong as the ones the hub makes.
            let token = SessionToken(text: copy.token)
            guard token.isWellFormed else {
                throw APIError(.badRequest, .invalidSyncMessage, "token: must be 256 random bits in base64url (43 characters); update walletd")
            }
            let device: EnrolledDevice
            do {
                device = try await store.enrolCopy(of: parent, replica: copy.replica, name: copy.name, token: token.text, nowMs: SQLiteRepositoryStore.systemNowMs())
            } catch let refusal as DeviceLifecycleError {
                throw EnrolmentRoutes.apiError(refusal)
            }
            context.logger.notice("copied PC enrolled", metadata: ["device": "\(device.id)", "name": "\(device.name)",
                                                                   "replica": "\(device.replica.rawValue)", "copiedFrom": "\(parent.id)"])
            return JSONResponse.value(status: .created, DeviceEnrolmentResponse(device: device.id, token: token.text, repository: try await store.replica).json)
        }
    }
}
