import WalletAPI
import Basics

/// What a statement store needs to filter queries without parsing the statement's JSON again.
///
/// Built once when a statement is stored; the sets feed the store's lookup tables for the xAPI
/// `GET /statements` filters:
///
/// | filter | matches against |
/// | --- | --- |
/// | `verb` | `verbID` |
/// | `registration` | `registration` |
/// | `activity` | `activityIDs` (the Object, when it is an Activity) |
/// | `activity` + `related_activities=true` | `relatedActivityIDs` |
/// | `agent` | `agentKeys` (Actor and Object, and the members of a Group there) |
/// | `agent` + `related_agents=true` | `relatedAgentKeys` |
///
/// A statement whose Object is a StatementRef also matches when its target matches
/// (`statementRefTarget`); the store follows that link.
///
/// ```swift
/// let index = StatementIndex(statement: statement)
/// if index.isVoiding, let target = index.statementRefTarget { markVoided(target) }
/// for activity in index.relatedActivityIDs {
///     insertActivityRow(activity, relatedOnly: !index.activityIDs.contains(activity))
/// }
/// ```
public struct StatementIndex: Sendable, Equatable {
    /// `verb.id`, or "" when the statement has none (an invalid statement never reaches a store).
    public var verbID: String
    /// True when the verb is `http://adlnet.gov/expapi/verbs/voided`.
    public var isVoiding: Bool
    /// The lowercased `object.id` when the Object is a StatementRef.
    public var statementRefTarget: String?
    /// The lowercased `context.registration`.
    public var registration: String?
    /// The Object's id when the Object is an Activity (the plain `activity` filter).
    public var activityIDs: Set<String>
    /// The Object, every context Activity, and the same inside a SubStatement Object; always a
    /// superset of `activityIDs` (the `activity` filter with `related_activities=true`).
    public var relatedActivityIDs: Set<String>
    /// Agent keys (see `AgentIdentity`) of the Actor and of an Agent/Group Object, with the
    /// members of those Groups: xAPI counts a Group as a match for the `agent` filter when one of
    /// its members matches.
    public var agentKeys: Set<String>
    /// `agentKeys` plus authority, context instructor and team, 2.0 `contextAgents` and
    /// `contextGroups`, with Group members, and the same inside a SubStatement Object (the `agent`
    /// filter with `related_agents=true`); always a superset of `agentKeys`.
    public var relatedAgentKeys: Set<String>

    public init(statement: JSONValue) {
        verbID = statement["verb"]?["id"]?.stringValue ?? ""
        isVoiding = verbID == XAPI.Verb.voided
        registration = statement["context"]?["registration"]?.stringValue?.lowercased()

        let object = statement["object"]
        let objectType = object?["objectType"]?.stringValue
        statementRefTarget = objectType == "StatementRef" ? object?["id"]?.stringValue?.lowercased() : nil

        activityIDs = []
        if let object, let id = XAPI.activityID(of: object) { activityIDs.insert(id) }

        agentKeys = []
        if let actor = statement["actor"] { Self.addAgent(actor, to: &agentKeys) }
        if let object, objectType == "Agent" || objectType == "Group" { Self.addAgent(object, to: &agentKeys) }

        relatedActivityIDs = activityIDs
        relatedAgentKeys = agentKeys
        if let authority = statement["authority"] { Self.addAgent(authority, to: &relatedAgentKeys) }
        if let context = statement["context"] {
            Self.addContext(context, activities: &relatedActivityIDs, agents: &relatedAgentKeys)
        }
        if let object, objectType == "SubStatement" {
            Self.addSubStatement(object, activities: &relatedActivityIDs, agents: &relatedAgentKeys)
        }
    }

    private static func addAgent(_ agentOrGroup: JSONValue, to keys: inout Set<String>) {
        if let key = AgentIdentity.key(of: agentOrGroup) { keys.insert(key) }
        for member in AgentIdentity.memberKeys(of: agentOrGroup) { keys.insert(member) }
    }

    private static func addContext(_ context: JSONValue, activities: inout Set<String>, agents: inout Set<String>) {
        if let contextActivities = context["contextActivities"]?.objectValue {
            for value in contextActivities.values {
                // 1.0.x allowed a single Activity where 2.0 demands an array: accept both.
                for activity in value.arrayValue ?? [value] {
                    if let id = activity["id"]?.stringValue { activities.insert(id) }
                }
            }
        }
        if let instructor = context["instructor"] { addAgent(instructor, to: &agents) }
        if let team = context["team"] { addAgent(team, to: &agents) }
        for contextAgent in context["contextAgents"]?.arrayValue ?? [] {
            if let agent = contextAgent["agent"] { addAgent(agent, to: &agents) }
        }
        for contextGroup in context["contextGroups"]?.arrayValue ?? [] {
            if let group = contextGroup["group"] { addAgent(group, to: &agents) }
        }
    }

    private static func addSubStatement(_ sub: JSONValue, activities: inout Set<String>, agents: inout Set<String>) {
        if let actor = sub["actor"] { addAgent(actor, to: &agents) }
        if let object = sub["object"] {
            if let id = XAPI.activityID(of: object) { activities.insert(id) }
            let type = object["objectType"]?.stringValue
            if type == "Agent" || type == "Group" { addAgent(object, to: &agents) }
        }
        // A SubStatement has no authority of its own (the validator rejects one).
        if let context = sub["context"] { addContext(context, activities: &activities, agents: &agents) }
    }
}
