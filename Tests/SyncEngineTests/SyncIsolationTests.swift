@testable import TestSupport
import Foundation
import Testing
import Basics
@testable import SyncEngine

/// One bad item or one refused learner holds back only itself: other learners push, every PC
/// pulls, later items of the same learner go through (issue 10, items 1 and 2).
@Suite("Sync failure isolation")
struct SyncIsolationTests {
    typealias World = PoisonFixtures.World

    func id(_ n: Int) -> String { "00000000-0000-4000-8000-" + String(String(n, radix: 16)).leftPadded(to: 12) }

    @Test func aStatementTooLargeForTheWireHoldsBackOnlyItself() throws {
        let world = World(devices: 2)
        world.learner("ana", createdOn: 0)
        world.learner("ben", createdOn: 0)
        world.learner("cai", createdOn: 1, fetchedOn: [0])
        world.devices[1].record(learner: "cai", id: id(100), json: PoisonFixtures.statement(id: id(100), learner: "cai"))
        try world.sync(1)

        let pc = world.devices[0]
        pc.record(learner: "ana", id: id(1), json: PoisonFixtures.statement(id: id(1), learner: "ana"))
        pc.record(learner: "ana", id: id(2), json: PoisonFixtures.statement(id: id(2), learner: "ana", padding: WireStatement.maxBytes))
        pc.record(learner: "ana", id: id(3), json: PoisonFixtures.statement(id: id(3), learner: "ana"))
        pc.record(learner: "ben", id: id(4), json: PoisonFixtures.statement(id: id(4), learner: "ben"))

        let report = try world.sync(0)
        #expect(world.hub.statementIDs == [id(1), id(3), id(4), id(100)], "the statements before and after the poison, and the other learner's")
        #expect(pc.statementTexts()[id(100)] != nil, "the pull ran")
        #expect(report.quarantined == 1)
        #expect(pc.quarantined().map(\.item) == [id(2)])
        #expect(pc.statementTexts()[id(2)] != nil, "a quarantined statement stays on the PC")
        // Nothing is left to push but the quarantined statement, which is not sent again.
        let again = try world.sync(0)
        #expect(again.pushBatches == 0 && again.quarantined == 0)
    }

    @Test func aStatementNestedTooDeepForThePullNeverReachesAnotherPCsPull() throws {
        let world = World(devices: 2)
        world.learner("ana", createdOn: 0, fetchedOn: [1])
        let pc = world.devices[0]
        // 98 levels: the push envelope (2 levels) carries it, the pull envelope (4) could not.
        pc.record(learner: "ana", id: id(1), json: PoisonFixtures.statement(id: id(1), learner: "ana", depth: 98))
        pc.record(learner: "ana", id: id(2), json: PoisonFixtures.statement(id: id(2), learner: "ana"))
        try world.sync(0)
        #expect(world.hub.statementIDs == [id(2)])
        #expect(pc.quarantined().map(\.item) == [id(1)])

        let other = try world.sync(1)
        #expect(other.pulledStatements == 1)
        #expect(world.devices[1].statementTexts().keys.sorted() == [id(2)])
    }

    @Test func everyStatementWithinTheSharedLimitsSurvivesAPushAndAPull() throws {
        let world = World(devices: 2)
        world.learner("ana", createdOn: 0, fetchedOn: [1])
        let deepest = PoisonFixtures.statement(id: id(1), learner: "ana", depth: StatementLimits.maxDepth)
        #expect(try JSONValue(data: .init(deepest.utf8)).nestingDepth == StatementLimits.maxDepth)
        world.devices[0].record(learner: "ana", id: id(1), json: deepest)
        let padding = StatementLimits.maxBytes - PoisonFixtures.statement(id: id(2), learner: "ana", padding: 1).utf8.count + 1
        let largest = PoisonFixtures.statement(id: id(2), learner: "ana", padding: padding)
        #expect(largest.utf8.count == StatementLimits.maxBytes)
        world.devices[0].record(learner: "ana", id: id(2), json: largest)
        try world.sync(0)
        try world.sync(1)
        #expect(world.devices[1].statementTexts() == world.devices[0].statementTexts())
        #expect(world.devices[0].quarantined().isEmpty)
    }

    @Test func aLearnerTheHubRefusesHoldsBackOnlyThatLearner() throws {
        let world = World(devices: 2)
        // "dan" exists at the hub, created on PC 1; PC 0 names him without having fetched him.
        world.learner("dan", createdOn: 1)
        world.devices[1].record(learner: "dan", id: id(9), json: PoisonFixtures.statement(id: id(9), learner: "dan"))
        try world.sync(1)
        world.devices[0].addLearner("dan")
        world.learner("ana", createdOn: 0)
        world.learner("ben", createdOn: 1, fetchedOn: [0])
        world.devices[1].record(learner: "ben", id: id(7), json: PoisonFixtures.statement(id: id(7), learner: "ben"))
        try world.sync(1)
        world.devices[0].record(learner: "dan", id: id(1), json: PoisonFixtures.statement(id: id(1), learner: "dan"))
        world.devices[0].record(learner: "ana", id: id(2), json: PoisonFixtures.statement(id: id(2), learner: "ana"))

        let report = try world.sync(0)
        #expect(world.hub.statementIDs == [id(2), id(7), id(9)])
        #expect(world.devices[0].statementTexts()[id(7)] != nil, "the pull ran")
        #expect(world.devices[0].statementTexts()[id(9)] == nil, "nothing of a learner this PC does not hold")
        #expect(Set(report.heldBack.map(\.learner)) == ["dan"])
        #expect(report.heldBack.allSatisfy { $0.code == .learnerNotHeld })
        #expect(world.devices[0].quarantined().isEmpty, "a learner-wide refusal quarantines no item: it is tried again next run")
    }

    /// Property, over seeds: whatever the learners, batch sizes and poison items (too large, nested
    /// beyond the pull's limit, or beyond even the push envelope's), one run pushes exactly the
    /// other statements, quarantines exactly the poison, and bisection stays cheap.
    @Test(arguments: 0..<24) func poisonAmongManyIsQuarantinedAndEverythingElsePushed(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let world = World(devices: 1, seed: seed)
        let learners = (0..<random.int(1...3)).map { "learner-\($0)" }
        var good: Set<String> = [], poison: Set<String> = []
        var n = 0
        for learner in learners { world.learner(learner, createdOn: 0) }
        for _ in 0..<random.int(1...120) {
            let learner = random.pick(learners)
            n += 1
            let statementID = id(n)
            let text: String
            switch random.int(0...19) {
            case 0: text = PoisonFixtures.statement(id: statementID, learner: learner, depth: random.int(StatementLimits.maxDepth + 1...100)); poison.insert(statementID)
            case 1 where random.chance(0.3): text = PoisonFixtures.statement(id: statementID, learner: learner, padding: StatementLimits.maxBytes); poison.insert(statementID)
            default: text = PoisonFixtures.statement(id: statementID, learner: learner, depth: random.int(2...StatementLimits.maxDepth)); good.insert(statementID)
            }
            world.devices[0].record(learner: learner, id: statementID, json: text)
        }
        let batchSize = random.int(1...50)
        let report = try world.sync(0, batchSize: batchSize)
        let note = "seed \(seed), batch size \(batchSize), \(good.count) good, \(poison.count) poison"
        #expect(world.hub.statementIDs == good, "\(note)")
        #expect(Set(world.devices[0].quarantined().map(\.item)) == poison, "\(note)")
        #expect(report.quarantined == poison.count, "\(note)")
        #expect(report.heldBack.isEmpty, "\(note)")
        // Each poison item costs at most a bisection of its batch and one probe per learner.
        let levels = Int(log2(Double(batchSize)).rounded(.up))
        let bound = ((good.count + poison.count) / batchSize + 1) * learners.count + poison.count * (2 * levels + 4) + learners.count + 2
        #expect(report.requests <= bound, "\(note): \(report.requests) requests")
        let again = try world.sync(0, batchSize: batchSize)
        #expect(again.pushBatches == 0 && again.refusedPushes == 0, "\(note): nothing left to push")
        // Released (walletd updated): the poison is tried once more and quarantined again; nothing is lost.
        world.devices[0].releaseQuarantine()
        let retried = try world.sync(0, batchSize: batchSize)
        #expect(retried.quarantined == poison.count, "\(note)")
        #expect(world.hub.statementIDs == good, "\(note)")
    }

    @Test func aRecordOnlyTheHubWritesIsQuarantinedInTheStateRefusedAndTriedAgainAfterAWrite() throws {
        let world = World(devices: 1)
        world.learner("ana", createdOn: 0)
        let pc = world.devices[0]
        pc.write(learner: "ana", key: "profile/email", value: "ana@x.example", seen: nil)
        pc.write(learner: "ana", key: "credential/c-1", value: "forged", seen: nil)
        pc.record(learner: "ana", id: id(1), json: PoisonFixtures.statement(id: id(1), learner: "ana"))
        let report = try world.sync(0)
        #expect(report.quarantined == 1)
        #expect(pc.quarantined().map { "\($0.kind) \($0.item) \($0.code.rawValue)" } == ["record credential/c-1 reserved_record"])
        #expect(world.hub.statementIDs == [id(1)])
        #expect(world.hub.record(learner: "ana", key: "profile/email") != nil, "the other record went")
        #expect(try world.sync(0).refusedPushes == 0, "held in the state refused: not sent again")
        // A later write makes a new state, which is tried (and refused) again.
        pc.write(learner: "ana", key: "credential/c-1", value: "forged again", seen: nil)
        let again = try world.sync(0)
        #expect(again.refusedPushes >= 1 && again.quarantined == 1)
        #expect(pc.quarantined().count == 1 && pc.quarantined().first?.state == pc.register(learner: "ana", key: "credential/c-1"))
        #expect(world.hub.record(learner: "ana", key: "credential/c-1") == nil)
    }

    /// Property, over seeds: poison items and a learner the hub refuses, over links that lose
    /// requests and answers and deliver twice. Broken runs are retried; once the links heal, the
    /// hub holds exactly the good statements, exactly the poison is quarantined (a lost answer
    /// never gets a good item quarantined), and the refused learner's statements wait on the PC.
    @Test(arguments: 0..<16) func isolationHoldsOverLinksThatLoseAndRepeat(seed: UInt64) throws {
        var random = SplitMix(seed: seed &+ 1_000)
        let world = World(devices: 2, seed: seed)
        world.learner("ana", createdOn: 0, fetchedOn: [1])
        world.learner("ben", createdOn: 0)
        // "dan" belongs to PC 1; PC 0 has him without having fetched him.
        world.learner("dan", createdOn: 1)
        try world.sync(1)
        world.devices[0].addLearner("dan")
        var good: Set<String> = [], poison: Set<String> = [], waiting: Set<String> = []
        for n in 1...random.int(20...80) {
            let learner = random.pick(["ana", "ben", "dan"])
            let depth = random.chance(0.1) ? random.int(StatementLimits.maxDepth + 1...100) : 3
            world.devices[0].record(learner: learner, id: id(n), json: PoisonFixtures.statement(id: id(n), learner: learner, depth: depth))
            if learner == "dan" { waiting.insert(id(n)) } else if depth > StatementLimits.maxDepth { poison.insert(id(n)) } else { good.insert(id(n)) }
        }
        world.links[0].setFaults(.lossy)
        for _ in 0..<random.int(2...6) { _ = try? world.sync(0, batchSize: random.int(1...30)) }
        world.links[0].setFaults(.none)
        let last = try world.sync(0, batchSize: random.int(1...30))
        let note = "seed \(seed)"
        #expect(world.hub.statementIDs == good, "\(note)")
        #expect(Set(world.devices[0].quarantined().map(\.item)) == poison, "\(note)")
        #expect(last.heldBack.contains { $0.learner == "dan" && $0.code == .learnerNotHeld }, "\(note)")
        #expect(try world.devices[0].pendingBatch(learner: "dan", limit: 1_000).map { Set($0.request.statements.map(\.id)) } ?? [] == waiting, "\(note): dan's statements wait on the PC")
        // PC 1 (holding Ana) pulls every good statement of hers, and none of the poison.
        try world.sync(1)
        let anas = Set(world.devices[1].statementTexts().keys)
        #expect(anas.isSubset(of: good) && poison.isDisjoint(with: anas), "\(note)")
    }

    @Test func aLearnerHeldBackLastRunIsAskedAboutAloneBeforeAFullBatchIsSent() throws {
        let world = World(devices: 2)
        world.learner("dan", createdOn: 1)
        try world.sync(1)
        world.devices[0].addLearner("dan")
        world.learner("ana", createdOn: 0)
        world.devices[0].record(learner: "dan", id: id(1), json: PoisonFixtures.statement(id: id(1), learner: "dan", padding: 500_000))
        let link = MeasuringTransport(world.links[0])
        let first = try SyncClient(store: world.devices[0], transport: link).run()
        #expect(first.heldBack.contains { $0.learner == "dan" && $0.phase == .push })
        #expect(link.pushBodies.contains { $0 > 500_000 }, "the first run sent his batch")
        let before = link.pushBodies.count
        let second = try SyncClient(store: world.devices[0], transport: link, heldBefore: Set(first.heldBack.map(\.learner))).run()
        #expect(second.heldBack.contains { $0.learner == "dan" && $0.code == .learnerNotHeld })
        #expect(link.pushBodies.dropFirst(before).allSatisfy { $0 < 2_000 }, "then only his learner record: \(link.pushBodies)")
        // Once fetched (the hub takes him), his statement goes with the same kind of run.
        world.hub.link(device: "pc0", learner: "dan")
        let third = try SyncClient(store: world.devices[0], transport: link, heldBefore: ["dan"]).run()
        #expect(third.heldBack.isEmpty && world.hub.statementIDs.contains(id(1)))
    }

    @Test func aTransientFailureStillEndsTheRun() throws {
        let world = World(devices: 1)
        world.learner("ana", createdOn: 0)
        world.devices[0].record(learner: "ana", id: id(1), json: PoisonFixtures.statement(id: id(1), learner: "ana"))
        world.links[0].setFaults(.init(lostRequest: 1))
        #expect(throws: FaultyTransport.LinkDown.self) { try world.sync(0) }
        #expect(world.devices[0].quarantined().isEmpty)
    }
}

/// Which failures end a run, hold back a learner, or split a batch.
@Suite("Sync failure classification")
struct SyncFailureClassificationTests {
    func kind(_ status: Int, _ code: ErrorCode) -> String {
        switch SyncRefusal(status: status, code: code, message: "m").syncFailure {
        case .endRun: "end"
        case .holdLearner: "hold"
        case .refuseItems: "split"
        }
    }

    @Test func refusalsAreSortedByStatusAndCode() {
        #expect(kind(503, .internalError) == "end" && kind(500, .internalError) == "end" && kind(429, .learnerLocked) == "end")
        #expect(kind(401, .unauthenticated) == "end" && kind(403, .wrongReplica) == "end" && kind(400, .unsupportedFormat) == "end")
        #expect(kind(404, .notFound) == "end" && kind(400, .httpError) == "end", "a server that is no repository")
        #expect(kind(403, .learnerNotHeld) == "hold" && kind(409, .repositoryError) == "hold")
        #expect(kind(413, .bodyTooLarge) == "split" && kind(413, .httpError) == "split")
        #expect(kind(400, .invalidSyncMessage) == "split" && kind(400, .statementTooDeep) == "split" && kind(403, .reservedRecord) == "split")
        #expect(SyncFailure.classify(FaultyTransport.LinkDown(call: "push", answerLost: true)) == .endRun, "an error that does not say")
        #expect(SyncFailure.classify(SyncHubError.learnerNotHeld("x")) == .holdLearner(code: .learnerNotHeld, message: SyncHubError.learnerNotHeld("x").description))
    }
}
