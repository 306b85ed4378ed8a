import Basics
import Foundation
import Testing
@testable import RepositoryCore
import SecurityPrimitives
import SyncEngine

/// Costs of a push that can be counted rather than timed (issue 12, "figures that stay true"):
/// every pushed statement is read once, with the message; the store reads a statement's text a
/// second time (a JSON parse) only when it may be an achievement, after a byte search of its text
/// (`SQLiteRepositoryStore.achievedActivity`, used by both stores). A Foundation string search
/// per statement (on Linux `String.contains("…")` goes through CoreFoundation and UTF-16) once
/// made a sync push 4.4× slower, and no timed test noticed.
///
/// The other counted cost, requests per sync, is guarded elsewhere: a no-op sync is one request
/// (SyncEngineTests/SimulationTests.expectQuiet, IntegrationTests/SyncTests "Nothing to do").
@Suite("Push cost, counted")
struct PushParseCostTests {
    /// The shapes a PC stores (canonical JSON, with `stored` and `authority`), by verb and result.
    static func statement(_ n: Int, verb: String, result: JSONValue?) -> WireStatement {
        let id = UUID().uuidString.lowercased()
        var value: [String: JSONValue] = [
            "id": .string(id),
            "actor": ["objectType": "Agent", "account": ["homePage": "https://wallet.example.eu/learners", "name": "ana"]],
            "verb": ["id": .string("http://adlnet.gov/expapi/verbs/" + verb), "display": ["en-US": .string(verb)]],
            "object": ["objectType": "Activity", "id": .string("https://vet.example.eu/courses/safety/lo/\(n % 40)"),
                       "definition": ["name": ["en-US": .string("Learning outcome \(n % 40)")]]],
            "timestamp": "2026-11-22T09:00:00.000Z", "stored": "2026-11-22T09:00:01.000Z",
            "authority": ["objectType": "Agent", "account": ["homePage": "https://wallet.example.eu/pcs", "name": "pc-a"]],
        ]
        if let result { value["result"] = result }
        return WireStatement(id: id, json: JSONValue.object(value).encodedString)
    }

    /// (verb, result, is it an achievement as CourseEvidence reads it)
    static let shapes: [(String, JSONValue?, Bool)] = [
        ("experienced", nil, false),
        ("attempted", nil, false),
        ("progressed", ["extensions": ["https://w3id.org/xapi/cmi5/result/extensions/progress": 40]], false),
        ("failed", ["success": false, "score": ["scaled": 0.3]], false),
        ("answered", ["success": false, "response": "b"], false),
        ("launched", nil, false),
        ("terminated", ["completion": false, "duration": "PT12M"], false),
        ("completed", ["completion": true], true),
        ("passed", ["success": true, "score": ["scaled": 0.9]], true),
        ("answered", ["success": true, "response": "a"], true),
    ]

    @Test func aPushReadsAgainOnlyTheStatementsThatMayBeAchievements() {
        var mayParse = 0
        var achievements = 0
        for n in 0..<1_000 {
            let (verb, result, achieves) = Self.shapes[n % Self.shapes.count]
            let statement = Self.statement(n, verb: verb, result: result)
            // What `achievedActivity` checks before it parses: a statement that fails this is not parsed.
            let gate = UTF8Search.containsAny(SQLiteRepositoryStore.achievementMarkers, in: statement.json)
            if gate { mayParse += 1 }
            if achieves { achievements += 1 }
            #expect(gate == achieves, "\(verb) \(result?.encodedString ?? "no result"): the byte search \(gate ? "lets it through to a parse" : "skips it") although it is \(achieves ? "" : "not ")an achievement")
            #expect((SQLiteRepositoryStore.achievedActivity(statement) != nil) == achieves, "\(verb): achievedActivity")
        }
        // In a 1,000-statement batch of these shapes, 300 are achievements: 700 are never parsed twice.
        #expect(mayParse == achievements && achievements == 300)
    }

    /// wallet-bench repository pushes only `experienced` statements so that it measures sync, not
    /// issuance: none of them may reach a parse or issuance.
    @Test func theRepositoryBenchmarksStatementsAreNeverParsedTwice() {
        let statements = (0..<1_000).map { Self.statement($0, verb: "experienced", result: nil) }
        #expect(statements.filter { UTF8Search.containsAny(SQLiteRepositoryStore.achievementMarkers, in: $0.json) }.isEmpty)
    }

    /// A push's statements are skimmed by the reader, not read into trees
    /// (`JSONValue.parse(_:skimmingElementsOf:members:)`): building and freeing a dictionary per
    /// object of every statement was a third of repositoryd's CPU in a push. The hub gets each
    /// statement's exact text and id, and no value.
    @Test func aPushMessageBuildsNoTreePerStatement() throws {
        let statements = (0..<100).map { n in
            let (verb, result, _) = Self.shapes[n % Self.shapes.count]
            return Self.statement(n, verb: verb, result: result)
        }
        let learner = WireLearner(id: "ana", name: "Ana", pinSalt: "c2FsdA", pinHash: "aGFzaA", pinCost: ScryptCost(logN: 15), createdMs: 5)
        let received = try PushRequest(body: PushRequest(replica: ReplicaID("pc-1"), learner: learner, statements: statements, records: []).body())
        #expect(received.statements.map(\.json) == statements.map(\.json) && received.statements.map(\.id) == statements.map(\.id))
        #expect(received.statements.allSatisfy { $0.value == nil }, "a pushed statement was read into a tree")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let reader = try String(contentsOf: root.appendingPathComponent("Sources/SyncEngine/Wire/PushRequest.swift"), encoding: .utf8)
        #expect(reader.contains("skimmingElementsOf") && !reader.contains("keepingRawElementsOf") && !reader.contains("JSONValue(data:"),
                "PushRequest(body:) reads statements with the skimming reader only")
    }

    /// The push path's source holds no Foundation string search (`contains("…")`, `range(of:)`,
    /// `components(separatedBy:)`: CoreFoundation and UTF-16 per call on Linux) and no JSON parse
    /// except the one behind the byte search. A new one fails here with its file and line; if it
    /// is not per statement, say so in `notPerStatement`.
    @Test func thePushPathHasNoFoundationSearchAndOneGuardedParse() throws {
        // Parses on the push path that are not per pushed statement, each with why.
        let notPerStatement = [
            // The learner's history, read when a push may complete a course: only after an
            // achievement passed the byte search (SQLiteRepositoryStore+PushIssuance).
            "Credentials/SQLitePushTransaction+IssuanceLedger.swift",
        ]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/RepositoryCore")
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && $0.contains("Push") }
        #expect(files.count >= 10, "the push path's files were not found under \(folder.path)")
        let search = [".contains(\"", ".range(of:", ".components(separatedBy:", "NSString", ".replacingOccurrences("]
        let parse = ["JSONValue(data:", "JSONValue.parse(", "JSONDecoder", "JSONSerialization"]
        for file in files.sorted() {
            let lines = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
            for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                for pattern in search where line.contains(pattern) {
                    Issue.record("\(file):\(index + 1) uses \(pattern) on the push path: search the UTF-8 bytes (UTF8Search) instead")
                }
                for pattern in parse where line.contains(pattern) && !notPerStatement.contains(file) {
                    let guarded = lines[max(0, index - 3)...index].contains { $0.contains("UTF8Search.containsAny") }
                    #expect(guarded, "\(file):\(index + 1) parses JSON on the push path without the achievement byte search before it")
                }
            }
        }
    }
}
