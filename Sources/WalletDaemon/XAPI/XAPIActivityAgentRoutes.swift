import Foundation
import Hummingbird
import WalletAPI
import WalletCore
import Basics
import DaemonKit

/// The xAPI Activities (§2.5) and Agents (§2.4) resources on `/xapi`: an Activity object with
/// the definition of the caller's learner's newest statement about it, and the Person object of
/// the caller's own learner (for any other agent, a Person made only of what the request named).
///
/// ```swift
/// XAPIActivityAgentRoutes(store: store).register(on: xapiRoutes)
/// ```
struct XAPIActivityAgentRoutes: Sendable {
    let store: WalletStore

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.getActivity) { request, context in try await activity(request, session: context.requireSession()) }
        routes.on(Endpoints.headActivity) { request, context in try await activity(request, session: context.requireSession()).withoutBody() }
        routes.on(Endpoints.getAgents) { request, context in try agents(request, session: context.requireSession()) }
        routes.on(Endpoints.headAgents) { request, context in try agents(request, session: context.requireSession()).withoutBody() }
    }


    func activity(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.getActivity.query, session: session, needsAgent: false)
        let id = try query.activityID()
        var activity: [String: JSONValue] = ["objectType": "Activity", "id": .string(id)]
        if let definition = try await store.activityDefinition(activityID: id, learnerID: session.learnerID) { activity["definition"] = definition }
        return JSONResponse.value(status: .ok, .object(activity))
    }

    /// The learner's own agent gets their Person; any other agent a Person made only of what the
    /// request gave (xAPI §2.4: all walletd knows about it), so nothing of another learner shows.
    func agents(_ request: Request, session: AuthenticatedSession) throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.getAgents.query, session: session)
        guard query.agentKey.isEmpty else {
            var person: [String: JSONValue] = ["objectType": "Person"]
            let named = (try? JSONValue(data: Data((query["agent"] ?? "").utf8))) ?? .null
            for field in ["name", "mbox", "mbox_sha1sum", "openid", "account"] {
                if let value = named[field] { person[field] = [value] }
            }
            return JSONResponse.value(status: .ok, .object(person))
        }
        let agent = XAPI.learnerAgent(id: session.learnerID, name: session.learnerName)
        let person: JSONValue = ["objectType": "Person", "name": [.string(session.learnerName)], "account": [agent["account"] ?? .null]]
        return JSONResponse.value(status: .ok, person)
    }
}
