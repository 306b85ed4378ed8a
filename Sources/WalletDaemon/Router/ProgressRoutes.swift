import Hummingbird
import WalletAPI
import WalletCore
import DaemonKit

/// `GET /v1/learners/{id}/progress`: per activity, derived from the learner's statements. Only the
/// learner's own session may ask.
struct ProgressRoutes: Sendable {
    let store: WalletStore

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.progress) { request, context in
            try await progress(request, session: context.requireSession())
        }
    }

    func progress(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let statements = try await store.activeStatements(learnerID: session.learnerID)
        let activities = ProgressDerivation.derive(from: statements)
        return JSONResponse.make(status: .ok, body: ProgressResponse(learner: session.learnerID, activities: activities))
    }
}
