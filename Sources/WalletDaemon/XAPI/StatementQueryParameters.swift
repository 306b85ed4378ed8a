import Foundation
import Hummingbird
import WalletAPI
import WalletCore
import Basics
import DaemonKit

/// `GET /xapi/statements` parameters, checked one by one with a 400 that names the parameter.
///
/// Three shapes: a single statement (`statementId` or `voidedStatementId`), a filtered query, or
/// the continuation of one (`more`, which carries the original query, signed by nothing but bound
/// to the session's learner when it is used).
enum StatementQueryParameters {
    enum Request {
        case single(id: String, voided: Bool, format: StatementFormat, attachments: Bool)
        case query(StatementQuery, format: StatementFormat, attachments: Bool)
    }

    static let filterNames: Set<String> = [
        "agent", "verb", "activity", "registration", "related_activities", "related_agents",
        "since", "until", "limit", "format", "attachments", "ascending",
    ]

    static func parse(_ parameters: [(String, String)], learnerID: String) throws -> Request {
        var values: [String: String] = [:]
        for (name, value) in parameters {
            guard name == "statementId" || name == "voidedStatementId" || name == "more" || filterNames.contains(name) else {
                throw invalid(name, "is not a parameter of GET /statements")
            }
            guard values[name] == nil else { throw invalid(name, "is given twice") }
            values[name] = value
        }
        let format = try parseFormat(values["format"])
        let attachments = try parseBool(values, "attachments") ?? false

        if let token = values["more"] {
            guard values.count == 1 else { throw invalid("more", "must be the only parameter") }
            guard let continuation = MoreToken.decode(token) else { throw invalid("more", "is not a continuation this store issued") }
            guard continuation.query.learnerID == learnerID else {
                throw APIError(.forbidden, .forbidden, "This continuation belongs to another learner's query.")
            }
            return .query(continuation.query, format: StatementFormat(rawValue: continuation.format) ?? .exact, attachments: continuation.attachments)
        }

        for key in ["statementId", "voidedStatementId"] {
            guard let id = values[key] else { continue }
            let others = Set(values.keys).subtracting([key, "format", "attachments"])
            guard others.isEmpty else { throw invalid(key, "cannot be combined with \(others.sorted().joined(separator: ", "))") }
            guard UUID(uuidString: id) != nil else { throw invalid(key, "must be a UUID") }
            return .single(id: id.lowercased(), voided: key == "voidedStatementId", format: format, attachments: attachments)
        }

        var query = StatementQuery(learnerID: learnerID)
        if let agent = values["agent"] {
            guard let data = agent.data(using: .utf8), let value = try? JSONValue(data: data),
                  value.objectValue != nil, let key = AgentIdentity.key(of: value)
            else { throw invalid("agent", "must be a JSON Agent or identified Group with one of mbox, mbox_sha1sum, openid, account") }
            query.agentKey = key
        }
        if let verb = values["verb"] {
            guard isIRI(verb) else { throw invalid("verb", "must be an IRI") }
            query.verb = verb
        }
        if let activity = values["activity"] {
            guard isIRI(activity) else { throw invalid("activity", "must be an IRI") }
            query.activity = activity
        }
        if let registration = values["registration"] {
            guard UUID(uuidString: registration) != nil else { throw invalid("registration", "must be a UUID") }
            query.registration = registration.lowercased()
        }
        query.relatedActivities = try parseBool(values, "related_activities") ?? false
        query.relatedAgents = try parseBool(values, "related_agents") ?? false
        query.ascending = try parseBool(values, "ascending") ?? false
        if let since = values["since"] {
            guard let ms = Timestamp.parse(since) else { throw invalid("since", "must be an ISO 8601 timestamp with a time zone") }
            query.sinceMs = ms
        }
        if let until = values["until"] {
            guard let ms = Timestamp.parse(until) else { throw invalid("until", "must be an ISO 8601 timestamp with a time zone") }
            query.untilMs = ms
        }
        if let limit = values["limit"] {
            guard let n = Int(limit), n >= 0 else { throw invalid("limit", "must be a non-negative integer") }
            // 0 means "as many as the server allows".
            query.limit = n == 0 ? StatementQuery.maxLimit : min(n, StatementQuery.maxLimit)
        }
        return .query(query, format: format, attachments: attachments)
    }

    static func parseFormat(_ raw: String?) throws -> StatementFormat {
        guard let raw else { return .exact }
        guard let format = StatementFormat(rawValue: raw) else { throw invalid("format", "must be exact, ids or canonical") }
        return format
    }

    static func parseBool(_ values: [String: String], _ name: String) throws -> Bool? {
        guard let raw = values[name] else { return nil }
        switch raw {
        case "true": return true
        case "false": return false
        default: throw invalid(name, "must be true or false")
        }
    }

    static func isIRI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        return scheme.first?.isLetter == true
            && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
            && !text.contains(where: { $0 == " " })
    }

    static func invalid(_ name: String, _ problem: String) -> APIError {
        APIError(.badRequest, .invalidParameter, "Parameter \(name) \(problem).")
    }
}

/// The `more` continuation: the query of the next page, base64url JSON. It holds no secret and
/// grants nothing: it is only honoured for the learner whose query it continues.
struct MoreToken: Codable {
    var query: StatementQuery
    var format: String
    var attachments: Bool

    func encode() -> String {
        Base64URL.encode((try? JSONEncoder().encode(self)) ?? Data())
    }

    static func decode(_ text: String) -> MoreToken? {
        guard text.utf8.count < 8192, let data = Base64URL.decode(text) else { return nil }
        guard let token = try? JSONDecoder().decode(MoreToken.self, from: data) else { return nil }
        guard (1...StatementQuery.maxLimit).contains(token.query.limit) else { return nil }
        return token
    }
}
