import Foundation
import Testing
@testable import RepositoryCore
@testable import SyncEngine

@Suite("Pushes carrying credential/ records")
struct ReservedRecordTests {
    @Test("both hubs refuse the whole push and apply nothing of it")
    func refusedByBothHubs() async throws {
        let hubs = HubPair(sqlite: try HubFixtures.store())
        let record = HubFixtures.record(RecordKey.credentialPrefix + "urn:uuid:forged", "a forged credential", by: HubFixtures.pcA)
        let push = PushRequest(replica: HubFixtures.pcA, learner: HubFixtures.learner("ana"), statements: [HubFixtures.statement(1)],
                               records: [HubFixtures.record("profile/email", "ana@x.example", by: HubFixtures.pcA), record])
        await #expect(throws: SyncHubError.reservedRecord(record.key)) { try await hubs.sqlite.push(push, device: "pc-a") }
        #expect(throws: SyncHubError.reservedRecord(record.key)) { try hubs.memory.push(push, device: "pc-a") }
        #expect(try await hubs.sqlite.stats().statementsStored == 0)
        #expect(try await hubs.sqlite.stats().records == 0)
        #expect(hubs.memory.statementIDs.isEmpty)
        #expect(SyncHubError.reservedRecord(record.key).description.contains("only the repository writes"))
    }
}
