import Foundation
import Hummingbird
import RepositoryCore
import SyncEngine
import SecurityPrimitives
import DaemonKit

/// `POST /sync/v1/devices`: a PC trades a one-time enrolment code for its device token. The only
/// sync route without a token; the code is the credential. The token is shown once here and only
/// its SHA-256 is kept.
///
/// ```swift
/// EnrolmentRoutes(store: store).register(on: router)
/// ```
struct EnrolmentRoutes: Sendable {
    let store: any RepositoryStore

    func register(on router: Router<RepositoryRequestContext>) {
        router.post("/sync/v1/devices") { request, _ in
            let body = try await JSONRequestBody.collect(request, limit: 16 * 1024)
            let enrolment: DeviceEnrolmentRequest
            do throws(SyncWireError) { enrolment = try DeviceEnrolmentRequest(body: body) } catch { throw APIError(error) }
            let token = SessionToken.generate().text
            guard let device = try store.enrol(code: enrolment.code, replica: enrolment.replica, name: enrolment.name, token: token,
                                               nowMs: SQLiteRepositoryStore.systemNowMs())
            else {
                throw APIError(.unauthorized, .invalidEnrolmentCode,
                               "This enrolment code is unknown, already used or expired. Ask the repository admin for a new one (repositoryd enrolment-code).")
            }
            let answer = DeviceEnrolmentResponse(device: device.id, token: token, repository: try store.replica)
            return JSONResponse.value(status: .created, answer.json)
        }
    }
}
