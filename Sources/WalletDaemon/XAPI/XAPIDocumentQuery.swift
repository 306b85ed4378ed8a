import Foundation
import Hummingbird
import WalletCore
import Basics
import DaemonKit

/// The query of a document resource request, checked: no parameter outside `allowed` (400), no
/// parameter twice, and an `agent` that is a JSON Agent or Identified Group (400 otherwise).
/// Any agent may be named (xAPI tools and conformance suites use arbitrary ones); `agentKey` is
/// its key within the caller's own learner's documents ("" for the learner's own agent), so
/// naming another learner's agent reaches nothing of theirs.
///
/// ```swift
/// let query = try XAPIDocumentQuery(request, allowed: Endpoints.getState.query, session: session)
/// let activityID = try query.activityID()
/// ```
struct XAPIDocumentQuery {
    private let values: [String: String]
    /// The named agent within the caller's learner's documents: "" for the learner's own agent,
    /// else its `AgentIdentity` key; "" when the resource names no agent.
    let agentKey: String

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
        agentKey = needsAgent ? try Self.agentKey(values["agent"], session: session) : ""
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

    static func agentKey(_ text: String?, session: AuthenticatedSession) throws -> String {
        guard let text else { throw APIError.badRequest("This request needs the parameter agent (a JSON Agent).", code: .invalidParameter) }
        guard let agent = try? JSONValue(data: Data(text.utf8)), case .object(let fields) = agent,
              ["Agent", "Group"].contains(agent["objectType"]?.stringValue ?? "Agent"),
              ["mbox", "mbox_sha1sum", "openid", "account"].filter({ fields[$0] != nil }).count == 1, let key = AgentIdentity.key(of: agent) else {
            throw APIError.badRequest("agent must be a JSON Agent (or Identified Group) with one identifier, such as the launch's actor.",
                                      code: .invalidParameter)
        }
        return key == AgentIdentity.key(of: XAPI.learnerAgent(id: session.learnerID, name: session.learnerName)) ? "" : key
    }
}
