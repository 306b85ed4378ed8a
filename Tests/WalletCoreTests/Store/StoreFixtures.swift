import Foundation
import WalletAPI
import SecurityPrimitives
import Basics
@testable import WalletCore

/// A fresh store in a temporary folder, with two learners, for store tests.
struct StoreFixture {
    let directory: String
    let store: WalletStore
    let ana = "aaaaaaaa-0000-4000-8000-000000000001"
    let ben = "bbbbbbbb-0000-4000-8000-000000000002"

    init(durability: Durability = .normal) async throws {
        directory = NSTemporaryDirectory() + "wallet-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try WalletStore(directory: directory, durability: durability)
        let cheap = ScryptCost(logN: 10)
        for (id, name) in [(ana, "Ana"), (ben, "Ben")] {
            let pin = try PINHash.make(pin: "123400", cost: cheap, salt: Data(repeating: 7, count: 16))
            try await store.insertLearner(Learner(id: id, name: name, pin: pin, createdMs: 1))
        }
    }

    func authority(_ learner: String) -> JSONValue {
        ["objectType": "Agent", "account": ["homePage": "https://learner-wallet.invalid/learners", "name": .string(learner)]]
    }

    @discardableResult
    func insert(_ statements: [JSONValue], for learner: String, nowMs: Int64 = 1_700_000_000_000) async throws -> [String] {
        try await store.insertStatements(statements, learnerID: learner, authority: authority(learner), version: "2.0.0", nowMs: nowMs)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

enum Statements {
    static func make(id: String = UUID().uuidString.lowercased(), verb: String = "completed", activity: String = "https://example.org/a/1",
                     actor: String = "mailto:ana@example.org", registration: String? = nil, score: Double? = nil) -> JSONValue {
        var statement: [String: JSONValue] = [
            "id": .string(id),
            "actor": ["objectType": "Agent", "mbox": .string(actor)],
            "verb": ["id": .string("http://adlnet.gov/expapi/verbs/" + verb)],
            "object": ["objectType": "Activity", "id": .string(activity)],
        ]
        if let registration { statement["context"] = ["registration": .string(registration)] }
        if let score { statement["result"] = ["score": ["scaled": .number(score)]] }
        return .object(statement)
    }

    static func voiding(_ target: String, id: String = UUID().uuidString.lowercased()) -> JSONValue {
        ["id": .string(id), "actor": ["mbox": "mailto:ana@example.org"],
         "verb": ["id": "http://adlnet.gov/expapi/verbs/voided"],
         "object": ["objectType": "StatementRef", "id": .string(target)]]
    }
}
