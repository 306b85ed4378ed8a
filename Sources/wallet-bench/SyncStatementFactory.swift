import Basics
import Foundation
import SyncEngine

/// Statements as a PC's store pushes them (with `stored` and `authority`), for one learner. The
/// verb is `experienced`, never an achievement, so the repository benchmark measures sync rather
/// than issuance (the hub parses only statements that may complete a course).
///
/// ```swift
/// let statements = SyncStatementFactory(learner: id, device: 3).statements(count: 1000)
/// ```
struct SyncStatementFactory {
    let learner: String
    let device: Int

    func statements(count: Int) -> [WireStatement] {
        let stored = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())
        return (0..<count).map { index in
            let id = UUID().uuidString.lowercased()
            let statement: JSONValue = [
                "id": .string(id),
                "actor": ["objectType": "Agent", "account": ["homePage": "https://bench.learner-wallet.invalid", "name": .string(learner)]],
                "verb": ["id": .string(XAPI.Verb.experienced), "display": ["en-US": "experienced"]],
                "object": [
                    "objectType": "Activity",
                    "id": .string("https://bench.learner-wallet.invalid/devices/\(device)/activities/\(index % 40)"),
                    "definition": ["name": ["en-US": .string("Bench activity \(index % 40)")]],
                ],
                "timestamp": .string(stored),
                "stored": .string(stored),
                "authority": ["objectType": "Agent", "account": ["homePage": "https://bench.learner-wallet.invalid", "name": .string("pc-\(device)")]],
            ]
            return WireStatement(id: id, json: statement.encodedString)
        }
    }
}
