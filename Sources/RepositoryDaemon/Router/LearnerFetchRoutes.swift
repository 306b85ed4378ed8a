import Foundation
import Hummingbird
import RepositoryCore
import SyncEngine
import SecurityPrimitives
import DaemonKit

/// `POST /sync/v1/learners/fetch`: an enrolled device asks for a learner, who proves it is them
/// with their PIN. Wrong PINs are counted per learner and lock them out for a growing time, so a
/// device cannot be used to guess. A successful fetch lets the device pull the learner.
///
/// ```swift
/// LearnerFetchRoutes(store: store).register(on: router.group("sync/v1"))
/// ```
struct LearnerFetchRoutes: Sendable {
    let store: any RepositoryStore
    /// One PIN check per learner at a time, across every request.
    let turns = KeyedTurns()
    /// Fetches per device: 60 at once, then one a minute. The lock-out bounds guesses per learner;
    /// this bounds a rogue device spreading five guesses over every learner it can name.
    let perDevice = RateLimiter(burst: 60, refillMs: 60_000)

    func register(on group: RouterGroup<RepositoryRequestContext>) {
        group.post("learners/fetch") { request, context in
            let device = try context.requireDevice()
            if let waitMs = await perDevice.take(device.id, nowMs: SQLiteRepositoryStore.systemNowMs()) {
                let seconds = max(1, (waitMs + 999) / 1000)
                var error = APIError(.tooManyRequests, .rateLimited, "This PC asked for too many learners in a short time. Try again in \(seconds) s.")
                error.headers[.retryAfter] = String(seconds)
                throw error
            }
            let body = try await JSONRequestBody.collect(request, limit: 16 * 1024)
            let fetch: LearnerFetchRequest
            do throws(SyncWireError) { fetch = try LearnerFetchRequest(body: body) } catch { throw APIError(error) }
            let fetcher = LearnerFetcher(store: store, turns: turns)
            switch try await fetcher.fetch(learnerID: fetch.learner.lowercased(), pin: fetch.pin, device: device.id, clock: SQLiteRepositoryStore.systemNowMs) {
            case .found(let learner):
                try await store.link(device: device.id, learner: learner.id)
                return JSONResponse.value(status: .ok, LearnerFetchResponse(learner: learner).json)
            case .notFound:
                throw APIError(.notFound, .learnerNotFound,
                               "The repository knows no learner \(fetch.learner). Check the id; a learner created on another PC is known once that PC has synced.")
            case .wrongPIN:
                throw APIError(.unauthorized, .wrongPIN, "Wrong PIN for this learner. After \(LoginThrottle.freeAttempts) wrong PINs the learner is locked for a while.")
            case .locked(let untilMs):
                let seconds = max(1, (untilMs - SQLiteRepositoryStore.systemNowMs() + 999) / 1000)
                var error = APIError(.tooManyRequests, .learnerLocked, "Too many wrong PINs for this learner: try again in \(seconds) s.")
                error.headers[.retryAfter] = String(seconds)
                throw error
            case .busy:
                var error = APIError(.tooManyRequests, .learnerLocked, "Too many fetches of this learner are waiting: try again in a few seconds.")
                error.headers[.retryAfter] = "5"
                throw error
            case .unusableHash:
                throw APIError(.unprocessableContent, .pinHashUnusable,
                               "The PIN hash the repository holds for this learner cannot be checked (unreadable, or made with a cost beyond the repository's limit). Fetch the learner's data on the PC they were created on.")
            }
        }
    }
}
