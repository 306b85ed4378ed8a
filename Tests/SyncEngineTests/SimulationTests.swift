@testable import TestSupport
import Testing
import Basics
@testable import SyncEngine

/// Deterministic simulation: N PCs (2–5) and one hub. Learners record statements and edit
/// profile fields offline, PCs sync at random times with random batch sizes over links that lose
/// requests, lose answers and deliver twice. Once the links heal and every PC has synced twice,
/// all replicas hold the same thing, and that thing is what the operations imply: the union of
/// the statements, and per record the writes no other write had seen.
///
/// Every case is reproduced by its seed (named in each failure).
@Suite("Sync simulation: N replicas converge")
struct SimulationTests {
    static let learners = ["ana", "ben", "cai"]
    static let keys = ["profile/email", "profile/name", "enrolment/C-101"]

    struct RecordID: Hashable, CustomStringConvertible {
        var learner: String
        var key: String
        var description: String { "\(learner) \(key)" }
    }

    /// A write and what it had seen, for the expected final state.
    struct Write {
        var dot: Dot
        var value: JSONValue
        var seen: VersionVector
    }

    enum Operation: Equatable {
        /// A learner records a statement on a PC.
        case record(device: Int, learner: String, id: String, object: Int)
        /// A learner saves a profile field or enrolment: having seen the current value, or from a
        /// form opened earlier (`stale`: the context shown at the last `look`).
        case write(device: Int, learner: String, key: String, value: String, stale: Bool)
        /// A form shows a record's current value (its context is what a later stale write saw).
        case look(device: Int, learner: String, key: String)
        case sync(device: Int, batchSize: Int)
    }

    static func statementText(id: String, learner: String, object: Int) -> String {
        JSONValue.object([
            "id": .string(id), "actor": ["mbox": .string("mailto:\(learner)@x.example")],
            "verb": ["id": "http://adlnet.gov/expapi/verbs/completed"], "object": ["id": .string("https://x.example/lo/\(object)")],
            "stored": "2026-01-01T00:00:00.000Z", "authority": ["mbox": "mailto:pc@x.example"],
        ]).encodedString
    }

    /// The random schedule: what learners do, and (unless `syncs` is false) when PCs sync.
    static func operations(seed: UInt64, devices: Int, steps: Int, syncs: Bool = true) -> [Operation] {
        var random = SplitMix(seed: seed)
        var operations: [Operation] = []
        for step in 0..<steps {
            let device = random.int(0...devices - 1)
            let learner = random.pick(learners)
            let key = random.pick(keys)
            switch random.int(0...19) {
            case 0...8:
                // Now and then a learner works through a whole module offline: a burst to push.
                let count = random.chance(0.04) ? random.int(10...80) : 1
                for _ in 0..<count { operations.append(.record(device: device, learner: learner, id: random.uuid(), object: random.int(0...999))) }
            case 9...12: operations.append(.write(device: device, learner: learner, key: key, value: "\(key)#\(step)@pc\(device)", stale: random.chance(0.35)))
            case 13...14: operations.append(.look(device: device, learner: learner, key: key))
            default:
                if syncs { operations.append(.sync(device: device, batchSize: random.int(1...50))) }
            }
        }
        return operations
    }

    /// N PCs and a hub, and what the operations applied so far imply.
    final class World {
        let hub = MemoryHub(catalogVersion: "catalog-1")
        var devices: [MemoryDeviceStore] = []
        var links: [FaultyTransport] = []
        var recorded: [String: String] = [:]
        var recordedBy: [String: Int] = [:]
        var recordedFor: [String: String] = [:]
        var writes: [RecordID: [Write]] = [:]
        var shown: [Int: [RecordID: VersionVector]] = [:]
        var runs = 0
        var brokenRuns = 0
        /// Statements each PC pulled, over its runs that completed.
        var pulled: [Int]

        /// PC 0 created the learners; the others fetched them with their PIN.
        init(devices count: Int, linkSeed: UInt64, faults: FaultyTransport.Faults) {
            pulled = Array(repeating: 0, count: count)
            for i in 0..<count {
                let device = MemoryDeviceStore(replica: ReplicaID("pc\(i)"))
                for learner in SimulationTests.learners {
                    if i == 0 {
                        device.addLearner(learner)
                        // Created here: PC 0 holds them even if a fetching PC pushes first.
                        hub.link(device: "pc0", learner: learner)
                    } else {
                        device.addFetchedLearner(learner)
                        hub.link(device: "pc\(i)", learner: learner)
                    }
                }
                devices.append(device)
                links.append(FaultyTransport(hub: hub, device: "pc\(i)", seed: linkSeed &+ UInt64(i) &* 0x9E37_79B9, faults: faults))
            }
        }

        func apply(_ operation: Operation) {
            switch operation {
            case .record(let i, let learner, let id, let object):
                let text = SimulationTests.statementText(id: id, learner: learner, object: object)
                if devices[i].record(learner: learner, id: id, json: text) {
                    recorded[id] = text
                    recordedBy[id] = i
                    recordedFor[id] = learner
                }
            case .write(let i, let learner, let key, let value, let stale):
                let record = RecordID(learner: learner, key: key)
                let seen = stale ? (shown[i]?[record] ?? VersionVector()) : nil
                let (sawContext, state) = devices[i].write(learner: learner, key: key, value: .string(value), seen: seen)
                let dot = Dot(replica: devices[i].replica, counter: state.context[devices[i].replica])
                writes[record, default: []].append(Write(dot: dot, value: .string(value), seen: sawContext))
            case .look(let i, let learner, let key):
                shown[i, default: [:]][RecordID(learner: learner, key: key)] = devices[i].register(learner: learner, key: key).context
            case .sync(let i, let batchSize):
                sync(i, batchSize: batchSize)
            }
        }

        /// One run; a broken one is fine (the next resumes).
        func sync(_ i: Int, batchSize: Int) {
            runs += 1
            do {
                pulled[i] += try SyncClient(store: devices[i], transport: links[i], batchSize: batchSize).run().pulledStatements
            } catch {
                brokenRuns += 1
            }
        }

        /// The links heal and every PC syncs twice (the second round carries the first's news).
        func heal(_ random: inout SplitMix) throws {
            for link in links { link.setFaults(.none) }
            for _ in 0..<2 {
                for i in devices.indices {
                    pulled[i] += try SyncClient(store: devices[i], transport: links[i], batchSize: random.int(1...50)).run().pulledStatements
                }
            }
        }

        /// Per record, the writes no other write had seen: what every replica must end with.
        func expectedSiblings(_ record: RecordID) -> Set<Sibling> {
            let all = writes[record] ?? []
            return Set(all.filter { w in !all.contains { $0.seen.contains(w.dot) } }.map { Sibling(dot: $0.dot, value: $0.value) })
        }

        var records: [RecordID] { SimulationTests.learners.flatMap { learner in SimulationTests.keys.map { RecordID(learner: learner, key: $0) } } }

        var lostStats: (answers: Int, statements: Int, largest: Int) {
            links.reduce((0, 0, 0)) { ($0.0 + $1.stats.lostPushAnswers, $0.1 + $1.stats.statementsInLostPushAnswers, max($0.2, $1.stats.largestLostPushBatch)) }
        }

        /// What the hub holds, read the way a new PC would: pull every partition from 0.
        func hubSnapshot() throws -> MemoryDeviceStore.Snapshot {
            var snapshot = MemoryDeviceStore.Snapshot(statements: [:], records: [:], conflicts: [:])
            for learner in SimulationTests.learners { hub.link(device: "observer", learner: learner) }
            var cursors = SimulationTests.learners.map { PullRequest.Cursor(learner: $0, since: 0) }
            while !cursors.isEmpty {
                let answer = try hub.pull(PullRequest(replica: ReplicaID("observer"), limit: 1000, partitions: cursors), device: "observer")
                cursors = []
                for partition in answer.partitions {
                    for statement in partition.statements { snapshot.statements[statement.id] = statement.json }
                    for record in partition.records { snapshot.records[partition.learner, default: [:]][record.key] = record.state }
                    if partition.more { cursors.append(.init(learner: partition.learner, since: partition.next)) }
                }
            }
            for id in snapshot.statements.keys where !hub.conflictVersions(id: id).isEmpty {
                snapshot.conflicts[id] = Set(hub.conflictVersions(id: id))
            }
            return snapshot
        }
    }

    /// Everything that must hold once a world has healed and synced twice.
    func expectConverged(_ world: World, _ note: String) throws {
        let hub = try world.hubSnapshot()
        #expect(world.hub.statementIDs == Set(world.recorded.keys), "\(note): the hub holds exactly the statements recorded")
        #expect(hub.statements == world.recorded, "\(note): with their exact text")
        #expect(hub.conflicts.isEmpty, "\(note)")
        for (i, device) in world.devices.enumerated() {
            let mine = device.snapshot()
            #expect(mine.statements == world.recorded, "\(note): pc\(i) holds the union of what was recorded")
            #expect(mine.statements.allSatisfy { Array($0.value.utf8) == Array(world.recorded[$0.key]!.utf8) }, "\(note): byte for byte")
            #expect(mine.conflicts.isEmpty, "\(note): pc\(i)")
            for id in world.recorded.keys {
                #expect(device.origin(of: id) == (world.recordedBy[id] == i ? .local : .hub), "\(note): pc\(i) origin of \(id)")
                #expect(device.learner(of: id) == world.recordedFor[id], "\(note): pc\(i) partition of \(id)")
            }
            #expect(!device.hasDirtyRecords(), "\(note): pc\(i) has everything acknowledged")
            #expect(device.checkpointRegressions == 0, "\(note): pc\(i) never moved a pull checkpoint back")
            for learner in Self.learners { #expect(try device.pendingBatch(learner: learner, limit: 50) == nil, "\(note): pc\(i) \(learner)") }
            #expect(device.catalog == "catalog-1", "\(note): pc\(i)")
            for record in world.records {
                let state = device.register(learner: record.learner, key: record.key)
                #expect(state == (world.hub.record(learner: record.learner, key: record.key) ?? RegisterState()), "\(note): pc\(i) \(record) differs from the hub")
                #expect(state == world.devices[0].register(learner: record.learner, key: record.key), "\(note): pc\(i) \(record) differs from pc0")
                #expect(Set(state.siblings) == world.expectedSiblings(record), "\(note): pc\(i) \(record): siblings are the writes no other write saw")
                let dots = (world.writes[record] ?? []).reduce(VersionVector()) { var v = $0; v.record($1.dot); return v }
                #expect(state.context == dots, "\(note): pc\(i) \(record) has seen every write")
            }
        }
        // A statement reaches the hub twice only when a push answer was lost: at most that batch.
        let lost = world.lostStats
        let extra = world.hub.statementsReceived - world.recorded.count
        #expect(extra >= 0 && extra <= lost.statements, "\(note): \(extra) statements sent again, \(lost.statements) in \(lost.answers) lost answers")
        #expect(extra <= 50 * lost.answers, "\(note): at most one batch per lost answer")
    }

    /// After convergence a sync has nothing to do: one pull request that brings nothing.
    func expectQuiet(_ world: World, _ note: String) throws {
        for (i, device) in world.devices.enumerated() {
            let before = world.links[i].stats.calls
            let report = try SyncClient(store: device, transport: world.links[i], batchSize: 7).run()
            #expect(report.requests == 1 && report.pullRequests == 1 && report.pushBatches == 0, "\(note): pc\(i) \(report)")
            #expect(report.pulledStatements == 0 && report.pulledRecords == 0 && !report.catalogUpdated, "\(note): pc\(i) \(report)")
            #expect(world.links[i].stats.calls == before + 1, "\(note): pc\(i) made one call")
        }
    }

    // MARK: - Random schedules

    static let convergenceCases: [(UInt64, Int)] = [(1, 2), (7, 3), (42, 4), (2026, 5), (99, 3), (5, 5), (123, 2), (77, 4)]

    @Test("replicas converge to what the operations imply, whatever the faults", arguments: convergenceCases)
    func convergence(seed: UInt64, devices: Int) throws {
        let world = World(devices: devices, linkSeed: seed, faults: .lossy)
        for operation in Self.operations(seed: seed, devices: devices, steps: 400) { world.apply(operation) }
        var random = SplitMix(seed: seed &* 31)
        try world.heal(&random)
        let note = "seed \(seed), \(devices) PCs"
        #expect(world.brokenRuns > 0 && world.lostStats.answers > 0, "\(note): the faults happened (\(world.brokenRuns) of \(world.runs) runs broke)")
        #expect(world.records.contains { world.expectedSiblings($0).count > 1 }, "\(note): some concurrent writes stay side by side")
        try expectConverged(world, note)
        try expectQuiet(world, note)

        // Every record still in conflict is resolved on some PC, from what that PC shows.
        var resolver = SplitMix(seed: seed ^ 0x5EED)
        let conflicted = world.records.filter { world.devices[0].register(learner: $0.learner, key: $0.key).isConflicted }
        for record in conflicted {
            world.apply(.write(device: resolver.int(0...devices - 1), learner: record.learner, key: record.key, value: "resolved", stale: false))
        }
        try world.heal(&random)
        for record in conflicted {
            for (i, device) in world.devices.enumerated() {
                #expect(device.register(learner: record.learner, key: record.key).values == ["resolved"], "\(note): pc\(i) \(record) is settled")
            }
        }
        try expectConverged(world, "\(note), resolved")
        try expectQuiet(world, "\(note), resolved")
    }

    @Test("without faults nothing is sent twice and pulled statements are never pushed back", arguments: [UInt64(3), 17])
    func faultFree(seed: UInt64) throws {
        let world = World(devices: 4, linkSeed: seed, faults: .none)
        for operation in Self.operations(seed: seed, devices: 4, steps: 300) { world.apply(operation) }
        var random = SplitMix(seed: seed)
        try world.heal(&random)
        #expect(world.brokenRuns == 0)
        #expect(world.hub.statementsReceived == world.recorded.count, "seed \(seed): each statement reached the hub once")
        for i in world.devices.indices {
            #expect(world.pulled[i] == world.recorded.count - world.recordedBy.values.count { $0 == i },
                    "seed \(seed): pc\(i) pulled each statement of the other PCs once, and none of its own")
        }
        try expectConverged(world, "seed \(seed)")
        try expectQuiet(world, "seed \(seed)")
    }

    @Test("the result does not depend on delivery: same operations, two delivery seeds", arguments: [(UInt64(3), 3), (11, 4), (12_345, 5), (8, 2)])
    func deliveryOrderIndependence(seed: UInt64, devices: Int) throws {
        // All the learners' work happens before any sync, so what each write had seen does not
        // depend on delivery; then the PCs sync in an order, with batch sizes and faults, that
        // the delivery seed picks.
        let operations = Self.operations(seed: seed, devices: devices, steps: 200, syncs: false)
        func deliver(_ deliverySeed: UInt64) throws -> World {
            let world = World(devices: devices, linkSeed: deliverySeed, faults: .lossy)
            for operation in operations { world.apply(operation) }
            var delivery = SplitMix(seed: deliverySeed)
            for _ in 0..<(devices * 8) { world.sync(delivery.int(0...devices - 1), batchSize: delivery.int(1...50)) }
            try world.heal(&delivery)
            try expectConverged(world, "seed \(seed), delivery \(deliverySeed)")
            return world
        }
        let one = try deliver(seed &+ 1), two = try deliver(seed &+ 2)
        #expect(one.links.map(\.stats) != two.links.map(\.stats), "seed \(seed): the two deliveries differ")
        #expect(try one.hubSnapshot() == two.hubSnapshot(), "seed \(seed): the hubs agree")
        for i in 0..<devices {
            #expect(one.devices[i].snapshot() == two.devices[i].snapshot(), "seed \(seed): pc\(i) ends the same")
        }
        #expect(one.records.contains { one.devices[0].register(learner: $0.learner, key: $0.key).isConflicted },
                "seed \(seed): offline edits on several PCs are kept side by side")
    }

    // MARK: - Scenarios

    @Test("concurrent edits show as siblings on every PC; a resolution settles them everywhere", arguments: 2...5)
    func concurrentEditsAndResolution(devices: Int) throws {
        let world = World(devices: devices, linkSeed: UInt64(devices), faults: .lossy)
        let email = RecordID(learner: "ana", key: "profile/email")
        for i in 0..<devices { world.apply(.write(device: i, learner: "ana", key: email.key, value: "ana@pc\(i).example", stale: false)) }
        for round in 0..<(devices * 4) { world.sync(round % devices, batchSize: 1 + round % 3) }
        var random = SplitMix(seed: UInt64(devices))
        try world.heal(&random)
        let expected = Set((0..<devices).map { JSONValue.string("ana@pc\($0).example") })
        for (i, device) in world.devices.enumerated() {
            #expect(Set(device.register(learner: "ana", key: email.key).values) == expected, "pc\(i) shows every concurrent value")
        }
        try expectConverged(world, "\(devices) PCs, concurrent")

        // The learner, shown all values on the last PC, keeps one.
        let resolver = devices - 1
        world.apply(.write(device: resolver, learner: "ana", key: email.key, value: "ana@pc0.example", stale: false))
        #expect(world.devices[resolver].register(learner: "ana", key: email.key).values == ["ana@pc0.example"])
        try world.heal(&random)
        for (i, device) in world.devices.enumerated() {
            let state = device.register(learner: "ana", key: email.key)
            #expect(state.values == ["ana@pc0.example"] && state.siblings.first?.dot.replica == ReplicaID("pc\(resolver)"), "pc\(i): \(state)")
        }
        #expect(world.hub.record(learner: "ana", key: email.key)?.values == ["ana@pc0.example"])
        try expectConverged(world, "\(devices) PCs, resolved")
    }

    @Test func aStaleWriteKeepsWhatItDidNotSeeOnEveryPC() throws {
        let world = World(devices: 3, linkSeed: 4, faults: .none)
        var random = SplitMix(seed: 4)
        world.apply(.write(device: 0, learner: "ben", key: "profile/name", value: "Ben", stale: false))
        try world.heal(&random)
        world.apply(.look(device: 1, learner: "ben", key: "profile/name"))   // pc1's form shows "Ben"
        world.apply(.write(device: 2, learner: "ben", key: "profile/name", value: "Benjamin", stale: false))
        try world.heal(&random)
        world.apply(.write(device: 1, learner: "ben", key: "profile/name", value: "B.", stale: true))   // saved from the old form
        try world.heal(&random)
        for device in world.devices {
            #expect(Set(device.register(learner: "ben", key: "profile/name").values) == ["Benjamin", "B."], "\(device.replica)")
        }
        try expectConverged(world, "stale write")
    }

    struct LostAnswer: Sendable, CustomStringConvertible {
        var batchSize: Int
        /// The push whose answer is lost (1-based).
        var lostPush: Int
        /// The batch size of the run that resumes.
        var resend: Int
        var description: String { "batch \(batchSize), push \(lostPush) answer lost, resumed with batch \(resend)" }
    }

    @Test("a lost push answer costs at most the one batch sent again", arguments: [
        LostAnswer(batchSize: 50, lostPush: 1, resend: 50), LostAnswer(batchSize: 50, lostPush: 3, resend: 50),
        LostAnswer(batchSize: 50, lostPush: 2, resend: 20), LostAnswer(batchSize: 7, lostPush: 5, resend: 30),
        LostAnswer(batchSize: 1, lostPush: 4, resend: 1), LostAnswer(batchSize: 33, lostPush: 1, resend: 10),
        LostAnswer(batchSize: 50, lostPush: 5, resend: 50), LostAnswer(batchSize: 40, lostPush: 7, resend: 13),
    ])
    func lostAnswerResume(_ scenario: LostAnswer) throws {
        let (batchSize, lostPush, resend) = (scenario.batchSize, scenario.lostPush, scenario.resend)
        let world = World(devices: 1, linkSeed: 9, faults: .none)
        var random = SplitMix(seed: UInt64(batchSize * 100 + lostPush))
        // ana's batches go first (pc0 pushes partitions in order), carrying her announcement.
        for _ in 0..<250 { world.apply(.record(device: 0, learner: "ana", id: random.uuid(), object: random.int(0...9))) }
        world.links[0].loseAnswer(ofPush: lostPush)
        #expect(throws: FaultyTransport.LinkDown(call: "push", answerLost: true)) {
            try SyncClient(store: world.devices[0], transport: world.links[0], batchSize: batchSize).run()
        }
        let lostBatch = world.links[0].stats.statementsInLostPushAnswers
        #expect(lostBatch == min(batchSize, 250 - (lostPush - 1) * batchSize))
        #expect(world.hub.statementsReceived == min(250, lostPush * batchSize), "the hub applied the batch whose answer was lost")
        #expect(world.devices[0].checkpoints("ana").pushed == Int64((lostPush - 1) * batchSize), "the checkpoint stayed before it")

        let report = try SyncClient(store: world.devices[0], transport: world.links[0], batchSize: resend).run()
        let extra = world.hub.statementsReceived - 250
        #expect(world.hub.statementIDs.count == 250)
        let remaining = 250 - (lostPush - 1) * batchSize
        if min(resend, remaining) == lostBatch {
            #expect(report.replayedBatches == 1 && extra == 0, "the same batch again: answered from the hub's batch log")
        } else {
            #expect(extra == lostBatch && report.duplicates == lostBatch, "a differently cut batch: exactly the lost batch's statements again")
        }
        #expect(extra <= batchSize)
        try expectConverged(world, "\(scenario)")
    }

    @Test func aSyncWithNothingToDoIsOneRequest() throws {
        let world = World(devices: 2, linkSeed: 8, faults: .none)
        var random = SplitMix(seed: 8)
        // The first run announces pc0's learners and fetches the catalog.
        let first = try SyncClient(store: world.devices[0], transport: world.links[0]).run()
        #expect(first.pushBatches == Self.learners.count && first.catalogUpdated && first.requests == Self.learners.count + 2)
        try world.heal(&random)
        try expectQuiet(world, "empty world")
        for operation in Self.operations(seed: 8, devices: 2, steps: 60, syncs: false) { world.apply(operation) }
        try world.heal(&random)
        try expectQuiet(world, "after work")
    }

    @Test func sameIDOtherContentIsKeptAsideAndReported() throws {
        let world = World(devices: 2, linkSeed: 6, faults: .none)
        let id = "0b3f6c1e-8a44-4c4e-9b1a-2f6d3c5e7a90"
        let first = Self.statementText(id: id, learner: "ana", object: 1), second = Self.statementText(id: id, learner: "ana", object: 2)
        world.devices[0].record(learner: "ana", id: id, json: first)
        world.devices[1].record(learner: "ana", id: id, json: second)
        _ = try SyncClient(store: world.devices[0], transport: world.links[0]).run()
        let report = try SyncClient(store: world.devices[1], transport: world.links[1]).run()
        #expect(report.conflicts == [id], "the hub reports the id")
        #expect(world.hub.conflictVersions(id: id) == [second], "and keeps the other version")
        _ = try SyncClient(store: world.devices[0], transport: world.links[0]).run()
        #expect(world.devices[1].statementTexts()[id] == second, "nothing is overwritten")
        #expect(world.devices[1].conflicts() == [id: [first]], "the hub's version is kept aside")
        #expect(world.devices[0].statementTexts()[id] == first && world.devices[0].conflicts().isEmpty)
        // Pulling again changes nothing.
        _ = try SyncClient(store: world.devices[1], transport: world.links[1]).run()
        #expect(world.devices[1].conflicts() == [id: [first]])
    }

    @Test func aWriteWhileItsRecordIsInFlightStaysDirtyAndIsPushedNext() throws {
        let world = World(devices: 2, linkSeed: 2, faults: .none)
        let device = world.devices[1]
        world.apply(.write(device: 1, learner: "cai", key: "profile/phone", value: "1", stale: false))
        world.links[1].whilePushInFlight { device.write(learner: "cai", key: "profile/phone", value: "2", seen: nil) }
        let report = try SyncClient(store: device, transport: world.links[1]).run()
        #expect(report.pushBatches == 2, "the newer state went in a second batch")
        #expect(!device.isDirty(learner: "cai", key: "profile/phone"))
        #expect(world.hub.record(learner: "cai", key: "profile/phone")?.values == ["2"])
        #expect(device.register(learner: "cai", key: "profile/phone") == world.hub.record(learner: "cai", key: "profile/phone"))
    }

    @Test func manyStaleWritesToOneRecordStillSync() throws {
        // The same old form saved 65 times: 65 writes none of which saw the others.
        let world = World(devices: 2, linkSeed: 3, faults: .none)
        for n in 0...64 { world.apply(.write(device: 1, learner: "ana", key: "profile/phone", value: "\(n)", stale: true)) }
        #expect(world.devices[1].register(learner: "ana", key: "profile/phone").siblings.count == 65)
        var random = SplitMix(seed: 3)
        // The wire and the stores read up to RegisterState.maxSiblings; walletd refuses a local
        // write beyond maxSiblingsAfterLocalWrite, so this many only come from many PCs at once.
        try world.heal(&random)
        try expectConverged(world, "65 siblings")
    }

    @Test func aMismatchedAcknowledgementIsRefused() throws {
        struct WrongHub: SyncTransport {
            func push(_ request: PushRequest) throws -> PushResponse {
                PushResponse(batch: "other", accepted: 0, duplicates: 0, conflicts: [], recordsMerged: 0, replayed: false)
            }
            func pull(_ request: PullRequest) throws -> PullResponse { PullResponse(catalogVersion: nil, partitions: []) }
            func catalog() throws -> CatalogEnvelope { CatalogEnvelope(version: "", catalog: nil) }
        }
        let device = MemoryDeviceStore(replica: ReplicaID("pc9"))
        device.addLearner("ana")
        #expect(throws: SyncClientError.mismatchedAcknowledgement) { try SyncClient(store: device, transport: WrongHub()).run() }
        #expect(try device.pendingBatch(learner: "ana", limit: 10) != nil, "nothing was acknowledged")
    }
}
