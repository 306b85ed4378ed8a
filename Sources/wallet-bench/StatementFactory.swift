import Foundation
import WalletAPI
import Basics

/// Distinct, valid xAPI statements for the bench learner, built cheaply (canonical JSON writer,
/// a value-type timestamp style) so that the timed loop measures walletd rather than the client.
struct StatementFactory {
    let learner: LearnerSummary
    private static let verbs = ["attempted", "completed", "passed", "failed", "progressed"]

    func body(run: Int, client: Int, index: Int) -> Data {
        let verb = Self.verbs[index % Self.verbs.count]
        var result: [String: JSONValue] = [:]
        switch verb {
        case "completed": result["completion"] = true
        case "passed": result = ["completion": true, "success": true, "score": ["scaled": .number(Double(50 + index % 50) / 100)]]
        case "failed": result = ["success": false, "score": ["scaled": .number(Double(index % 50) / 100)]]
        default: break
        }
        var statement: [String: JSONValue] = [
            "id": .string(UUID().uuidString.lowercased()),
            "actor": XAPI.learnerAgent(id: learner.id, name: learner.name),
            "verb": ["id": .string(XAPI.verbs[verb] ?? ""), "display": ["en-US": .string(verb)]],
            "object": [
                "objectType": "Activity",
                "id": .string("https://bench.learner-wallet.invalid/runs/\(run)/activities/\(index % 40)"),
                "definition": ["name": ["en-US": .string("Bench activity \(index % 40)")]],
            ],
            "timestamp": .string(Self.timestamp(Date())),
            "context": ["extensions": ["https://bench.learner-wallet.invalid/client": .number(Double(client))]],
        ]
        if !result.isEmpty { statement["result"] = .object(result) }
        return JSONValue.object(statement).encoded()
    }

    // A Sendable format style made once: an ISO8601DateFormatter per statement was most of the
    // client's CPU time.
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func timestamp(_ date: Date) -> String {
        timestampStyle.format(date)
    }
}
