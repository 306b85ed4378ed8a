import Hummingbird
import WalletAPI
import WalletCore
import DaemonKit

/// `GET /v1/learners/{id}/progress`: per activity, read from the progress walletd keeps as
/// statements arrive (`KeptProgress`), so its cost follows the number of activities, not of
/// statements. Only the learner's own session may ask.
struct ProgressRoutes: Sendable {
    let store: WalletStore

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.progress) { request, context in
            try await progress(request, session: context.requireSession())
        }
    }

    func progress(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let activities = try store.progress(learnerID: session.learnerID)
        return JSONResponse.make(status: .ok, body: ProgressResponse(learner: session.learnerID, activities: activities))
    }
}
