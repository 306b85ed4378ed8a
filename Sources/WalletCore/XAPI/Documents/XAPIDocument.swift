import Crypto
import Foundation
import Basics

/// Where an xAPI document lives (xAPI 2.0 Part 3 §2.2–2.6): a State document by activity, agent,
/// optional registration and stateId; an Agent Profile document by agent and profileId; an
/// Activity Profile document by activity and profileId. Every document belongs to the learner the
/// caller acts for (`learnerID`), on this PC only; State and Agent Profile documents are further
/// keyed by the agent the request names (`agent`, "" for the learner's own agent), so a caller
/// may name any agent (as xAPI tools and conformance suites do) yet only ever reaches documents
/// its own learner stored.
///
/// ```swift
/// let key = XAPIDocumentKey.state(learnerID: ana.id, activityID: launch.activityID,
///                                 registration: launch.registration, stateID: "LMS.LaunchData")
/// ```
public struct XAPIDocumentKey: Sendable, Equatable {
    /// Activity Profile documents are kept per learner too: content of one learner never sees
    /// what another's stored, at the price of xAPI's sharing across agents.
    public enum Kind: Int, Sendable { case state = 0, agentProfile = 1, activityProfile = 2 }

    public var kind: Kind
    public var learnerID: String
    /// "" for Agent Profile documents.
    public var activityID: String
    /// "" when the request named none (a State document without registration is a different one).
    public var registration: String
    public var documentID: String
    /// The named agent's `AgentIdentity` key, or "" when it is the learner's own agent (so the
    /// documents of the learner's own agent, `LMS.LaunchData` among them, need no agent text).
    /// Always "" for Activity Profile documents, which name no agent.
    public var agent: String = ""

    public static func state(learnerID: String, agent: String = "", activityID: String, registration: String?, stateID: String) -> XAPIDocumentKey {
        XAPIDocumentKey(kind: .state, learnerID: learnerID, activityID: activityID, registration: registration?.lowercased() ?? "",
                        documentID: stateID, agent: agent)
    }

    public static func activityProfile(learnerID: String, activityID: String, profileID: String) -> XAPIDocumentKey {
        XAPIDocumentKey(kind: .activityProfile, learnerID: learnerID, activityID: activityID, registration: "", documentID: profileID)
    }

    public static func agentProfile(learnerID: String, agent: String = "", profileID: String) -> XAPIDocumentKey {
        XAPIDocumentKey(kind: .agentProfile, learnerID: learnerID, activityID: "", registration: "", documentID: profileID, agent: agent)
    }
}

/// A stored document: its bytes, media type, ETag and when it last changed.
public struct XAPIDocument: Sendable, Equatable {
    public var content: Data
    public var contentType: String
    /// Unquoted lowercase hex SHA-1 of the content (xAPI 2.0 Part 3 §1.3 still asks for SHA-1).
    public var etag: String
    public var updatedMs: Int64

    public init(content: Data, contentType: String, updatedMs: Int64) {
        self.content = content
        self.contentType = contentType
        self.etag = Self.etag(of: content)
        self.updatedMs = updatedMs
    }

    public static func etag(of content: Data) -> String {
        Hex.lowercase(Insecure.SHA1.hash(data: content))
    }

    public var isJSON: Bool { XAPIDocumentRules.isJSON(contentType) }
}

/// What a write of a document may find and do, and why it was refused.
public enum XAPIDocumentError: Error, Sendable, Equatable {
    /// 412: If-Match named another ETag, or If-None-Match: * found a document.
    case preconditionFailed(String)
    /// 409: a PUT without If-Match or If-None-Match found an Agent or Activity Profile document (§1.3).
    case conflict(String)
    /// 400: a POST could not merge (not both JSON objects).
    case notMergeable(String)
    /// 413: the document (after a merge too) is larger than `XAPIDocumentRules.maxBytes`.
    case tooLarge(String)
    /// 400: the learner holds `XAPIDocumentRules.maxDocumentsPerLearner` documents already.
    case tooMany(String)

    public var message: String {
        switch self {
        case .preconditionFailed(let m), .conflict(let m), .notMergeable(let m), .tooLarge(let m), .tooMany(let m): m
        }
    }
}
