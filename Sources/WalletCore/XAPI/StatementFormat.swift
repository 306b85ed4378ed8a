import WalletAPI
import Basics

/// The `format` parameter of `GET /statements`: how much of each Agent, Group, Activity and Verb
/// a response carries.
///
/// - `exact`: the statement as stored.
/// - `ids`: only what identifies each Agent, Group, Activity and Verb: an Agent or Identified
///   Group keeps its `objectType` (when given) and its one identifier, members dropped; an
///   Anonymous Group keeps `objectType` and its members, each reduced the same way; an Activity
///   keeps its `id` alone (the 2.0 conformance suite expects exactly one key), a Verb its `id`.
/// - `canonical`: Agents and Groups as in `exact`; every language map (Verb `display`, Activity
///   `name`, `description` and interaction component descriptions, attachment `display` and
///   `description`) reduced to the one entry that suits the reader's languages best. The wallet
///   keeps no separate canonical Activity definitions, so the definition the statement carries
///   is the canonical one. Extensions are never touched: their content is opaque.
///
/// Both reductions reach into SubStatements, context (instructor, team, context Activities, 2.0
/// `contextAgents` and `contextGroups`) and authority. StatementRefs stay as they are.
///
/// ```swift
/// let format = StatementFormat(rawValue: query["format"] ?? "exact") ?? .exact
/// let body = StatementFormat.apply(format, to: statement, languages: ["de-DE", "en"])
/// ```
public enum StatementFormat: String, Sendable, CaseIterable {
    case exact, ids, canonical

    /// The statement as a response in `format` shows it. `languages`, most wanted first, only
    /// matters for `canonical`.
    public static func apply(_ format: StatementFormat, to statement: JSONValue, languages: [String]) -> JSONValue {
        switch format {
        case .exact: return statement
        case .ids: return IDsReducer().statement(statement)
        case .canonical: return CanonicalReducer(languages: languages).statement(statement)
        }
    }
}

// MARK: - ids

private struct IDsReducer {
    func statement(_ value: JSONValue) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        if let actor = fields["actor"] { fields["actor"] = agent(actor) }
        if let verb = fields["verb"] { fields["verb"] = identifierOnly(verb) }
        if let object = fields["object"] { fields["object"] = self.object(object) }
        if let context = fields["context"] { fields["context"] = self.context(context) }
        if let authority = fields["authority"] { fields["authority"] = agent(authority) }
        return .object(fields)
    }

    private func object(_ value: JSONValue) -> JSONValue {
        switch value["objectType"]?.stringValue {
        case nil, "Activity": return identifierOnly(value)
        case "Agent", "Group": return agent(value)
        case "SubStatement": return statement(value)
        default: return value
        }
    }

    /// `{"id": …}` for a Verb or Activity; anything without a string id is left alone.
    private func identifierOnly(_ value: JSONValue) -> JSONValue {
        guard let id = value["id"], id.stringValue != nil else { return value }
        return ["id": id]
    }

    private func agent(_ value: JSONValue) -> JSONValue {
        guard case .object(let fields) = value else { return value }
        var kept: [String: JSONValue] = [:]
        if let type = fields["objectType"] { kept["objectType"] = type }
        if let ifi = ["mbox", "mbox_sha1sum", "openid", "account"].first(where: { fields[$0] != nil }) {
            kept[ifi] = fields[ifi]
        } else if let members = fields["member"]?.arrayValue {
            // An Anonymous Group is identified by its members alone.
            kept["member"] = .array(members.map(agent))
        }
        return .object(kept)
    }

    private func context(_ value: JSONValue) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        if let instructor = fields["instructor"] { fields["instructor"] = agent(instructor) }
        if let team = fields["team"] { fields["team"] = agent(team) }
        if case .object(var lists) = fields["contextActivities"] {
            for (key, list) in lists {
                lists[key] = list.arrayValue.map { .array($0.map(identifierOnly)) } ?? identifierOnly(list)
            }
            fields["contextActivities"] = .object(lists)
        }
        if let entries = fields["contextAgents"]?.arrayValue {
            fields["contextAgents"] = .array(entries.map { replacing("agent", in: $0, with: agent) })
        }
        if let entries = fields["contextGroups"]?.arrayValue {
            fields["contextGroups"] = .array(entries.map { replacing("group", in: $0, with: agent) })
        }
        return .object(fields)
    }
}

// MARK: - canonical

private struct CanonicalReducer {
    let languages: [String]

    func statement(_ value: JSONValue) -> JSONValue {
        guard case .object(var fields) = value else { return value }
        if let verb = fields["verb"] { fields["verb"] = replacing("display", in: verb, with: languageMap) }
        if let object = fields["object"] {
            switch object["objectType"]?.stringValue {
            case nil, "Activity": fields["object"] = activity(object)
            case "SubStatement": fields["object"] = statement(object)
            default: break
            }
        }
        if let context = fields["context"] { fields["context"] = self.context(context) }
        if let attachments = fields["attachments"]?.arrayValue {
            fields["attachments"] = .array(attachments.map { attachment in
                replacing("description", in: replacing("display", in: attachment, with: languageMap), with: languageMap)
            })
        }
        return .object(fields)
    }

    private func activity(_ value: JSONValue) -> JSONValue {
        replacing("definition", in: value) { definition in
            guard case .object(var fields) = definition else { return definition }
            for key in ["name", "description"] {
                if let map = fields[key] { fields[key] = languageMap(map) }
            }
            for key in ["choices", "scale", "source", "target", "steps"] {
                if let components = fields[key]?.arrayValue {
                    fields[key] = .array(components.map { replacing("description", in: $0, with: languageMap) })
                }
            }
            return .object(fields)
        }
    }

    private func context(_ value: JSONValue) -> JSONValue {
        guard case .object(var fields) = value, case .object(var lists) = fields["contextActivities"] else { return value }
        for (key, list) in lists {
            lists[key] = list.arrayValue.map { .array($0.map(activity)) } ?? activity(list)
        }
        fields["contextActivities"] = .object(lists)
        return .object(fields)
    }

    private func languageMap(_ value: JSONValue) -> JSONValue {
        guard case .object(let map) = value,
              let key = StatementFormat.preferredLanguageKey(in: map, for: languages),
              let entry = map[key]
        else { return value }
        return [key: entry]
    }
}

/// `container` with `key`'s value passed through `transform`, when it is an object holding `key`.
private func replacing(_ key: String, in container: JSONValue, with transform: (JSONValue) -> JSONValue) -> JSONValue {
    guard case .object(var fields) = container, let value = fields[key] else { return container }
    fields[key] = transform(value)
    return .object(fields)
}
