import Foundation
import Testing
import WalletAPI
import Basics
@testable import WalletCore

@Suite("Statement queries")
struct WalletStoreQueryTests {
    @Test("paging walks every statement once, in both orders, pinned against new arrivals")
    func paging() async throws {
        for ascending in [true, false] {
            let f = try await StoreFixture()
            defer { f.remove() }
            var ids: [String] = []
            for i in 0..<25 {
                let id = UUID().uuidString.lowercased()
                ids.append(id)
                try await f.insert([Statements.make(id: id)], for: f.ana, nowMs: 1_700_000_000_000 + Int64(i))
            }
            var query = StatementQuery(learnerID: f.ana)
            query.limit = 10
            query.ascending = ascending
            var seen: [String] = []
            var pages = 0
            var next: StatementQuery? = query
            while let current = next {
                let page = try await f.store.statements(matching: current)
                seen += try page.statements.map { try #require(JSONValue(data: Data($0.utf8))["id"]?.stringValue) }
                pages += 1
                next = page.next
                if pages == 1 {
                    // Arrives mid-paging: it must not shift or duplicate what the pages show.
                    try await f.insert([Statements.make()], for: f.ana, nowMs: 1_800_000_000_000)
                }
            }
            #expect(pages == 3)
            #expect(seen == (ascending ? ids : ids.reversed()))
        }
    }

    @Test("filters: verb, activity, related activities, agent, registration, since/until")
    func filters() async throws {
        let f = try await StoreFixture()
        defer { f.remove() }
        let registration = UUID().uuidString.lowercased()
        let passed = Statements.make(verb: "passed", activity: "https://example.org/a/2", registration: registration)
        var withParent = Statements.make(verb: "completed", activity: "https://example.org/a/3")
        if case .object(var fields) = withParent {
            fields["context"] = ["contextActivities": ["parent": [["id": "https://example.org/course"]]]]
            withParent = .object(fields)
        }
        try await f.insert([Statements.make()], for: f.ana, nowMs: 1_000)
        try await f.insert([passed], for: f.ana, nowMs: 2_000)
        try await f.insert([withParent], for: f.ana, nowMs: 3_000)
        try await f.insert([Statements.make(actor: "mailto:other@example.org")], for: f.ana, nowMs: 4_000)

        func count(_ edit: (inout StatementQuery) -> Void) async throws -> Int {
            var q = StatementQuery(learnerID: f.ana)
            edit(&q)
            return try await f.store.statements(matching: q).statements.count
        }
        #expect(try await count { $0.verb = "http://adlnet.gov/expapi/verbs/passed" } == 1)
        #expect(try await count { $0.activity = "https://example.org/course" } == 0)
        #expect(try await count { $0.activity = "https://example.org/course"; $0.relatedActivities = true } == 1)
        #expect(try await count { $0.agentKey = "mbox:mailto:other@example.org" } == 1)
        #expect(try await count { $0.registration = registration } == 1)
        #expect(try await count { $0.sinceMs = 2_000 } == 2)
        #expect(try await count { $0.untilMs = 2_000 } == 2)
        #expect(try await count { $0.sinceMs = 1_000; $0.untilMs = 3_000 } == 2)
    }

    @Test("a statement referring to a match matches too")
    func statementRefsFollowMatches() async throws {
        let f = try await StoreFixture()
        defer { f.remove() }
        let target = UUID().uuidString.lowercased()
        try await f.insert([Statements.make(id: target, verb: "passed")], for: f.ana)
        let referring: JSONValue = ["id": .string(UUID().uuidString.lowercased()), "actor": ["mbox": "mailto:t@example.org"],
                                    "verb": ["id": "http://adlnet.gov/expapi/verbs/commented"],
                                    "object": ["objectType": "StatementRef", "id": .string(target)]]
        try await f.insert([referring], for: f.ana)
        var q = StatementQuery(learnerID: f.ana)
        q.verb = "http://adlnet.gov/expapi/verbs/passed"
        #expect(try await f.store.statements(matching: q).statements.count == 2)
    }
}
