import Foundation
import GRDB
import Testing
import Basics
@testable import WalletCore

@Suite("forgetting a learner with cmi5 launches and xAPI documents")
struct Cmi5ForgetTests {
    /// Forget runs with foreign keys off, so no cascade helps: every table that has a learner_id
    /// column must be emptied of the learner by name.
    @Test func forgetLeavesNoRowOfTheLearner() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let store = fixture.store
        _ = try await store.createCmi5Launch(learnerID: fixture.ana, course: Cmi5Samples.course, unitID: Cmi5Samples.unit.id,
                                             urls: Cmi5StoreTests.urls, nowMs: Cmi5StoreTests.now)
        try await store.writeXAPIDocument(.agentProfile(learnerID: fixture.ana, profileID: "cmi5LearnerPreferences"), content: Data("{}".utf8),
                                          contentType: "application/json", write: .replace, conditions: .none, nowMs: Cmi5StoreTests.now)
        _ = try store.forgetLearner(id: fixture.ana, force: true)
        let leftovers = try store.readNow { db -> [String] in
            let tables = try String.fetchAll(db, sql: """
                SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c ON c.name = 'learner_id' WHERE m.type = 'table'
                """)
            return try tables.filter { table in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE learner_id = ?)", arguments: [fixture.ana]) == true
            }
        }
        #expect(leftovers.isEmpty, "tables still holding the forgotten learner: \(leftovers)")
        #expect(try await store.xapiDocumentIDs(kind: .agentProfile, learnerID: fixture.ben).ids.isEmpty)
    }
}
