import Foundation
import GRDB
import Synchronization
import Basics
import SecurityPrimitives
import SyncEngine
@testable import TestSupport
@testable import WalletCore
@testable import RepositoryCore

/// The PCs of a centre and its repository, all on the real SQLite stores, linked through the real
/// wire encoding by `FaultyTransport`, and what the operations applied so far imply.
///
/// ```swift
/// let world = try StoreWorld(pcs: 5, seed: 7)
/// for _ in 0..<150 { try await world.step() }
/// try await world.heal()
/// let problems = try world.problems()
/// ```
final class StoreWorld: @unchecked Sendable {
    static let learners = ["ana", "ben", "cleo"]
    static let keys = ["profile/email", "enrolment/course-1"]

    struct Write { var dot: Dot; var value: JSONValue; var seen: VersionVector }

    let seed: UInt64
    var random: SplitMix
    let hub: SimulatedHub
    var pcs: [SimulatedPC] = []
    var links: [FaultyTransport] = []
    /// Learner of every statement recorded, and its text as the PC stored it.
    var recorded: [String: (learner: String, json: String)] = [:]
    /// Statements too large for the wire, recorded by the PC that holds them: they must stay
    /// there, quarantined, and never stop anything else.
    var poison: [String: Int] = [:]
    var writes: [String: [Write]] = [:]
    /// The PC each copied PC was started from.
    var parents: [Int: Int] = [:]
    var shown: [String: VersionVector] = [:]
    var hubCopy: String?
    /// What happened, for the failure message.
    var log: [String] = []
    var crashes = 0, brokenRuns = 0, restores = 0, clones = 0
    var crashChance = 0.04

    init(pcs count: Int, seed: UInt64) async throws {
        self.seed = seed
        random = SplitMix(seed: seed)
        hub = try SimulatedHub()
        for i in 0..<count {
            let pc = try SimulatedPC(index: i)
            let code = EnrolmentCode.generate()
            try hub.current.addEnrolmentCode(code, label: nil, nowMs: 1, expiresMs: .max)
            pc.enrolled = try await hub.current.enrol(code: code, replica: pc.replica, name: "pc\(i)", token: random.uuid(), nowMs: 1)
            pcs.append(pc)
            links.append(FaultyTransport(hub: hub, catalogVersion: nil, device: pc.device, seed: seed &* 0x9E37_79B9 &+ UInt64(i), faults: .lossy))
        }
        // PC 0 creates the learners; the others fetch them once the repository knows them.
        let pin = try PINHash.make(pin: "246800", cost: ScryptCost(logN: 10), salt: Data(repeating: 7, count: 16))
        for learner in Self.learners {
            try await pcs[0].store.insertLearner(Learner(id: learner, name: learner.capitalized, pin: pin, createdMs: 1))
        }
    }

    // MARK: - Operations

    func step() async throws {
        let i = random.int(0...pcs.count - 1)
        let pc = pcs[i]
        let held = Array(try pc.learners()).sorted()
        switch random.int(0...99) {
        case 29 where !held.isEmpty:
            try await recordPoison(pc: pc, learner: held[random.int(0...held.count - 1)])
        case 0..<30 where !held.isEmpty:
            let learner = held[random.int(0...held.count - 1)]
            let count = random.chance(0.05) ? random.int(20...120) : random.int(1...3)
            try await record(pc: pc, learner: learner, count: count)
        case 30..<42 where !held.isEmpty:
            let learner = held[random.int(0...held.count - 1)]
            try write(pc: pc, learner: learner, key: Self.keys[random.int(0...Self.keys.count - 1)], stale: random.chance(0.3))
        case 42..<70:
            sync(i, batchSize: random.int(1...60))
        case 70..<75:
            try fetch(pc: pc)
        case 75 where clones < 2:
            try clone(pc)
        case 76..<80:
            crashes += 1
            log.append("crash pc\(i)")
            try pc.crash()
        case 80..<82:
            log.append("crash hub")
            try hub.crash()
        case 82..<84 where hubCopy == nil:
            hubCopy = try hub.copy()
            log.append("copy hub at \(try hub.current.stats().changeSequence), pc0 witness \(String(describing: try pcs[0].sync.hubWitness()?.seq))")
        case 84..<86:
            if let copy = hubCopy {
                let byCommand = random.chance(0.3)
                try hub.putBack(copy, withRestoreCommand: byCommand)
                hubCopy = nil
                restores += 1
                log.append((byCommand ? "restore hub" : "hub folder copied back by hand") + " to \(try hub.current.stats().changeSequence)")
                try reenrolUnknownDevices()
                try relinkAfterRestore()
            }
        default:
            sync(i, batchSize: random.int(1...60))
        }
    }

    func record(pc: SimulatedPC, learner: String, count: Int) async throws {
        let statements: [JSONValue] = (0..<count).map { _ in
            [
                "id": .string(random.uuid()),
                "actor": ["objectType": "Agent", "mbox": .string("mailto:\(learner)@example.org")],
                "verb": ["id": "http://adlnet.gov/expapi/verbs/completed"],
                "object": ["objectType": "Activity", "id": .string("https://example.org/a/\(random.int(0...999))")],
            ]
        }
        let authority: JSONValue = ["objectType": "Agent", "account": ["homePage": "https://learner-wallet.invalid/learners", "name": .string(learner)]]
        let ids = try await pc.store.insertStatements(statements, learnerID: learner, authority: authority, version: "2.0.0", nowMs: 1_800_000_000_000)
        let texts = try pc.statements()
        for id in ids { recorded[id] = (learner, texts[id] ?? "") }
        log.append("pc\(pc.index) records \(count) for \(learner)")
    }

    /// A statement over the wire's size limit, stored the way an older walletd stored it (the
    /// socket and the store refuse it now): the repository can never take it.
    func recordPoison(pc: SimulatedPC, learner: String) async throws {
        let id = random.uuid()
        let statement: JSONValue = [
            "id": .string(id), "stored": "2027-01-15T08:00:00.000Z",
            "authority": ["objectType": "Agent", "account": ["homePage": "https://learner-wallet.invalid/learners", "name": .string(learner)]],
            "actor": ["objectType": "Agent", "mbox": .string("mailto:\(learner)@example.org")],
            "verb": ["id": "http://adlnet.gov/expapi/verbs/completed"],
            "object": ["objectType": "Activity", "id": "https://example.org/a/huge"],
            "result": ["response": .string(String(repeating: "x", count: WireStatement.maxBytes + 1))],
        ]
        try pc.store.writeNow { db in try WalletStore.insert(statement, id: id, learnerID: learner, storedMs: 1_800_000_000_000, db: db) }
        poison[id] = pc.index
        log.append("pc\(pc.index) records a statement too large for the wire for \(learner)")
    }

    func write(pc: SimulatedPC, learner: String, key: String, stale: Bool) throws {
        let slot = "\(learner)/\(key)"
        let seen = stale ? (shown["\(pc.index)/\(slot)"] ?? VersionVector()) : nil
        let before = try pc.record(learner, key)
        let value = JSONValue.string("\(key)#\(log.count)@pc\(pc.index)")
        let state: RegisterState
        do {
            state = try pc.store.writeRecord(learnerID: learner, key: key, value: value, seen: seen, replica: pc.replica)
        } catch is RecordWriteError {
            return      // too many values to add one more: the learner resolves first
        }
        let dot = Dot(replica: pc.replica, counter: state.context[pc.replica])
        writes[slot, default: []].append(Write(dot: dot, value: value, seen: seen ?? before.context))
        shown["\(pc.index)/\(slot)"] = state.context
        log.append("pc\(pc.index) writes \(slot)")
    }

    /// One run; a broken one (lost message, crash) is fine: the next resumes.
    func sync(_ i: Int, batchSize: Int, crashes allowed: Bool = true) {
        let pc = pcs[i]
        let chance = allowed ? crashChance : 0
        var fates = SplitMix(seed: random.next())
        let store = CrashingStore(inner: pc.sync, fate: Self.fates(&fates, chance: chance))
        do {
            let report = try SyncClient(store: store, transport: links[i], batchSize: batchSize).run()
            log.append((report.hubStartOvers > 0 ? "pc\(i) synced, starting over in the repository's new epoch" : "pc\(i) synced") + " witness \(String(describing: try? pc.sync.hubWitness()?.seq)) pushed \(report.pushedStatements)")
        } catch is CrashingStore.Crash {
            crashes += 1
            brokenRuns += 1
            log.append("pc\(i) killed mid-sync")
            try? pc.crash()
        } catch {
            brokenRuns += 1
            log.append("pc\(i) sync broke: \(error)")
        }
    }

    static func fates(_ random: inout SplitMix, chance: Double) -> @Sendable () -> (before: Bool, after: Bool) {
        let draws = Mutex((random.next(), 0 as UInt64))
        return {
            draws.withLock { state in
                var r = SplitMix(seed: state.0 &+ state.1)
                state.1 += 1
                let crash = r.chance(chance)
                return (crash && r.chance(0.5), crash && !r.chance(0.5))
            }
        }
    }

    /// A learner the repository knows is fetched onto this PC (as `learner fetch` does once the PIN
    /// is right): the PC adds them with empty checkpoints and the hub lets it pull them.
    func fetch(pc: SimulatedPC) throws {
        let held = try pc.learners()
        guard let learner = Self.learners.filter({ !held.contains($0) }).randomElement(using: &random),
              let known = try hub.current.learner(id: learner)
        else { return }
        try hub.current.link(device: pc.device, learner: learner)
        _ = try pc.store.insertFetchedLearner(known.learner, nowMs: 1_800_000_000_000)
        log.append("pc\(pc.index) fetches \(learner)")
    }

    /// A new PC started from a copy of `source`'s data folder (a lab installed from one image):
    /// it takes a new replica id when walletd opens the copy, and asks the repository for a
    /// device of its own holding the same learners (`enrolCopy`, as walletd does with the token
    /// it found in the copy).
    func clone(_ source: SimulatedPC) throws {
        guard let parent = source.enrolled else { return }
        let copy = try SimulatedPC(index: pcs.count, copiedFrom: source)
        guard copy.replica != source.replica else { throw CloneNotSeen(index: copy.index) }
        copy.enrolled = try hub.current.enrolCopy(of: parent, replica: copy.replica, name: "pc\(copy.index)", token: random.uuid(), nowMs: 1)
        parents[copy.index] = source.index
        pcs.append(copy)
        links.append(FaultyTransport(hub: hub, catalogVersion: nil, device: copy.device, seed: random.next(), faults: .lossy))
        clones += 1
        log.append("pc\(copy.index) starts from a copy of pc\(source.index)'s data folder")
    }

    struct CloneNotSeen: Error { var index: Int }

    /// PCs whose device the restored database no longer knows are enrolled again, as the admin
    /// does when their syncs are refused: a copied PC by proving its parent's token again.
    func reenrolUnknownDevices() throws {
        for (i, pc) in pcs.enumerated() {
            guard let enrolled = pc.enrolled, try !hub.isKnown(enrolled.id), let parent = parents[i], let parentDevice = pcs[parent].enrolled else { continue }
            pc.enrolled = try hub.current.enrolCopy(of: parentDevice, replica: pc.replica, name: "pc\(i)", token: random.uuid(), nowMs: 1)
            links[i] = FaultyTransport(hub: hub, catalogVersion: nil, device: pc.device, seed: random.next(), faults: .lossy)
            log.append("pc\(i) enrolled again after the restore")
        }
    }

    /// A copy put back forgets which PCs fetched which learners afterwards; the admin's answer
    /// is to fetch them again (docs/SYNC.md), which the simulation does at once.
    ///
    /// `everyone`: at the end, the admin also fetches again the learners a PC shows as held back
    /// (`learner_not_held`) — a copy put back from before a learner's first sync (which takes no
    /// change number, so no witness can show it) lets the PC that fetched them resend them first,
    /// and their creator must fetch them. Nothing is lost meanwhile: the PC keeps them.
    func relinkAfterRestore(everyone: Bool = false) throws {
        for pc in pcs {
            for learner in try pc.learners() where everyone || pc.index != 0 { try? hub.current.link(device: pc.device, learner: learner) }
        }
    }

    // MARK: - Healing and the verdict

    /// The links heal, nothing crashes any more, and every PC syncs three times.
    func heal() throws {
        for link in links { link.setFaults(.none) }
        try relinkAfterRestore(everyone: restores > 0)
        for _ in 0..<3 {
            for i in pcs.indices { sync(i, batchSize: 50, crashes: false) }
        }
    }

    /// Everything that must hold after healing; empty when it all does.
    func problems() throws -> [String] {
        var problems: [String] = []
        let observer = "observer"
        for learner in Self.learners { try hub.current.link(device: observer, learner: learner) }
        var hubStatements: [String: String] = [:]
        var hubRecords: [String: RegisterState] = [:]
        var cursors = Self.learners.map { PullRequest.Cursor(learner: $0, since: 0) }
        while !cursors.isEmpty {
            let answer = try hub.current.pull(PullRequest(replica: ReplicaID("observer"), limit: 1_000, partitions: cursors), device: observer)
            cursors = []
            for partition in answer.partitions {
                for statement in partition.statements { hubStatements[statement.id] = statement.json }
                for record in partition.records { hubRecords["\(partition.learner)/\(record.key)"] = record.state }
                if partition.more { cursors.append(.init(learner: partition.learner, since: partition.next)) }
            }
        }
        for (id, index) in poison {
            if hubStatements[id] != nil { problems.append("the repository holds the oversize statement \(id)") }
            let quarantined = try pcs[index].store.readNow { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sync_quarantine WHERE item = ?)", arguments: [id]) ?? false
            }
            if !quarantined { problems.append("pc\(index) did not quarantine the oversize statement \(id)") }
        }
        let lostAtHub = Set(recorded.keys).subtracting(hubStatements.keys)
        if !lostAtHub.isEmpty { problems.append("the repository lacks \(lostAtHub.count) of \(recorded.count) recorded statements") }
        for (id, text) in hubStatements where recorded[id]?.json != text { problems.append("the repository holds \(id) with other text"); break }
        for pc in pcs {
            let held = try pc.learners()
            let mine = try pc.statements()
            for (id, entry) in recorded where held.contains(entry.learner) {
                if mine[id] == nil { problems.append("pc\(pc.index) lacks \(id) of \(entry.learner)"); break }
                if mine[id] != entry.json { problems.append("pc\(pc.index) holds \(id) with other text"); break }
            }
            for (learner, statements, records) in try pc.store.pendingCounts() where statements + records > 0 {
                problems.append("pc\(pc.index) still has \(statements) statements and \(records) records of \(learner) to push")
            }
            for learner in held {
                for key in Self.keys {
                    let slot = "\(learner)/\(key)"
                    let state = try pc.record(learner, key)
                    if state != (hubRecords[slot] ?? RegisterState()) { problems.append("pc\(pc.index) \(slot) differs from the repository") }
                    let all = writes[slot] ?? []
                    let expected = Set(all.filter { w in !all.contains { $0.seen.contains(w.dot) } }.map { Sibling(dot: $0.dot, value: $0.value) })
                    if Set(state.siblings) != expected {
                        problems.append("pc\(pc.index) \(slot): siblings \(state.siblings.count), expected the \(expected.count) writes no other write saw")
                    }
                }
            }
        }
        return problems
    }
}
