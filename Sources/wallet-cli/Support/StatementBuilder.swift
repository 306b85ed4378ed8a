import ArgumentParser
import Foundation
import WalletAPI
import Basics

/// The verbs `wallet-cli record` offers (ADL verbs, IRIs in `XAPI.verbs`).
enum RecordVerb: String, CaseIterable, ExpressibleByArgument {
    case completed, passed, failed, attempted, progressed

    var iri: String { XAPI.verbs[rawValue] ?? "http://adlnet.gov/expapi/verbs/\(rawValue)" }
}

/// Builds an xAPI 2.0.0 statement about the logged-in learner.
struct StatementBuilder {
    var learnerId: String
    var learnerName: String
    var verb: RecordVerb
    var activity: String
    var activityName: String?
    var score: Double?

    /// The statement, with a fresh id and the current time (UTC, milliseconds).
    func build(id: UUID = UUID(), now: Date = Date()) -> JSONValue {
        var object: [String: JSONValue] = ["objectType": "Activity", "id": .string(activity)]
        if let activityName {
            object["definition"] = ["name": ["en-US": .string(activityName)]]
        }
        var statement: [String: JSONValue] = [
            "id": .string(id.uuidString.lowercased()),
            "actor": XAPI.learnerAgent(id: learnerId, name: learnerName),
            "verb": ["id": .string(verb.iri), "display": ["en-US": .string(verb.rawValue)]],
            "object": .object(object),
            "timestamp": .string(Self.timestamp(now)),
        ]
        if let result = result() { statement["result"] = result }
        return .object(statement)
    }

    private func result() -> JSONValue? {
        var result: [String: JSONValue] = [:]
        switch verb {
        case .completed: result["completion"] = true
        case .passed: result["completion"] = true; result["success"] = true
        case .failed: result["success"] = false
        case .attempted, .progressed: break
        }
        if let score { result["score"] = ["scaled": .number(score)] }
        return result.isEmpty ? nil : .object(result)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: date)
    }

    /// An activity id must be an absolute IRI: a scheme, then something.
    static func isAbsoluteIRI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return false }
        let rest = text[text.index(after: colon)...]
        return !rest.isEmpty && !text.contains(where: { $0.isWhitespace })
    }
}
