import WalletAPI
import Basics

/// What a statement's object turned out to be; the voiding and context rules depend on it.
enum StatementObjectKind: Sendable, Equatable {
    case activity, agent, group, statementRef, subStatement
}

/// Statement objects: Activities and their definitions, Statement References, and the dispatch to
/// Agents, Groups and SubStatements (Data 2.4.4).
extension StatementRules {
    private static let activityKeys: Set<String> = ["objectType", "id", "definition"]
    private static let statementRefKeys: Set<String> = ["objectType", "id"]
    private static let definitionKeys: Set<String> = [
        "name", "description", "type", "moreInfo", "extensions", "interactionType", "correctResponsesPattern",
        "choices", "scale", "source", "target", "steps",
    ]
    private static let componentKeys: Set<String> = ["id", "description"]
    /// The component lists, in the order they are checked.
    private static let componentLists = ["choices", "scale", "source", "target", "steps"]

    /// Which component lists each interaction type supports (Data 2.4.4.1, Interaction Components).
    private static let interactionTypes: [String: Set<String>] = [
        "true-false": [], "choice": ["choices"], "fill-in": [], "long-fill-in": [], "matching": ["source", "target"],
        "performance": ["steps"], "sequencing": ["choices"], "likert": ["scale"], "numeric": [], "other": [],
    ]

    /// The object of a statement or SubStatement. Returns its kind.
    func checkObject(
        _ value: JSONValue, at path: String, insideSubStatement: Bool
    ) throws(StatementValidationError) -> StatementObjectKind {
        let object = try JSONShape.object(value, at: path)
        switch try objectType(of: object, at: path) {
        case nil, "Activity":
            try checkActivity(object, at: path)
            return .activity
        case "Agent":
            try checkAgent(object, at: path)
            return .agent
        case "Group":
            try checkGroup(object, at: path)
            return .group
        case "StatementRef":
            try checkStatementRef(object, at: path)
            return .statementRef
        case "SubStatement":
            guard !insideSubStatement else {
                throw StatementValidationError(
                    path: JSONShape.child(path, "objectType"), reason: "a SubStatement cannot contain another SubStatement")
            }
            try checkSubStatement(object, at: path)
            return .subStatement
        case let other?:
            throw StatementValidationError(
                path: JSONShape.child(path, "objectType"),
                reason: "must be \"Activity\", \"Agent\", \"Group\", \"StatementRef\" or \"SubStatement\", not \"\(other)\"")
        }
    }

    /// An Activity whose objectType, if any, is "Activity".
    func checkActivity(_ activity: JSONShape.Object, at path: String) throws(StatementValidationError) {
        try JSONShape.checkKeys(activity, allowed: Self.activityKeys, at: path) { key in
            // The usual slip: an Agent sent as an object without its (then required) objectType.
            Self.identifierKeys.contains(key) || key == "member"
                ? "belongs to an Agent or Group, but an object without \"objectType\" is an Activity" : nil
        }
        if let objectType = try objectType(of: activity, at: path), objectType != "Activity" {
            throw StatementValidationError(path: JSONShape.child(path, "objectType"), reason: "must be \"Activity\"")
        }
        try checkIRI(JSONShape.required(activity, "id", at: path), at: JSONShape.child(path, "id"))
        if let definition = activity["definition"] {
            try checkDefinition(definition, at: JSONShape.child(path, "definition"))
        }
    }

    /// A Statement Reference: objectType "StatementRef" and the UUID of a statement.
    func checkStatementRef(_ reference: JSONShape.Object, at path: String) throws(StatementValidationError) {
        try JSONShape.checkKeys(reference, allowed: Self.statementRefKeys, at: path)
        let objectType = try JSONShape.required(reference, "objectType", at: path)
        guard try JSONShape.string(objectType, at: JSONShape.child(path, "objectType")) == "StatementRef" else {
            throw StatementValidationError(path: JSONShape.child(path, "objectType"), reason: "must be \"StatementRef\"")
        }
        try checkUUID(JSONShape.required(reference, "id", at: path), at: JSONShape.child(path, "id"))
    }

    private func checkDefinition(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let definition = try JSONShape.object(value, at: path)
        try JSONShape.checkKeys(definition, allowed: Self.definitionKeys, at: path)
        if let name = definition["name"] {
            try checkLanguageMap(name, at: JSONShape.child(path, "name"))
        }
        if let description = definition["description"] {
            try checkLanguageMap(description, at: JSONShape.child(path, "description"))
        }
        if let type = definition["type"] {
            try checkIRI(type, at: JSONShape.child(path, "type"))
        }
        if let moreInfo = definition["moreInfo"] {
            try checkIRL(moreInfo, at: JSONShape.child(path, "moreInfo"))
        }
        if let extensions = definition["extensions"] {
            try checkExtensions(extensions, at: JSONShape.child(path, "extensions"))
        }
        try checkInteraction(definition, at: path)
    }

    /// Interaction Activities (Data 2.4.4.1): a valid `interactionType`, a correct responses
    /// pattern made of strings, and only the component lists that type supports, each with
    /// distinct ids. Interaction properties without an `interactionType` are refused.
    private func checkInteraction(_ definition: JSONShape.Object, at path: String) throws(StatementValidationError) {
        let typePath = JSONShape.child(path, "interactionType")
        var supportedLists: Set<String> = []
        if let value = definition["interactionType"] {
            let type = try JSONShape.string(value, at: typePath)
            guard let lists = Self.interactionTypes[type] else {
                throw StatementValidationError(
                    path: typePath,
                    reason: "must be one of true-false, choice, fill-in, long-fill-in, matching, performance, "
                        + "sequencing, likert, numeric, other (exactly, in lower case)")
            }
            supportedLists = lists
        } else if definition["correctResponsesPattern"] != nil
            || Self.componentLists.contains(where: { definition[$0] != nil })
        {
            let key = (["correctResponsesPattern"] + Self.componentLists).first { definition[$0] != nil } ?? ""
            throw StatementValidationError(path: JSONShape.child(path, key), reason: "requires an interactionType")
        }

        if let pattern = definition["correctResponsesPattern"] {
            let patternPath = JSONShape.child(path, "correctResponsesPattern")
            for (index, response) in try JSONShape.array(pattern, at: patternPath).enumerated() {
                try JSONShape.string(response, at: JSONShape.element(patternPath, index))
            }
        }
        for list in Self.componentLists {
            guard let value = definition[list] else { continue }
            let listPath = JSONShape.child(path, list)
            guard supportedLists.contains(list) else {
                let type = definition["interactionType"]?.stringValue ?? ""
                throw StatementValidationError(
                    path: listPath, reason: "is not a component list of the interactionType \"\(type)\"")
            }
            try checkComponents(value, at: listPath)
        }
    }

    private func checkComponents(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let components = try JSONShape.array(value, at: path)
        var seen = Set<String>(minimumCapacity: components.count)
        for (index, element) in components.enumerated() {
            let componentPath = JSONShape.element(path, index)
            let component = try JSONShape.object(element, at: componentPath)
            try JSONShape.checkKeys(component, allowed: Self.componentKeys, at: componentPath)
            let idPath = JSONShape.child(componentPath, "id")
            let id = try JSONShape.string(JSONShape.required(component, "id", at: componentPath), at: idPath)
            guard seen.insert(id).inserted else {
                throw StatementValidationError(path: idPath, reason: "repeats the id \"\(id)\" of another component in this list")
            }
            if let description = component["description"] {
                try checkLanguageMap(description, at: JSONShape.child(componentPath, "description"))
            }
        }
    }
}
