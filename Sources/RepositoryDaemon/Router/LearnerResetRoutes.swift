import Foundation
import Hummingbird
import RepositoryCore
import Credentials
import SyncEngine
import SecurityPrimitives
import DaemonKit

/// `POST /sync/v1/learners/reset`: a learner who forgot their PIN sets a new one, with a new holder
/// key, using the one-time code the repository admin made after an assessor checked who they are
/// (`repositoryd learner reset-pin`). The code is the admin's word, so the asking device is linked
/// to the learner, as a fetch with the PIN would. Refused codes are counted per learner (a lock
/// like the fetch's) and asks per device are limited, so codes cannot be guessed. The repository
/// signs a reset statement (`LearnerResetStatement`) with its trust-list key, so the learner's
/// other PCs believe the new holder DID.
///
/// ```swift
/// LearnerResetRoutes(store: store, publisher: publisher).register(on: router.group("sync/v1"))
/// ```
struct LearnerResetRoutes: Sendable {
    let store: any RepositoryStore
    let publisher: CredentialPublisher
    /// Resets per device: 10 at once, then one every 6 minutes. The per-learner lock bounds the
    /// guesses at one learner's code; this bounds a device spreading guesses over many learners.
    let perDevice = RateLimiter(burst: 10, refillMs: 360_000)

    func register(on group: RouterGroup<RepositoryRequestContext>) {
        group.post("learners/reset") { request, context in
            let device = try context.requireDevice()
            let now = SQLiteRepositoryStore.systemNowMs()
            if let waitMs = await perDevice.take(device.id, nowMs: now) {
                let seconds = max(1, (waitMs + 999) / 1000)
                var error = APIError(.tooManyRequests, .rateLimited, "This PC tried too many PIN reset codes in a short time. Try again in \(seconds) s.")
                error.headers[.retryAfter] = String(seconds)
                throw error
            }
            let body = try await JSONRequestBody.collect(request, limit: 32 * 1024)
            let asked: LearnerResetRequest
            do throws(SyncWireError) { asked = try LearnerResetRequest(body: body) } catch { throw APIError(error) }
            let key = try publisher.authority.keyring.repositoryKey()
            let reset = LearnerReset(learner: asked.record, code: asked.code) { claim in
                try LearnerResetStatement.sign(learner: claim.learner, generation: claim.generation, holderDID: claim.holderDID, atMs: now, key: key)
            }
            switch try await store.resetLearner(reset, device: device.id, nowMs: now) {
            case .reset(let learner):
                return JSONResponse.value(status: .ok, LearnerFetchResponse(learner: learner).json)
            case .notFound:
                throw APIError(.notFound, .learnerNotFound,
                               "The repository knows no learner \(asked.learner). Check the id on the paper the centre admin gave with the code.")
            case .codeRefused:
                throw APIError(.forbidden, .resetCodeRefused,
                               "This reset code is not valid for this learner (mistyped, expired or used already). Check it, or ask the centre admin for a new one (`repositoryd learner reset-pin`).")
            case .locked(let untilMs):
                let seconds = max(1, (untilMs - now + 999) / 1000)
                var error = APIError(.tooManyRequests, .learnerLocked, "Too many wrong reset codes for this learner: try again in \(seconds) s.")
                error.headers[.retryAfter] = String(seconds)
                throw error
            case .claimRefused(let why):
                throw APIError(.unprocessableContent, .learnerClaimRefused,
                               "The repository cannot take the new PIN and key: \(why). The code was not used; sync this PC, then try again.")
            }
        }
    }
}
