import Hummingbird
import WalletAPI
import WalletCore
import DaemonKit
import Basics

/// `GET /v1/learners/{id}/progress`: per activity, read from the progress walletd keeps as
/// statements arrive (`KeptProgress`), so its cost follows the number of activities, not of
/// statements. A page at a time (`limit`, `after`), ordered by activity id. Only the learner's own
/// session may ask.
struct ProgressRoutes: Sendable {
    let store: WalletStore

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.progress) { request, context in
            try await progress(request, session: context.requireSession())
        }
    }

    func progress(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let parameters = request.uri.queryParameters
        let limit = try Self.limit(parameters.get("limit"))
        let after = try parameters.get("after").map(Self.activity(after:))
        // One more than the page, to tell whether another page follows.
        var activities = try store.progress(learnerID: session.learnerID, after: after, limit: limit + 1)
        var next: String?
        if activities.count > limit {
            activities.removeLast(activities.count - limit)
            next = activities.last.map { Base64URL.encode(Array($0.activity.utf8)) }
        }
        return JSONResponse.make(status: .ok, body: ProgressResponse(learner: session.learnerID, activities: activities, next: next))
    }

    static func limit(_ raw: String?) throws -> Int {
        guard let raw else { return ProgressResponse.defaultLimit }
        guard let limit = Int(raw), (1...ProgressResponse.maxLimit).contains(limit) else {
            throw APIError(.badRequest, .invalidParameter, "Parameter limit must be a whole number from 1 to \(ProgressResponse.maxLimit).")
        }
        return limit
    }

    /// `after` is the previous page's `next`: the last activity id shown, base64url, so that an
    /// IRI needs no escaping in the query.
    static func activity(after raw: String) throws -> String {
        guard let bytes = Base64URL.decode(raw), let activity = String(validating: bytes, as: UTF8.self), !activity.isEmpty else {
            throw APIError(.badRequest, .invalidParameter, "Parameter after must be the `next` value of the previous progress page.")
        }
        return activity
    }
}
