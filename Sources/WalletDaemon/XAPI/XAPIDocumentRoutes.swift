import Foundation
import HTTPTypes
import Hummingbird
import WalletAPI
import WalletCore
import Basics
import DaemonKit

/// The xAPI document resources on `/xapi`: State (`/xapi/activities/state`, xAPI 2.0 Part 3
/// §2.3) and Agent Profile (`/xapi/agents/profile`, §2.6) with the concurrency of §1.3 (ETag on
/// GET, If-Match/If-None-Match on writes, 409 for an unconditional PUT over an Agent Profile
/// document), and the Activities (§2.5) and Agents (§2.4) resources.
///
/// Whoever calls acts for one learner (the session's, or the launch's when the loopback listener
/// mounts these routes behind a cmi5 token): the `agent` parameter must name that learner, else
/// 403, so a learner's content never reads or writes another learner's documents. Documents are
/// kept on this PC only (they do not sync).
///
/// ```swift
/// XAPIDocumentRoutes(store: store, clock: clock).register(on: xapiRoutes)
/// ```
struct XAPIDocumentRoutes: Sendable {
    let store: WalletStore
    let clock: WallClock

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.getState) { request, context in try await getState(request, session: context.requireSession()) }
        routes.on(Endpoints.putState) { request, context in try await writeState(request, session: context.requireSession(), write: .replace) }
        routes.on(Endpoints.postState) { request, context in try await writeState(request, session: context.requireSession(), write: .merge) }
        routes.on(Endpoints.deleteState) { request, context in try await deleteState(request, session: context.requireSession()) }
        routes.on(Endpoints.getAgentProfile) { request, context in try await getProfile(request, session: context.requireSession()) }
        routes.on(Endpoints.putAgentProfile) { request, context in try await writeProfile(request, session: context.requireSession(), write: .replace) }
        routes.on(Endpoints.postAgentProfile) { request, context in try await writeProfile(request, session: context.requireSession(), write: .merge) }
        routes.on(Endpoints.deleteAgentProfile) { request, context in try await deleteProfile(request, session: context.requireSession()) }
        routes.on(Endpoints.getActivity) { request, context in try await activity(request, session: context.requireSession()) }
        routes.on(Endpoints.getAgents) { request, context in try agents(request, session: context.requireSession()) }
    }

    // MARK: State

    func getState(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.getState.query, session: session)
        let activityID = try query.activityID()
        let registration = try query.registration()
        if let stateID = query["stateId"] {
            guard query["since"] == nil else { throw APIError.badRequest("since goes with the ids of several documents, not with stateId.", code: .invalidParameter) }
            return try await document(.state(learnerID: session.learnerID, activityID: activityID, registration: registration, stateID: stateID))
        }
        let ids = try await store.xapiDocumentIDs(kind: .state, learnerID: session.learnerID, activityID: activityID,
                                                  registration: registration, sinceMs: try query.since())
        return idList(ids)
    }

    func writeState(_ request: Request, session: AuthenticatedSession, write: XAPIDocumentRules.Write) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.putState.query, session: session)
        let key = XAPIDocumentKey.state(learnerID: session.learnerID, activityID: try query.activityID(), registration: try query.registration(),
                                        stateID: try Self.writableStateID(query.required("stateId")))
        return try await store(request, key: key, write: write)
    }

    func deleteState(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.deleteState.query, session: session)
        let activityID = try query.activityID()
        let registration = try query.registration()
        if let stateID = query["stateId"] {
            _ = try Self.writableStateID(stateID)
            try await mapped {
                try await store.deleteXAPIDocument(.state(learnerID: session.learnerID, activityID: activityID, registration: registration, stateID: stateID),
                                                   conditions: Self.conditions(request))
            }
        } else {
            try await store.deleteXAPIStateDocuments(learnerID: session.learnerID, activityID: activityID, registration: registration)
        }
        return Response(status: .noContent)
    }

    /// `LMS.LaunchData` is walletd's, written at each launch: content must not change or delete it
    /// (cmi5 10.2.1), and nobody else needs to.
    static func writableStateID(_ stateID: String) throws -> String {
        guard stateID != Cmi5.launchDataStateID else {
            throw APIError(.forbidden, .forbidden, "\(Cmi5.launchDataStateID) is written by walletd when it launches a unit; content may read it but not change it (cmi5 10.2.1).")
        }
        return stateID
    }

    // MARK: Agent Profile

    func getProfile(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.getAgentProfile.query, session: session)
        if let profileID = query["profileId"] {
            guard query["since"] == nil else { throw APIError.badRequest("since goes with the ids of several documents, not with profileId.", code: .invalidParameter) }
            return try await document(.agentProfile(learnerID: session.learnerID, profileID: profileID))
        }
        return idList(try await store.xapiDocumentIDs(kind: .agentProfile, learnerID: session.learnerID, sinceMs: try query.since()))
    }

    func writeProfile(_ request: Request, session: AuthenticatedSession, write: XAPIDocumentRules.Write) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.putAgentProfile.query, session: session)
        return try await store(request, key: .agentProfile(learnerID: session.learnerID, profileID: try query.required("profileId")), write: write)
    }

    func deleteProfile(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.deleteAgentProfile.query, session: session)
        let key = XAPIDocumentKey.agentProfile(learnerID: session.learnerID, profileID: try query.required("profileId"))
        try await mapped { try await store.deleteXAPIDocument(key, conditions: Self.conditions(request)) }
        return Response(status: .noContent)
    }

    // MARK: Activities and Agents

    func activity(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.getActivity.query, session: session, needsAgent: false)
        let id = try query.activityID()
        var activity: [String: JSONValue] = ["objectType": "Activity", "id": .string(id)]
        if let definition = try await store.activityDefinition(activityID: id, learnerID: session.learnerID) { activity["definition"] = definition }
        return JSONResponse.value(status: .ok, .object(activity))
    }

    func agents(_ request: Request, session: AuthenticatedSession) throws -> Response {
        _ = try XAPIDocumentQuery(request, allowed: Endpoints.getAgents.query, session: session)
        let agent = XAPI.learnerAgent(id: session.learnerID, name: session.learnerName)
        let person: JSONValue = ["objectType": "Person", "name": [.string(session.learnerName)], "account": [agent["account"] ?? .null]]
        return JSONResponse.value(status: .ok, person)
    }

    // MARK: shared

    func document(_ key: XAPIDocumentKey) async throws -> Response {
        guard let document = try await store.xapiDocument(key) else {
            throw APIError(.notFound, .notFound, "No such document for this learner on this PC (documents do not sync between PCs).")
        }
        var headers: HTTPFields = [.contentType: document.contentType, .eTag: "\"\(document.etag)\""]
        headers[.lastModified] = HTTPDate.format(ms: document.updatedMs)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(bytes: document.content)))
    }

    func idList(_ ids: (ids: [String], lastUpdatedMs: Int64?)) -> Response {
        var headers: HTTPFields = [:]
        if let last = ids.lastUpdatedMs { headers[.lastModified] = HTTPDate.format(ms: last) }
        return JSONResponse.value(status: .ok, .array(ids.ids.map(JSONValue.string)), headers: headers)
    }

    func store(_ request: Request, key: XAPIDocumentKey, write: XAPIDocumentRules.Write) async throws -> Response {
        let body = Data(try await JSONRequestBody.collect(request, limit: XAPIDocumentRules.maxBytes))
        let contentType = request.headers[.contentType] ?? "application/octet-stream"
        if XAPIDocumentRules.isJSON(contentType), (try? JSONValue(data: body)) == nil {
            throw APIError.badRequest("The document is sent as application/json but is not valid JSON.", code: .invalidJSON)
        }
        try await mapped {
            try await store.writeXAPIDocument(key, content: body, contentType: contentType, write: write,
                                              conditions: Self.conditions(request), nowMs: clock.nowMs())
        }
        return Response(status: .noContent)
    }

    static func conditions(_ request: Request) -> XAPIDocumentRules.Conditions {
        .init(ifMatch: request.headers[.ifMatch], ifNoneMatch: request.headers[.ifNoneMatch])
    }

    /// The store's refusals as the answers §1.3 and §2.2 name.
    func mapped(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as XAPIDocumentError {
            switch error {
            case .preconditionFailed(let message): throw APIError(.preconditionFailed, .preconditionFailed, message)
            case .conflict(let message): throw APIError(.conflict, .documentConflict, message)
            case .notMergeable(let message), .tooMany(let message): throw APIError.badRequest(message)
            case .tooLarge(let message): throw APIError(.contentTooLarge, .bodyTooLarge, message)
            }
        }
    }
}
