import WalletAPI
import Basics

/// The context (Data 2.4.6), with xAPI 2.0's contextAgents and contextGroups.
extension StatementRules {
    private static let contextKeys: Set<String> = [
        "registration", "instructor", "team", "contextActivities", "revision", "platform", "language", "statement",
        "extensions",
    ]
    private static let contextKeys2_0: Set<String> = contextKeys.union(["contextAgents", "contextGroups"])
    private static let contextActivityKinds = ["parent", "grouping", "category", "other"]
    private static let contextActivitiesKeys = Set(contextActivityKinds)
    private static let contextAgentKeys: Set<String> = ["objectType", "agent", "relevantTypes"]
    private static let contextGroupKeys: Set<String> = ["objectType", "group", "relevantTypes"]

    func checkContext(_ value: JSONValue, at path: String, objectIsActivity: Bool) throws(StatementValidationError) {
        let context = try JSONShape.object(value, at: path)
        let allowed = version == .v2_0_0 ? Self.contextKeys2_0 : Self.contextKeys
        try JSONShape.checkKeys(context, allowed: allowed, at: path) { key in
            key == "contextAgents" || key == "contextGroups" ? "requires xAPI 2.0.0 (this request is 1.0.3)" : nil
        }
        if let registration = context["registration"] {
            try checkUUID(registration, at: JSONShape.child(path, "registration"))
        }
        if let instructor = context["instructor"] {
            try checkActor(instructor, at: JSONShape.child(path, "instructor"))
        }
        if let team = context["team"] {
            try checkGroupOnly(team, at: JSONShape.child(path, "team"))
        }
        if let contextActivities = context["contextActivities"] {
            try checkContextActivities(contextActivities, at: JSONShape.child(path, "contextActivities"))
        }
        if let contextAgents = context["contextAgents"] {
            try checkContextAgents(contextAgents, at: JSONShape.child(path, "contextAgents"))
        }
        if let contextGroups = context["contextGroups"] {
            try checkContextGroups(contextGroups, at: JSONShape.child(path, "contextGroups"))
        }
        // Data 2.4.6.s4.b1-b2: revision and platform describe an Activity, so they need one.
        for key in ["revision", "platform"] {
            guard let field = context[key] else { continue }
            let fieldPath = JSONShape.child(path, key)
            try JSONShape.string(field, at: fieldPath)
            guard objectIsActivity else {
                throw StatementValidationError(path: fieldPath, reason: "is only allowed when the statement's object is an Activity")
            }
        }
        if let language = context["language"] {
            try JSONShape.formattedString(
                language, at: JSONShape.child(path, "language"), XAPIFormat.isLanguageTag,
                "an RFC 5646 language tag such as en or fr-CA")
        }
        if let statement = context["statement"] {
            let statementPath = JSONShape.child(path, "statement")
            try checkStatementRef(JSONShape.object(statement, at: statementPath), at: statementPath)
        }
        if let extensions = context["extensions"] {
            try checkExtensions(extensions, at: JSONShape.child(path, "extensions"))
        }
    }

    /// A value that must be a Group (context `team`, a contextGroup's `group`).
    private func checkGroupOnly(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let group = try JSONShape.object(value, at: path)
        let typePath = JSONShape.child(path, "objectType")
        guard let type = try objectType(of: group, at: path) else {
            throw StatementValidationError(path: typePath, reason: "is required: this must be a Group (\"objectType\": \"Group\")")
        }
        guard type == "Group" else {
            throw StatementValidationError(path: typePath, reason: "must be \"Group\", not \"\(type)\"")
        }
        try checkGroup(group, at: path)
    }

    /// Every key one of parent, grouping, category, other; every value an Activity or an array of
    /// Activities (Data 2.4.6.2).
    private func checkContextActivities(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let contextActivities = try JSONShape.object(value, at: path)
        try JSONShape.checkKeys(contextActivities, allowed: Self.contextActivitiesKeys, at: path)
        for kind in Self.contextActivityKinds {
            guard let entry = contextActivities[kind] else { continue }
            let kindPath = JSONShape.child(path, kind)
            if case .array(let activities) = entry {
                for (index, activity) in activities.enumerated() {
                    try checkContextActivity(activity, at: JSONShape.element(kindPath, index))
                }
            } else {
                try checkContextActivity(entry, at: kindPath)
            }
        }
    }

    private func checkContextActivity(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let activity = try JSONShape.object(value, at: path)
        try checkActivity(activity, at: path)
    }

    /// xAPI 2.0 contextAgents: an array of `{"objectType": "contextAgent", "agent": Agent,
    /// "relevantTypes": [IRI, …]}`.
    private func checkContextAgents(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        for (index, element) in try JSONShape.array(value, at: path).enumerated() {
            let elementPath = JSONShape.element(path, index)
            let contextAgent = try JSONShape.object(element, at: elementPath)
            try JSONShape.checkKeys(contextAgent, allowed: Self.contextAgentKeys, at: elementPath)
            try checkFixedObjectType(contextAgent, "contextAgent", at: elementPath)
            let agentPath = JSONShape.child(elementPath, "agent")
            let agent = try JSONShape.object(JSONShape.required(contextAgent, "agent", at: elementPath), at: agentPath)
            try checkAgent(agent, at: agentPath)
            try checkRelevantTypes(contextAgent, at: elementPath)
        }
    }

    /// xAPI 2.0 contextGroups: an array of `{"objectType": "contextGroup", "group": Group,
    /// "relevantTypes": [IRI, …]}`.
    private func checkContextGroups(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        for (index, element) in try JSONShape.array(value, at: path).enumerated() {
            let elementPath = JSONShape.element(path, index)
            let contextGroup = try JSONShape.object(element, at: elementPath)
            try JSONShape.checkKeys(contextGroup, allowed: Self.contextGroupKeys, at: elementPath)
            try checkFixedObjectType(contextGroup, "contextGroup", at: elementPath)
            try checkGroupOnly(
                JSONShape.required(contextGroup, "group", at: elementPath), at: JSONShape.child(elementPath, "group"))
            try checkRelevantTypes(contextGroup, at: elementPath)
        }
    }

    private func checkFixedObjectType(
        _ object: JSONShape.Object, _ expected: String, at path: String
    ) throws(StatementValidationError) {
        let typePath = JSONShape.child(path, "objectType")
        let type = try JSONShape.string(JSONShape.required(object, "objectType", at: path), at: typePath)
        guard type == expected else {
            throw StatementValidationError(path: typePath, reason: "must be \"\(expected)\"")
        }
    }

    /// "A collection of 1 or more Relevant Type(s)": a non-empty array of IRIs when present.
    private func checkRelevantTypes(_ object: JSONShape.Object, at path: String) throws(StatementValidationError) {
        guard let value = object["relevantTypes"] else { return }
        let typesPath = JSONShape.child(path, "relevantTypes")
        let types = try JSONShape.array(value, at: typesPath)
        guard !types.isEmpty else {
            throw StatementValidationError(path: typesPath, reason: "must hold at least one IRI when present")
        }
        for (index, type) in types.enumerated() {
            try checkIRI(type, at: JSONShape.element(typesPath, index))
        }
    }
}
