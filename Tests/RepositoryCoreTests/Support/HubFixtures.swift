import Foundation
import Basics
import SecurityPrimitives
@testable import RepositoryCore
@testable import SyncEngine

/// Learners, statements and fresh stores for the repository tests.
///
/// ```swift
/// let store = try HubFixtures.store()
/// let push = PushRequest(replica: HubFixtures.pcA, learner: HubFixtures.learner("ana"), statements: [HubFixtures.statement(1)], records: [])
/// ```
enum HubFixtures {
    static let pcA = ReplicaID("pc-a")
    static let pcB = ReplicaID("pc-b")
    static let pcC = ReplicaID("pc-c")

    /// A store in a fresh temporary folder (`normal` durability: the tests need no fsync).
    static func store(nowMs: @escaping @Sendable () -> Int64 = SQLiteRepositoryStore.systemNowMs) throws -> SQLiteRepositoryStore {
        try SQLiteRepositoryStore(directory: try folder(), durability: .normal, nowMs: nowMs)
    }

    /// A fresh folder under this test process's own temporary root, which goes when the process
    /// exits (the cost tests leave stores of 20,000 statements; a run left 450 MB behind).
    static func folder() throws -> String {
        let folder = root + "/" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static let root: String = {
        atexit { try? FileManager.default.removeItem(atPath: HubFixtures.rootPath) }
        return rootPath
    }()

    /// Derived from the pid, so the exit handler (a C function: no captures) can name it again.
    static var rootPath: String { NSTemporaryDirectory() + "repositorycore-tests-\(getpid())" }

    static func learner(_ id: String, salt: String = "c2FsdA", hash: String = "aGFzaA", logN: Int = 10) -> WireLearner {
        WireLearner(id: id, name: id.capitalized, pinSalt: salt, pinHash: hash, pinCost: ScryptCost(logN: logN), createdMs: 1)
    }

    static func uuid(_ n: Int) -> String { String(format: "00000000-0000-4000-8000-%012x", n) }

    /// A statement the size of a real one (~600 bytes), as a store that accepted it would send.
    static func statement(_ n: Int, variant: String = "a") -> WireStatement {
        let id = uuid(n)
        let value: JSONValue = [
            "id": .string(id),
            "actor": ["objectType": "Agent", "name": "Ana Horvat",
                      "account": ["homePage": "https://wallet.example.eu/learners", "name": "8c4f6a52-0d3e-4b8e-9a61-3f2b1c7d9e05"]],
            "verb": ["id": "http://adlnet.gov/expapi/verbs/completed", "display": ["en-US": "completed"]],
            "object": ["objectType": "Activity", "id": .string("https://vet.example.eu/courses/safety/lo/\(n % 40)"),
                       "definition": ["name": ["en-US": .string("Learning outcome \(n % 40) (\(variant))")],
                                      "type": "http://adlnet.gov/expapi/activities/objective"]],
            "result": ["completion": true, "success": true, "score": ["scaled": 0.85]],
            "timestamp": "2026-11-22T09:00:00.000Z", "stored": "2026-11-22T09:00:01.000Z", "version": "1.0.3",
            "authority": ["objectType": "Agent", "name": "Ana Horvat",
                          "account": ["homePage": "https://wallet.example.eu/learners", "name": "8c4f6a52-0d3e-4b8e-9a61-3f2b1c7d9e05"]],
        ]
        return WireStatement(id: id, json: value.encodedString)
    }

    static func statements(_ range: Range<Int>, variant: String = "a") -> [WireStatement] {
        range.map { statement($0, variant: variant) }
    }

    static func record(_ key: String, _ value: String, by replica: ReplicaID, over state: RegisterState = RegisterState()) -> WireRecord {
        WireRecord(key: key, state: state.writing(.string(value), by: replica, seen: state.context))
    }
}
