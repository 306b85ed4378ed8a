import Testing
@testable import SyncEngine
@testable import TestSupport

/// The hub put back to an earlier copy of itself in the middle of a random schedule, over lossy
/// links: by hand (it must notice from the witnesses the PCs show) or told (`repositoryd restore`
/// starts a new epoch at once). Before epochs, the PCs' checkpoints were past what the hub had
/// lost, so it was never sent again and reused change numbers were skipped: these failed.
extension SimulationTests {
    static let restoreCases: [(UInt64, Int, Bool)] = [(11, 3, false), (29, 5, false), (31, 4, true), (8, 5, false), (64, 2, false), (5, 5, true)]

    @Test("a hub put back to an earlier copy is filled again by the PCs", arguments: restoreCases)
    func hubRestoredFromAnEarlierCopy(seed: UInt64, devices: Int, told: Bool) throws {
        let world = World(devices: devices, linkSeed: seed, faults: .lossy)
        let operations = Self.operations(seed: seed, devices: devices, steps: 400)
        var random = SplitMix(seed: seed &* 7)
        let copyAt = random.int(40...150)
        let restoreAt = random.int((copyAt + 80)...(operations.count - 20))
        var copy: MemoryHub.Snapshot?
        var idsAtCopy = Set<String>()
        for (step, operation) in operations.enumerated() {
            if step == copyAt {
                copy = world.hub.snapshot()
                idsAtCopy = world.hub.statementIDs
            }
            if step == restoreAt, let copy {
                let lost = world.hub.statementIDs.subtracting(idsAtCopy)
                world.hub.restore(copy, newEpoch: told)
                #expect(!lost.isEmpty, "seed \(seed): the copy is missing statements the PCs had pushed")
            }
            world.apply(operation)
        }
        try world.heal(&random)
        let note = "seed \(seed), \(devices) PCs, \(told ? "restored with a new epoch" : "copied back by hand")"
        #expect(world.hub.statementIDs == Set(world.recorded.keys), "\(note): the hub holds every statement again")
        if !told { #expect(world.hub.epochsStarted >= 1, "\(note): the hub noticed it went back") }
        #expect(world.devices.contains { $0.startOvers > 0 }, "\(note): the PCs started over")
        for (i, device) in world.devices.enumerated() {
            #expect(device.snapshot().statements == world.recorded, "\(note): pc\(i) holds every statement, none skipped")
            for learner in Self.learners { #expect(try device.pendingBatch(learner: learner, limit: 50) == nil, "\(note): pc\(i) \(learner)") }
            for record in world.records {
                let state = device.register(learner: record.learner, key: record.key)
                #expect(state == (world.hub.record(learner: record.learner, key: record.key) ?? RegisterState()), "\(note): pc\(i) \(record)")
                #expect(Set(state.siblings) == world.expectedSiblings(record), "\(note): pc\(i) \(record): no write lost")
            }
        }
        try expectQuiet(world, note)
    }

    @Test func aWitnessTheHubDidNotSealOrFromAnEarlierEpochStartsNothing() throws {
        let hub = MemoryHub()
        let learner = MemoryDeviceStore.wireLearner("ana")
        let ack = try hub.push(PushRequest(replica: ReplicaID("pc1"), learner: learner,
                                           statements: [WireStatement(id: "s1", json: #"{"id":"s1"}"#)], records: []), device: "pc1")
        let real = try #require(ack.hub)
        let beyond = HubWitness(epoch: real.epoch, seq: real.seq + 100, mark: real.mark, seal: real.seal)
        let otherEpoch = HubWitness(epoch: "old", seq: real.seq + 100, mark: real.mark, seal: real.seal)
        for shown in [beyond, otherEpoch, real] {
            let answer = try hub.pull(PullRequest(replica: ReplicaID("pc1"), limit: 10, partitions: [], witness: shown), device: "pc1")
            #expect(answer.hub?.epoch == real.epoch)
        }
        #expect(hub.epochsStarted == 0)
        // A real witness the copy put back no longer vouches for: a new epoch.
        let copy = hub.snapshot()
        let later = try hub.push(PushRequest(replica: ReplicaID("pc1"), learner: learner,
                                             statements: [WireStatement(id: "s2", json: #"{"id":"s2"}"#)], records: []), device: "pc1")
        #expect(later.hub?.seq == real.seq + 1)
        hub.restore(copy, newEpoch: false)
        let answer = try hub.pull(PullRequest(replica: ReplicaID("pc1"), limit: 10, partitions: [], witness: later.hub), device: "pc1")
        #expect(hub.epochsStarted == 1)
        #expect(answer.hub?.epoch != real.epoch)
    }

    @Test func aSealCoversEveryField() {
        let key = HubWitnessKey.random()
        let witness = HubWitness.sealed(epoch: "e1", seq: 41, mark: "m", key: key)
        #expect(witness.isSealed(by: key))
        #expect(!witness.isSealed(by: HubWitnessKey.random()))
        for forged in [HubWitness(epoch: "e2", seq: 41, mark: "m", seal: witness.seal), HubWitness(epoch: "e1", seq: 42, mark: "m", seal: witness.seal),
                       HubWitness(epoch: "e1", seq: 41, mark: "n", seal: witness.seal), HubWitness(epoch: "e1", seq: 41, mark: "m", seal: "AAAA")] {
            #expect(!forged.isSealed(by: key))
        }
        #expect(HubWitness.sealed(epoch: "e1", seq: 41, mark: "m", key: HubWitnessKey(bytes: key.bytes)) == witness, "the key survives storage")
    }
}
