import WalletAPI
import Basics

/// Agents, Groups, accounts and the authority (Data 2.4.2, 2.4.9).
extension StatementRules {
    /// The four Inverse Functional Identifiers, in the spec's order.
    static let identifierKeys = ["mbox", "mbox_sha1sum", "openid", "account"]
    private static let agentKeys: Set<String> = ["objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"]
    private static let groupKeys: Set<String> = [
        "objectType", "name", "member", "mbox", "mbox_sha1sum", "openid", "account",
    ]
    private static let accountKeys: Set<String> = ["homePage", "name"]
    private static let sha1HexLength: Set<Int> = [40]

    /// An actor: an Agent (objectType absent or "Agent") or a Group (objectType "Group").
    func checkActor(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let actor = try JSONShape.object(value, at: path)
        switch try objectType(of: actor, at: path) {
        case nil, "Agent":
            try checkAgent(actor, at: path)
        case "Group":
            _ = try checkGroup(actor, at: path)
        case let other?:
            throw StatementValidationError(
                path: JSONShape.child(path, "objectType"),
                reason: "must be \"Agent\" or \"Group\", not \"\(other)\"")
        }
    }

    /// Reads `objectType` as a string when present.
    func objectType(of object: JSONShape.Object, at path: String) throws(StatementValidationError) -> String? {
        guard let value = object["objectType"] else { return nil }
        return try JSONShape.string(value, at: JSONShape.child(path, "objectType"))
    }

    /// An Agent whose objectType, if any, has already been read as "Agent" (or is absent).
    func checkAgent(_ agent: JSONShape.Object, at path: String) throws(StatementValidationError) {
        try JSONShape.checkKeys(agent, allowed: Self.agentKeys, at: path)
        if let objectType = try objectType(of: agent, at: path), objectType != "Agent" {
            throw StatementValidationError(path: JSONShape.child(path, "objectType"), reason: "must be \"Agent\"")
        }
        if let name = agent["name"] {
            try JSONShape.string(name, at: JSONShape.child(path, "name"))
        }
        guard try checkIdentifier(agent, at: path) else {
            throw StatementValidationError(
                path: path, reason: "an Agent must have exactly one of mbox, mbox_sha1sum, openid or account")
        }
    }

    /// A Group (objectType "Group" already read). Returns whether it is identified (has an IFI).
    @discardableResult
    func checkGroup(_ group: JSONShape.Object, at path: String) throws(StatementValidationError) -> Bool {
        try JSONShape.checkKeys(group, allowed: Self.groupKeys, at: path)
        if let name = group["name"] {
            try JSONShape.string(name, at: JSONShape.child(path, "name"))
        }
        let identified = try checkIdentifier(group, at: path)
        let memberPath = JSONShape.child(path, "member")
        if let member = group["member"] {
            let members = try JSONShape.array(member, at: memberPath)
            for (index, element) in members.enumerated() {
                let elementPath = JSONShape.element(memberPath, index)
                let agent = try JSONShape.object(element, at: elementPath)
                if try objectType(of: agent, at: elementPath) == "Group" {
                    throw StatementValidationError(path: elementPath, reason: "must be an Agent: a Group cannot contain a Group")
                }
                try checkAgent(agent, at: elementPath)
            }
            if !identified, members.isEmpty {
                throw StatementValidationError(path: memberPath, reason: "must list at least one Agent in an anonymous Group")
            }
        } else if !identified {
            throw StatementValidationError(
                path: memberPath,
                reason: "is required in an anonymous Group (one without mbox, mbox_sha1sum, openid or account)")
        }
        return identified
    }

    /// Validates the Inverse Functional Identifier of an Agent or Group. Returns false when there
    /// is none; throws when there are several or the one given is malformed.
    private func checkIdentifier(_ object: JSONShape.Object, at path: String) throws(StatementValidationError) -> Bool {
        var found: String?
        for key in Self.identifierKeys where object[key] != nil {
            if let first = found {
                throw StatementValidationError(
                    path: path, reason: "must have only one identifier, but has both \(first) and \(key)")
            }
            found = key
        }
        guard let key = found, let value = object[key] else { return false }
        let valuePath = JSONShape.child(path, key)
        switch key {
        case "mbox":
            try JSONShape.formattedString(
                value, at: valuePath, XAPIFormat.isMailtoIRI, "a mailto: IRI such as mailto:learner@example.com")
        case "mbox_sha1sum":
            try JSONShape.formattedString(
                value, at: valuePath, { XAPIFormat.isHex($0, lengths: Self.sha1HexLength) },
                "the SHA-1 of a mailto: IRI as 40 hex digits")
        case "openid":
            try checkIRI(value, at: valuePath)
        default:
            try checkAccount(value, at: valuePath)
        }
        return true
    }

    private func checkAccount(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let account = try JSONShape.object(value, at: path)
        try JSONShape.checkKeys(account, allowed: Self.accountKeys, at: path)
        try checkIRL(JSONShape.required(account, "homePage", at: path), at: JSONShape.child(path, "homePage"))
        try JSONShape.string(JSONShape.required(account, "name", at: path), at: JSONShape.child(path, "name"))
    }

    /// Data 2.4.9: an Agent, or for 3-legged OAuth an anonymous Group of exactly two Agents.
    func checkAuthority(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let authority = try JSONShape.object(value, at: path)
        guard try objectType(of: authority, at: path) == "Group" else {
            try checkActor(value, at: path)
            return
        }
        let identified = try checkGroup(authority, at: path)
        let memberCount = authority["member"]?.arrayValue?.count ?? 0
        guard !identified, memberCount == 2 else {
            throw StatementValidationError(
                path: path,
                reason: "a Group authority must be an anonymous Group of exactly two Agents (3-legged OAuth)")
        }
    }
}
