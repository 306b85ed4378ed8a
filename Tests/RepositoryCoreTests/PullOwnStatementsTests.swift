import Testing
@testable import RepositoryCore
@testable import SyncEngine

/// A PC that forgot a learner and fetches them back holds none of the statements it once pushed
/// for them: its cursor asks for its own statements too (`PullRequest.Cursor.own`), and both hubs
/// answer them, paged like any other; without it they stay left out.
@Suite("Pull: a replica's own statements on request")
struct PullOwnStatementsTests {
    typealias F = HubFixtures

    @Test(arguments: StoreKind.allCases) func aCursorWithOwnGetsTheAskersStatementsBackAcrossPages(kind: StoreKind) async throws {
        try await HubPair.with(kind) { hubs in
        try await hubs.push(PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: F.statements(1..<6), records: []), device: "pc-a")
        try await hubs.push(PushRequest(replica: F.pcB, learner: F.learner("ana"), statements: F.statements(6..<8), records: []), device: "pc-b")

        let usual = try await hubs.pull(PullRequest(replica: F.pcA, limit: 100, partitions: [.init(learner: "ana", since: 0)]), device: "pc-a")
        #expect(usual.partitions.first?.statements.map(\.id) == [F.uuid(6), F.uuid(7)])

        var since: Int64 = 0
        var ids: [String] = []
        for _ in 0..<10 {
            let page = try await hubs.pull(PullRequest(replica: F.pcA, limit: 3, partitions: [.init(learner: "ana", since: since, own: true)]), device: "pc-a")
            let partition = try #require(page.partitions.first)
            ids += partition.statements.map(\.id)
            since = partition.next
            if !partition.more { break }
        }
        #expect(ids == (1..<8).map(F.uuid))
        }
    }

    @Test func theOwnFlagTravelsOnlyWhenSet() throws {
        let plain = PullRequest(replica: F.pcA, limit: 10, partitions: [.init(learner: "ana", since: 4)])
        #expect(!String(decoding: plain.body(), as: UTF8.self).contains("own"), "older hubs read the request as before")
        let own = PullRequest(replica: F.pcA, limit: 10, partitions: [.init(learner: "ana", since: 4, own: true)])
        #expect(try PullRequest(body: own.body()) == own)
        #expect(try PullRequest(body: plain.body()) == plain)
    }
}
