import Hummingbird
import WalletAPI
import WalletCore
import DaemonKit

/// `GET /v1/learners/{id}/progress`: per activity, read from the progress walletd keeps as
/// statements arrive (`KeptProgress`), so its cost follows the number of activities, not of
/// statements. A page at a time (`PageQuery`), ordered by activity id. Only the learner's own
/// session may ask.
struct ProgressRoutes: Sendable {
    let store: WalletStore

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.progress) { request, context in
            try await progress(request, session: context.requireSession())
        }
    }

    func progress(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let page = try PageQuery(request, list: "progress")
        let kept = try store.progress(learnerID: session.learnerID, after: try page.afterText(), limit: page.limit)
        let next = kept.next.map { Endpoints.progress.path(session.learnerID, query: page.query(after: [$0])) }
        return JSONResponse.make(status: .ok, body: ProgressResponse(learner: session.learnerID, activities: kept.items, next: next))
    }
}
