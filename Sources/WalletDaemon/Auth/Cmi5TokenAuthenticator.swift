import Foundation
import Hummingbird
import WalletCore
import Basics
import DaemonKit

/// The cmi5 side of authentication, for the listener that serves launched content: turns
/// `Authorization: Basic <auth-token>` into the launch's `AuthenticatedSession` (the xAPI handlers
/// then act for that learner, and statements go through that launch's cmi5 rules), and answers
/// the fetch URL (cmi5 8.2: always 200 with JSON).
///
/// ```swift
/// let cmi5 = Cmi5TokenAuthenticator(store: store, clock: clock)
/// context.session = try await cmi5.authenticate(request)            // 401 unless a live launch token
/// return try await cmi5.fetchAnswer(fetchID: id)                     // POST on the fetch URL
/// ```
struct Cmi5TokenAuthenticator: Sendable {
    let store: WalletStore
    let clock: WallClock
    var policy: Cmi5SessionPolicy = .standard

    /// Where the loopback listener answers fetch URLs: the prefix and the one-time secret.
    static let fetchPrefix = "/cmi5/fetch/"

    func authenticate(_ request: Request) async throws -> AuthenticatedSession {
        guard let header = request.headers[.authorization], header.count > 6, header.prefix(6).lowercased() == "basic " else {
            throw APIError(.unauthorized, .unauthenticated, "Launched content sends the cmi5 auth token from its fetch URL as `Authorization: Basic <auth-token>`.")
        }
        guard let launch = try await store.cmi5Session(authToken: String(header.dropFirst(6)), policy: policy, nowMs: clock.nowMs()) else {
            throw APIError(.unauthorized, .unauthenticated, "This auth token belongs to no live launch (it ended, expired or was replaced by a newer launch). Launch the unit again.")
        }
        return .cmi5(launch)
    }

    /// The fetch URL's answer; a store that fails answers error-code 3, never an HTTP error.
    func fetchAnswer(fetchID: String) async -> Response {
        let answer: Cmi5FetchAnswer
        do {
            answer = try await store.answerCmi5Fetch(fetchID: fetchID, policy: policy, nowMs: clock.nowMs())
        } catch {
            answer = .applicationError
        }
        return JSONResponse.value(status: .ok, answer.json, headers: [.cacheControl: "no-store"])
    }
}
