import Foundation
import Hummingbird
import WalletCore
import Basics
import DaemonKit

/// The query of a document resource request, checked: no parameter outside `allowed` (400), no
/// parameter twice, and an `agent` that is the caller's own learner (400 when it is no Agent,
/// 403 when it is someone else: a learner's content never reaches another learner's documents).
///
/// ```swift
/// let query = try XAPIDocumentQuery(request, allowed: Endpoints.getState.query, session: session)
/// let activityID = try query.activityID()
/// ```
struct XAPIDocumentQuery {
    private let values: [String: String]

    init(_ request: Request, allowed: [String], session: AuthenticatedSession, needsAgent: Bool = true) throws {
        var values: [String: String] = [:]
        for (name, value) in StatementRoutes.queryParameters(request) {
            guard allowed.contains(name) else {
                throw APIError.badRequest("Unknown parameter \(name); this resource takes \(allowed.joined(separator: ", ")).", code: .invalidParameter)
            }
            guard values.updateValue(value, forKey: name) == nil else {
                throw APIError.badRequest("The parameter \(name) appears twice.", code: .invalidParameter)
            }
        }
        self.values = values
        if needsAgent { try Self.checkAgent(values["agent"], session: session) }
    }

    subscript(name: String) -> String? { values[name] }

    func required(_ name: String) throws -> String {
        guard let value = values[name], !value.isEmpty else {
            throw APIError.badRequest("This request needs the parameter \(name).", code: .invalidParameter)
        }
        return value
    }

    /// `activityId`: required, an IRI (it has a scheme).
    func activityID() throws -> String {
        let id = try required("activityId")
        guard let colon = id.firstIndex(of: ":"), colon != id.startIndex, !id.contains(" ") else {
            throw APIError.badRequest("activityId must be an IRI (such as https://example.org/activity/1).", code: .invalidParameter)
        }
        return id
    }

    func registration() throws -> String? {
        guard let registration = values["registration"] else { return nil }
        guard UUID(uuidString: registration) != nil else { throw APIError.badRequest("registration must be a UUID.", code: .invalidParameter) }
        return registration.lowercased()
    }

    /// `since`: an ISO 8601 timestamp, as milliseconds.
    func since() throws -> Int64? {
        guard let since = values["since"] else { return nil }
        guard let ms = Timestamp.parse(since) else {
            throw APIError.badRequest("since must be an ISO 8601 timestamp with a time zone (2026-01-31T09:00:00Z).", code: .invalidParameter)
        }
        return ms
    }

    static func checkAgent(_ text: String?, session: AuthenticatedSession) throws {
        guard let text else { throw APIError.badRequest("This request needs the parameter agent (a JSON Agent).", code: .invalidParameter) }
        guard let agent = try? JSONValue(data: Data(text.utf8)), case .object = agent,
              agent["objectType"]?.stringValue ?? "Agent" == "Agent", let key = AgentIdentity.key(of: agent) else {
            throw APIError.badRequest("agent must be a JSON Agent with one identifier (the launch's actor).", code: .invalidParameter)
        }
        guard key == AgentIdentity.key(of: XAPI.learnerAgent(id: session.learnerID, name: session.learnerName)) else {
            throw APIError(.forbidden, .forbidden, "agent is not the learner of this session: documents are kept for the caller's own learner only.")
        }
    }
}
