import Foundation
import Hummingbird
import RepositoryCore
import SyncEngine
import SecurityPrimitives
import DaemonKit

/// `POST /sync/v1/devices`: a PC trades a one-time enrolment code for its device token. The only
/// sync route without a token; the code is the credential. The token is shown once here and only
/// its SHA-256 is kept. Which learners the new device holds is the store's rule
/// (`RepositoryStore.enrol`): those of a device whose old token the PC proves, or of the device a
/// replace code names; never those of a device whose replica it merely names (409 `replica_in_use`).
///
/// ```swift
/// EnrolmentRoutes(store: store).register(on: router)
/// ```
struct EnrolmentRoutes: Sendable {
    let store: any RepositoryStore

    func register(on router: Router<RepositoryRequestContext>) {
        router.post("/sync/v1/devices") { request, context in
            let body = try await JSONRequestBody.collect(request, limit: 16 * 1024)
            let enrolment: DeviceEnrolmentRequest
            do throws(SyncWireError) { enrolment = try DeviceEnrolmentRequest(body: body) } catch { throw APIError(error) }
            // The PC's proposed token lets it ask again after a lost answer (DeviceEnrolmentRequest).
            let token = enrolment.token ?? SessionToken.generate().text
            let enrolled: EnrolledDevice?
            do {
                enrolled = try await store.enrol(code: enrolment.code, replica: enrolment.replica, name: enrolment.name, token: token,
                                           previousToken: enrolment.previousToken, nowMs: SQLiteRepositoryStore.systemNowMs())
            } catch let refusal as DeviceLifecycleError {
                throw Self.apiError(refusal)
            }
            guard let device = enrolled else {
                throw APIError(.unauthorized, .invalidEnrolmentCode,
                               "This enrolment code is unknown, already used or expired. Ask the repository admin for a new one (repositoryd enrolment-code).")
            }
            context.logger.info("device enrolled", metadata: ["device": "\(device.id)", "name": "\(device.name)", "replica": "\(device.replica.rawValue)"])
            let answer = DeviceEnrolmentResponse(device: device.id, token: token, repository: try await store.replica)
            return JSONResponse.value(status: .created, answer.json)
        }
    }

    static func apiError(_ refusal: DeviceLifecycleError) -> APIError {
        switch refusal {
        case .replicaInUse: APIError(.conflict, .replicaInUse, refusal.description)
        case .noSuchDevice, .ambiguousDevice, .alreadyRevoked: APIError(.badRequest, .badRequest, refusal.description)
        }
    }
}
