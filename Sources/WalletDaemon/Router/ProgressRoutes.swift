import Hummingbird
import WalletAPI
import WalletCore
import DaemonKit

/// `GET /v1/learners/{id}/progress`: per activity, derived from the learner's statements. Only the
/// learner's own session may ask.
struct ProgressRoutes: Sendable {
    let store: WalletStore
    let authenticator: SessionAuthenticator

    func register(on router: Router<WalletRequestContext>) {
        router.get("/v1/learners/:id/progress") { request, context in
            try await progress(request, learnerID: context.parameters.require("id"))
        }
    }

    func progress(_ request: Request, learnerID: String) async throws -> Response {
        let session = try await authenticator.authenticate(request)
        try session.requireLearner(learnerID)
        let statements = try await store.activeStatements(learnerID: session.learnerID)
        let activities = ProgressDerivation.derive(from: statements)
        return JSONResponse.make(status: .ok, body: ProgressResponse(learner: session.learnerID, activities: activities))
    }
}
