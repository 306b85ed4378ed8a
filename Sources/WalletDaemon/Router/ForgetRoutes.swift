import Foundation
import Hummingbird
import Logging
import WalletAPI
import WalletCore
import DaemonKit

/// `POST /v1/learners/{id}/forget`: "forget me on this PC". Only the learner's own session may
/// ask (the endpoint's access is `.learner`; the admin token is no session). Everything naming
/// them leaves this PC's database; the repository keeps their history, and `learner fetch` with
/// their PIN brings them back. Refused (409 `not_yet_synced`) while the repository lacks some of
/// their data; `force` forgets anyway after the PIN is checked again under login's lock-out.
struct ForgetRoutes: Sendable {
    let store: WalletStore
    let keyring: SessionKeyring
    let pinCheck: PINCheck
    let logger: Logger

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.forget) { request, context in try await forget(request, session: context.requireSession()) }
    }

    func forget(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let input = try await JSONRequestBody.decode(ForgetRequest.self, from: request, limit: 16 * 1024)
        guard let learner = try await store.learner(id: session.learnerID) else {
            throw APIError(.notFound, .learnerNotFound, "This session's learner is no longer on this PC. See `wallet-cli learner list`.")
        }
        let force = input.force ?? false
        if force {
            guard let pin = input.pin, !pin.isEmpty else {
                throw APIError.badRequest("Forgetting with force loses data the repository does not have: give the PIN again (`pin`).", code: .invalidPIN)
            }
            _ = try await pinCheck.verify(pin, of: learner, purpose: "forget")
        }
        let outcome: ForgetOutcome
        do {
            guard let forgotten = try store.forgetLearner(id: learner.id, force: force) else {
                throw APIError(.notFound, .learnerNotFound, "This session's learner is no longer on this PC. See `wallet-cli learner list`.")
            }
            outcome = forgotten
        } catch let refused as ForgetRefused {
            throw APIError(.conflict, .notYetSynced, refused.unsynced.refusal(learnerName: learner.name))
        }
        await keyring.remove(sessions: outcome.sessionTokenHashes)
        // The rows are gone; their bytes leave the files with the rewrite. VACUUM takes a while on
        // a large database: off the connection's task.
        let store = store
        let compacted: Bool
        do {
            try await Task.detached { try store.compactAfterForget() }.value
            compacted = true
        } catch {
            logger.warning("a learner was forgotten but the database could not be rewritten; their deleted rows' bytes may stay in free pages until the next forget",
                           metadata: ["error": "\(error)"])
            compacted = false
        }
        return JSONResponse.make(status: .ok, body: ForgetResponse(learner: learner.id, removed: outcome.removed, lost: outcome.lost, compacted: compacted))
    }
}
