import Foundation
import HTTPTypes
import Hummingbird
import WalletAPI
import WalletCore
import Basics
import DaemonKit

/// The xAPI document resources on `/xapi`: State (`/xapi/activities/state`, xAPI 2.0 Part 3
/// §2.3), Agent Profile (`/xapi/agents/profile`, §2.6) and Activity Profile
/// (`/xapi/activities/profile`, §2.7) with the concurrency of §1.3 (ETag on GET,
/// If-Match/If-None-Match on writes, 409 for an unconditional PUT over a profile document), and
/// the Activities (§2.5) and Agents (§2.4) resources (`XAPIActivityAgentRoutes`).
///
/// Whoever calls acts for one learner (the session's, or the launch's when the loopback listener
/// mounts these routes behind a cmi5 token). The `agent` parameter may name any agent, but every
/// document is kept under the caller's learner and then the named agent (`XAPIDocumentKey.agent`),
/// so naming another learner's agent reaches an empty, separate set, never their documents.
/// Activity Profile documents, which name no agent, are kept per learner too. Documents are kept on this
/// PC only (they do not sync).
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
        routes.on(Endpoints.headState) { request, context in try await getState(request, session: context.requireSession()).withoutBody() }
        routes.on(Endpoints.headAgentProfile) { request, context in try await getProfile(request, session: context.requireSession()).withoutBody() }
        routes.on(Endpoints.getActivityProfile) { request, context in try await getActivityProfile(request, session: context.requireSession()) }
        routes.on(Endpoints.headActivityProfile) { request, context in
            try await getActivityProfile(request, session: context.requireSession()).withoutBody()
        }
        routes.on(Endpoints.putActivityProfile) { request, context in
            try await writeActivityProfile(request, session: context.requireSession(), write: .replace)
        }
        routes.on(Endpoints.postActivityProfile) { request, context in
            try await writeActivityProfile(request, session: context.requireSession(), write: .merge)
        }
        routes.on(Endpoints.deleteActivityProfile) { request, context in try await deleteActivityProfile(request, session: context.requireSession()) }
        XAPIActivityAgentRoutes(store: store).register(on: routes)
    }

    // MARK: State

    func getState(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.getState.query, session: session)
        let activityID = try query.activityID()
        let registration = try query.registration()
        if let stateID = query["stateId"] {
            guard query["since"] == nil else { throw APIError.badRequest("since goes with the ids of several documents, not with stateId.", code: .invalidParameter) }
            return try await document(.state(learnerID: session.learnerID, agent: query.agentKey, activityID: activityID, registration: registration, stateID: stateID))
        }
        let ids = try await store.xapiDocumentIDs(kind: .state, learnerID: session.learnerID, agent: query.agentKey, activityID: activityID,
                                                  registration: registration, sinceMs: try query.since())
        return idList(ids)
    }

    func writeState(_ request: Request, session: AuthenticatedSession, write: XAPIDocumentRules.Write) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.putState.query, session: session)
        let key = XAPIDocumentKey.state(learnerID: session.learnerID, agent: query.agentKey, activityID: try query.activityID(), registration: try query.registration(),
                                        stateID: try Self.writableStateID(query.required("stateId")))
        return try await storeDocument(request, key: key, write: write)
    }

    func deleteState(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.deleteState.query, session: session)
        let activityID = try query.activityID()
        let registration = try query.registration()
        if let stateID = query["stateId"] {
            _ = try Self.writableStateID(stateID)
            try await mapped {
                try await store.deleteXAPIDocument(.state(learnerID: session.learnerID, agent: query.agentKey, activityID: activityID, registration: registration, stateID: stateID),
                                                   conditions: Self.conditions(request))
            }
        } else {
            try await store.deleteXAPIStateDocuments(learnerID: session.learnerID, agent: query.agentKey, activityID: activityID, registration: registration)
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
            return try await document(.agentProfile(learnerID: session.learnerID, agent: query.agentKey, profileID: profileID))
        }
        return idList(try await store.xapiDocumentIDs(kind: .agentProfile, learnerID: session.learnerID, agent: query.agentKey, sinceMs: try query.since()))
    }

    func writeProfile(_ request: Request, session: AuthenticatedSession, write: XAPIDocumentRules.Write) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.putAgentProfile.query, session: session)
        return try await storeDocument(request, key: .agentProfile(learnerID: session.learnerID, agent: query.agentKey, profileID: try query.required("profileId")), write: write)
    }

    func deleteProfile(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.deleteAgentProfile.query, session: session)
        let key = XAPIDocumentKey.agentProfile(learnerID: session.learnerID, agent: query.agentKey, profileID: try query.required("profileId"))
        try await mapped { try await store.deleteXAPIDocument(key, conditions: Self.conditions(request)) }
        return Response(status: .noContent)
    }

    // MARK: Activity Profile

    func getActivityProfile(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.getActivityProfile.query, session: session, needsAgent: false)
        let activityID = try query.activityID()
        if let profileID = query["profileId"] {
            guard query["since"] == nil else { throw APIError.badRequest("since goes with the ids of several documents, not with profileId.", code: .invalidParameter) }
            return try await document(.activityProfile(learnerID: session.learnerID, activityID: activityID, profileID: profileID))
        }
        return idList(try await store.xapiDocumentIDs(kind: .activityProfile, learnerID: session.learnerID, activityID: activityID, sinceMs: try query.since()))
    }

    func writeActivityProfile(_ request: Request, session: AuthenticatedSession, write: XAPIDocumentRules.Write) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.putActivityProfile.query, session: session, needsAgent: false)
        let key = XAPIDocumentKey.activityProfile(learnerID: session.learnerID, activityID: try query.activityID(), profileID: try query.required("profileId"))
        return try await storeDocument(request, key: key, write: write)
    }

    func deleteActivityProfile(_ request: Request, session: AuthenticatedSession) async throws -> Response {
        let query = try XAPIDocumentQuery(request, allowed: Endpoints.deleteActivityProfile.query, session: session, needsAgent: false)
        let key = XAPIDocumentKey.activityProfile(learnerID: session.learnerID, activityID: try query.activityID(), profileID: try query.required("profileId"))
        try await mapped { try await store.deleteXAPIDocument(key, conditions: Self.conditions(request)) }
        return Response(status: .noContent)
    }
}
