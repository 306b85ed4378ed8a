@testable import TestSupport
import Foundation
import Testing
import Basics
@testable import SyncEngine

/// Push batches and pull pages are bounded in bytes, not only in count (issue 10, item 5), and a
/// pulled partition that cannot be read holds back only that partition (item 2).
@Suite("Sync pages bounded in bytes; pulled partitions isolated")
struct SyncPagingTests {
    typealias World = PoisonFixtures.World

    func id(_ n: Int) -> String { "00000000-0000-4000-8000-" + String(String(n, radix: 16)).leftPadded(to: 12) }

    /// The budget plus the envelope around the items (learner, batch id, partition fields).
    static let allowance = SyncWireFormat.maxPageBytes + 16 << 10

    @Test func pushBatchesAndPullPagesStayWithinTheByteBudget() throws {
        let world = World(devices: 2)
        world.learner("ana", createdOn: 0, fetchedOn: [1])
        world.learner("ben", createdOn: 0, fetchedOn: [1])
        var random = SplitMix(seed: 10)
        for n in 0..<28 {
            let learner = n % 3 == 0 ? "ben" : "ana"
            world.devices[0].record(learner: learner, id: id(n), json: PoisonFixtures.statement(id: id(n), learner: learner, padding: random.int(300_000...900_000)))
        }
        let push = MeasuringTransport(world.links[0])
        _ = try SyncClient(store: world.devices[0], transport: push).run()
        #expect(push.pushBodies.count >= 2)
        #expect(push.pushBodies.allSatisfy { $0 <= Self.allowance }, "\(push.pushBodies)")
        #expect(world.hub.statementIDs.count == 28)

        let pull = MeasuringTransport(world.links[1])
        let report = try SyncClient(store: world.devices[1], transport: pull).run()
        #expect(report.pulledStatements == 28)
        #expect(pull.pullAnswers.count >= 2)
        #expect(pull.pullAnswers.allSatisfy { $0 <= Self.allowance }, "\(pull.pullAnswers)")
        #expect(world.devices[1].statementTexts() == world.devices[0].statementTexts())
    }

    @Test func aPartitionTheHubRefusesComesBackAsAnExplicitRefusal() throws {
        let world = World(devices: 2)
        world.learner("eve", createdOn: 1)
        world.devices[1].record(learner: "eve", id: id(1), json: PoisonFixtures.statement(id: id(1), learner: "eve"))
        try world.sync(1)
        let answer = try world.hub.pull(PullRequest(replica: ReplicaID("pc0"), limit: 10, partitions: [.init(learner: "eve", since: 0)]), device: "pc0")
        let partition = try #require(answer.partitions.first)
        #expect(partition.refusal?.code == .learnerNotHeld)
        #expect(partition.statements.isEmpty && partition.next == 0)
        // Through the wire, and an answer without the field (an older hub) still reads.
        let back = try PullResponse(body: answer.body())
        #expect(back.partitions.first?.refusal == partition.refusal)
        let old = try PullResponse(body: Array(#"{"format":1,"catalogVersion":null,"partitions":[{"learner":"eve","statements":[],"records":[],"next":0,"more":false}]}"#.utf8))
        #expect(old.partitions.first?.refusal == nil)
    }

    @Test func aPulledPartitionThatCannotBeReadHoldsBackOnlyThatPartition() throws {
        let world = World(devices: 2)
        world.learner("ana", createdOn: 1, fetchedOn: [0])
        world.learner("ben", createdOn: 1, fetchedOn: [0])
        world.devices[1].record(learner: "ana", id: id(1), json: PoisonFixtures.statement(id: id(1), learner: "ana"))
        world.devices[1].record(learner: "ben", id: id(2), json: PoisonFixtures.statement(id: id(2), learner: "ben"))
        try world.sync(1)
        // Ben's statement loses its `stored` on the way: his partition is unreadable, Ana's is fine.
        let link = RewritingPullTransport(world.links[0]) { answer, _ in
            guard case .object(var top) = answer, case .array(var parts) = top["partitions"] else { return answer.canonicalData() }
            for (i, part) in parts.enumerated() where part["learner"] == "ben" {
                guard case .object(var fields) = part, case .array(let statements) = fields["statements"], !statements.isEmpty else { continue }
                fields["statements"] = .array(statements.map { s in
                    guard case .object(var f) = s else { return s }
                    f["stored"] = nil
                    return .object(f)
                })
                parts[i] = .object(fields)
            }
            top["partitions"] = .array(parts)
            return JSONValue.object(top).canonicalData()
        }
        let report = try SyncClient(store: world.devices[0], transport: link).run()
        #expect(world.devices[0].statementTexts().keys.sorted() == [id(1)])
        #expect(world.devices[0].checkpoints("ben").pulled == 0, "ben's checkpoint stays, so his changes come again")
        #expect(report.heldBack.map(\.learner) == ["ben"])
        #expect(report.heldBack.first?.phase == .pull)
    }

    @Test func aPullAnswerThatCannotBeParsedIsAskedAgainPartitionByPartition() throws {
        let world = World(devices: 2)
        world.learner("ana", createdOn: 1, fetchedOn: [0])
        world.learner("ben", createdOn: 1, fetchedOn: [0])
        world.devices[1].record(learner: "ana", id: id(1), json: PoisonFixtures.statement(id: id(1), learner: "ana"))
        world.devices[1].record(learner: "ben", id: id(2), json: PoisonFixtures.statement(id: id(2), learner: "ben"))
        try world.sync(1)
        // Any answer naming ben comes back nested beyond what a JSON reader takes.
        let link = RewritingPullTransport(world.links[0]) { answer, learners in
            guard learners.contains("ben") else { return answer.canonicalData() }
            return Array(answer.canonicalData().dropLast()) + Array((String(repeating: ",\"x\":[", count: 1) + String(repeating: "[", count: 120) + String(repeating: "]", count: 121) + "}").utf8)
        }
        let report = try SyncClient(store: world.devices[0], transport: link).run()
        #expect(world.devices[0].statementTexts().keys.sorted() == [id(1)])
        #expect(report.heldBack.map(\.learner) == ["ben"])
    }
}
