import Testing
import WalletAPI
@testable import SyncEngine

/// Deterministic simulation: several PCs and one hub, random offline work, syncs at random times
/// over a link that loses requests, loses answers and duplicates requests. However the deliveries
/// go, once the link is healthy and everyone has synced, all replicas hold the same thing.
@Suite("Sync simulation: N replicas converge")
struct SimulationTests {
    struct World {
        var hub = MemoryHub(catalogVersion: "catalog-1")
        var devices: [MemoryDeviceStore] = []
        var links: [FaultyTransport] = []
        var recorded = Set<String>()
    }

    static let learners = ["ana", "ben"]

    func makeWorld(devices count: Int, seed: UInt64, faults: FaultyTransport.Faults) -> World {
        var world = World()
        for i in 0..<count {
            let device = MemoryDeviceStore(replica: ReplicaID("pc\(i)"))
            for learner in Self.learners {
                if i == 0 {
                    device.addLearner(learner)
                } else {
                    device.addFetchedLearner(learner)
                    world.hub.link(device: "pc\(i)", learner: learner)
                }
            }
            world.devices.append(device)
            world.links.append(FaultyTransport(hub: world.hub, device: "pc\(i)", seed: seed &+ UInt64(i), faults: faults))
        }
        return world
    }

    /// Random offline work and syncs; returns the world after everyone converged.
    /// With `offlineFirst`, all the work happens before any sync, so that what each write has
    /// seen does not depend on delivery; then the syncs run in an order the delivery seed picks.
    func simulate(seed: UInt64, devices count: Int, steps: Int, deliverySeed: UInt64? = nil, offlineFirst: Bool = false) throws -> World {
        var work = SplitMix(seed: seed)
        var delivery = SplitMix(seed: deliverySeed ?? seed &* 31)
        var world = makeWorld(devices: count, seed: deliverySeed ?? seed, faults: .init(lostRequest: 0.15, lostAnswer: 0.15, duplicated: 0.1))
        for step in 0..<steps {
            let i = work.int(0...count - 1)
            let learner = work.pick(Self.learners)
            switch work.int(0...9) {
            case 0...4:
                let id = work.uuid()
                world.devices[i].record(learner: learner, id: id, content: "step\(step)")
                world.recorded.insert(id)
            case 5...6:
                let stale = work.chance(0.3)
                world.devices[i].write(learner: learner, key: "profile/email", value: .string("\(learner)\(step)@pc\(i)"), seen: stale ? VersionVector() : nil)
            default:
                guard !offlineFirst else { continue }
                let client = SyncClient(store: world.devices[i], transport: world.links[i], batchSize: delivery.int(1...50))
                _ = try? client.run()   // a broken run is fine: the next one resumes
            }
        }
        if offlineFirst {
            for _ in 0..<(count * 6) {
                let i = delivery.int(0...count - 1)
                _ = try? SyncClient(store: world.devices[i], transport: world.links[i], batchSize: delivery.int(1...50)).run()
            }
        }
        // The link heals; everyone syncs twice (the second round carries the first round's news).
        for link in world.links { link.setFaults(.init()) }
        for _ in 0..<2 {
            for (device, link) in zip(world.devices, world.links) {
                _ = try SyncClient(store: device, transport: link, batchSize: delivery.int(1...50)).run()
            }
        }
        return world
    }

    @Test("replicas converge to the union whatever the delivery", arguments: [(UInt64(1), 2), (7, 3), (42, 4), (2026, 5), (99, 3)])
    func convergence(seed: UInt64, devices: Int) throws {
        let world = try simulate(seed: seed, devices: devices, steps: 300)
        #expect(world.hub.statementIDs == world.recorded, "seed \(seed): the hub holds exactly what was recorded")
        let reference = world.devices[0].statementContents()
        #expect(Set(reference.keys) == world.recorded, "seed \(seed)")
        for device in world.devices {
            #expect(device.statementContents() == reference, "seed \(seed): \(device.replica) differs")
            for learner in Self.learners {
                #expect(device.register(learner: learner, key: "profile/email") == world.devices[0].register(learner: learner, key: "profile/email"),
                        "seed \(seed): registers differ on \(device.replica)")
                #expect(world.hub.record(learner: learner, key: "profile/email") == device.register(learner: learner, key: "profile/email"))
            }
        }
    }

    @Test("the result does not depend on the delivery order", arguments: [UInt64(3), 11, 12_345])
    func deliveryOrderIndependence(seed: UInt64) throws {
        let one = try simulate(seed: seed, devices: 3, steps: 200, deliverySeed: 1, offlineFirst: true)
        let two = try simulate(seed: seed, devices: 3, steps: 200, deliverySeed: 2, offlineFirst: true)
        #expect(one.devices[0].statementContents() == two.devices[0].statementContents())
        for learner in Self.learners {
            let first = one.devices[0].register(learner: learner, key: "profile/email")
            #expect(first == two.devices[0].register(learner: learner, key: "profile/email"), "seed \(seed)")
            #expect(first.isConflicted, "seed \(seed): offline edits on several PCs are kept side by side")
        }
    }

    @Test func concurrentEditsShowAsSiblingsAndAResolutionSettlesThemEverywhere() throws {
        let world = makeWorld(devices: 2, seed: 5, faults: .init())
        let (pc1, pc2) = (world.devices[0], world.devices[1])
        pc1.write(learner: "ana", key: "profile/email", value: "home@x.example", seen: nil)
        pc2.write(learner: "ana", key: "profile/email", value: "work@x.example", seen: nil)
        for _ in 0..<2 { for (d, l) in zip(world.devices, world.links) { _ = try SyncClient(store: d, transport: l).run() } }
        #expect(Set(pc1.register(learner: "ana", key: "profile/email").values) == ["home@x.example", "work@x.example"])
        #expect(pc1.register(learner: "ana", key: "profile/email") == pc2.register(learner: "ana", key: "profile/email"))

        let shown = pc2.register(learner: "ana", key: "profile/email")
        pc2.write(learner: "ana", key: "profile/email", value: "work@x.example", seen: shown.context)
        for _ in 0..<2 { for (d, l) in zip(world.devices, world.links) { _ = try SyncClient(store: d, transport: l).run() } }
        #expect(pc1.register(learner: "ana", key: "profile/email").values == ["work@x.example"])
        #expect(pc2.register(learner: "ana", key: "profile/email").values == ["work@x.example"])
    }

    @Test func aLostAnswerResendsAtMostOneBatch() throws {
        let world = makeWorld(devices: 1, seed: 9, faults: .init())
        var random = SplitMix(seed: 9)
        for _ in 0..<250 { world.devices[0].record(learner: "ana", id: random.uuid(), content: "x") }
        // Every answer is lost after the hub applied the batch: the run stops after one batch.
        world.links[0].setFaults(.init(lostAnswer: 1))
        #expect(throws: FaultyTransport.LinkDown.self) { try SyncClient(store: world.devices[0], transport: world.links[0], batchSize: 50).run() }
        world.links[0].setFaults(.init())
        let report = try SyncClient(store: world.devices[0], transport: world.links[0], batchSize: 50).run()
        #expect(world.hub.statementIDs.count == 250)
        #expect(world.hub.statementsReceived - 250 <= 50, "at most the one unacknowledged batch was sent again")
        #expect(report.replayedBatches == 1, "and the hub answered it from its batch log")
    }

    @Test func aSyncWithNothingToDoIsOneRequest() throws {
        let world = try simulate(seed: 8, devices: 2, steps: 100)
        let report = try SyncClient(store: world.devices[0], transport: world.links[0]).run()
        #expect(report.requests == 1)
        #expect(report.pushedStatements == 0 && report.pulledStatements == 0 && report.pulledRecords == 0)
    }
}
