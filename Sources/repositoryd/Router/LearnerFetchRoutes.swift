import Foundation
import Hummingbird
import RepositoryCore
import SyncEngine
import WalletCore

/// `POST /sync/v1/learners/fetch`: a registered device asks for a learner, who proves it is them
/// with their PIN. Wrong PINs are counted per learner and lock them out for a growing time, so a
/// device cannot be used to guess.
struct LearnerFetchRoutes: Sendable {
    let store: SQLiteRepositoryStore
    let devices: DeviceAuthenticator

    func register(on router: Router<RepositoryRequestContext>) {
        router.post("/sync/v1/learners/fetch") { request, _ in
            let device = try devices.authenticate(request)
            let body = try await JSONBody.collect(request, limit: 16 * 1024)
            let fetch: LearnerFetchRequest
            do throws(SyncWireError) { fetch = try LearnerFetchRequest(body: body) } catch { throw APIError(error) }
            guard let known = try store.learner(id: fetch.learner.lowercased()) else {
                throw APIError(.notFound, "learner_not_found", "The repository knows no learner \(fetch.learner). Check the id; a learner created on another PC is known after that PC has synced.")
            }
            let now = SQLiteRepositoryStore.systemNowMs()
            if known.lockedUntilMs > now {
                throw APIError(.tooManyRequests, "learner_locked", "Too many wrong PINs: try again in \((known.lockedUntilMs - now + 999) / 1000) s.")
            }
            let learner = known.learner
            guard let salt = Base64URL.decode(learner.pinSalt), let hash = Base64URL.decode(learner.pinHash) else {
                throw RepositoryStoreError.corrupt("PIN hash of \(learner.id)")
            }
            let pin = PINHash(salt: salt, hash: hash, cost: PINHash.Cost(logN: learner.logN, blockSize: learner.blockSize, parallelism: learner.parallelism))
            let matches = await Task.detached { pin.matches(pin: fetch.pin) }.value
            let lockedUntil = try store.recordFetchAttempt(learnerID: learner.id, success: matches, nowMs: now)
            guard matches else {
                if lockedUntil > now {
                    throw APIError(.tooManyRequests, "learner_locked", "Wrong PIN, and too many of them: try again in \((lockedUntil - now + 999) / 1000) s.")
                }
                throw APIError(.unauthorized, "wrong_pin", "Wrong PIN for this learner.")
            }
            try store.link(device: device.id, learner: learner.id)
            return JSONBody.response(status: .created, LearnerFetchResponse(learner: learner).json)
        }
    }
}
