import Basics
import Foundation
import WalletCore

/// What walletd's `POST /xAPI/statements` does with a body before it stores it, without the HTTP
/// layer or the database: read the JSON, validate each statement (`StatementValidator`), give it
/// an id, prepare it as the store keeps it (`StatementPreparer`: `stored`, `authority`, `version`)
/// and check the stored text against `StatementLimits`. Mirrors `StatementRoutes.validate` and
/// `WalletStore.insertStatements`; kept here because those live behind Hummingbird and GRDB.
enum StatementAcceptance {
    /// The values the store would set; fixed so a run is deterministic.
    static let stored = "2026-12-01T10:00:00.000Z"
    static let authority = XAPI.learnerAgent(id: "fuzz-learner", name: "Fuzz Learner")
    static let assignedID = "6f1c1d2e-0000-4000-8000-000000000001"

    enum Outcome {
        /// Refused, with the message walletd would answer.
        case refused(String)
        /// Accepted: each statement as stored, with its canonical JSON text.
        case stored([(id: String, json: String, value: JSONValue)])
    }

    static func post(_ bytes: [UInt8], version: XAPISpecVersion) throws(FuzzViolation) -> Outcome {
        let body: JSONValue
        do {
            body = try JSONValue(data: Data(bytes))
        } catch {
            return .refused(error.description)
        }
        let batch = body.arrayValue ?? [body]
        var kept: [(id: String, json: String, value: JSONValue)] = []
        var seen = Set<String>()
        let versionText = version == .v1_0_3 ? "1.0.3" : XAPI.currentVersion
        do {
            for statement in batch {
                do {
                    try StatementValidator.validate(statement, version: version)
                } catch {
                    try FuzzViolation.requireMessage(error.message, from: "StatementValidator.validate")
                    return .refused(error.message)
                }
                let id = (statement["id"]?.stringValue ?? assignedID).lowercased()
                guard seen.insert(id).inserted else { return .refused("Statement id \(id) appears twice in the batch.") }
                let prepared = StatementPreparer.prepare(statement, id: id, stored: stored, authority: authority, version: versionText)
                let json = prepared.encodedString
                if let problem = StatementLimits.problem(with: prepared, encodedBytes: json.utf8.count) {
                    try FuzzViolation.requireMessage(problem.message, from: "StatementLimits.problem")
                    return .refused(problem.message)
                }
                kept.append((id, json, prepared))
            }
        }
        return .stored(kept)
    }
}

extension StatementAcceptance {
    /// The first statement of `json` as walletd would store it; nil when it is refused.
    static func storedForm(_ json: String) -> (id: String, json: String, value: JSONValue)? {
        guard case .stored(let statements)? = try? post(Array(json.utf8), version: .v2_0_0) else { return nil }
        return statements.first
    }
}
