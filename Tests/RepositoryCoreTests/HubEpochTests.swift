import Foundation
import GRDB
import Testing
@testable import RepositoryCore
@testable import SyncEngine

/// The SQLite store going back in time: a copy of its folder put back by hand, or a backup put
/// back with `restore(from:into:)`. Before epochs, a PC's checkpoints stayed past what the store
/// had lost and nothing told the PC to send it again.
@Suite("Repository epochs, backups and restores")
struct HubEpochTests {
    typealias F = HubFixtures

    func push(_ store: SQLiteRepositoryStore, _ range: Range<Int>) throws -> PushResponse {
        try store.push(PushRequest(replica: F.pcA, learner: F.learner("ana"), statements: F.statements(range), records: []), device: "pc-a")
    }

    func pull(_ store: SQLiteRepositoryStore, witness: HubWitness?) throws -> PullResponse {
        try store.pull(PullRequest(replica: F.pcA, limit: 100, partitions: [.init(learner: "ana", since: 0)], witness: witness), device: "pc-a")
    }

    /// Copies the store's files while no connection writes (the store is idle between calls).
    func copyFiles(of folder: String, to copy: String) throws {
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasPrefix("repository.sqlite") {
            try FileManager.default.copyItem(atPath: folder + "/" + name, toPath: copy + "/" + name)
        }
    }

    @Test func aFolderCopiedBackIsCaughtByTheWitnessOfAPCThatSawMore() throws {
        let folder = try F.folder()
        var store: SQLiteRepositoryStore? = try SQLiteRepositoryStore(directory: folder, durability: .full)
        let first = try push(try #require(store), 1..<4)
        let copy = try F.folder()
        try copyFiles(of: folder, to: copy)
        let later = try push(try #require(store), 4..<6)
        let oldReplica = try #require(store).replica
        #expect(later.hub?.seq == 5 && later.hub?.epoch == first.hub?.epoch)
        store = nil

        // The copy is put back; the same change numbers are reached again by other statements.
        let reopened = try SQLiteRepositoryStore(directory: copy, durability: .full)
        _ = try push(reopened, 10..<12)
        #expect(try pull(reopened, witness: first.hub).hub?.epoch == first.hub?.epoch, "a witness from before the copy vouches for it")
        let answer = try pull(reopened, witness: later.hub)
        #expect(answer.hub?.epoch != first.hub?.epoch, "seq 5 exists again with another mark: a new epoch")
        #expect(try reopened.replica != oldReplica, "and a new replica for what the hub writes itself")
        // The witness is from the epoch that ended: shown again, it starts nothing more.
        #expect(try pull(reopened, witness: later.hub).hub?.epoch == answer.hub?.epoch)
    }

    @Test func aCopyBehindEveryWitnessIsCaughtToo() throws {
        let folder = try F.folder()
        var store: SQLiteRepositoryStore? = try SQLiteRepositoryStore(directory: folder, durability: .full)
        let copy = try F.folder()
        try copyFiles(of: folder, to: copy)
        let later = try push(try #require(store), 1..<4)
        store = nil
        let reopened = try SQLiteRepositoryStore(directory: copy, durability: .full)
        #expect(try pull(reopened, witness: later.hub).hub?.epoch != later.hub?.epoch, "seq 3 is beyond the copy's last change")
    }

    @Test func aForgedWitnessStartsNothing() throws {
        let store = try F.store()
        let real = try #require(try push(store, 1..<3).hub)
        let forged = HubWitness(epoch: real.epoch, seq: real.seq + 1_000, mark: "x", seal: real.seal)
        #expect(try pull(store, witness: forged).hub?.epoch == real.epoch)
        #expect(try store.epoch() == real.epoch)
    }

    @Test func aBackupTakenWhileOpenRestoresWithANewEpoch() throws {
        let store = try F.store()
        let before = try #require(try push(store, 1..<4).hub)
        let backupFolder = try F.folder()
        let backup = backupFolder + "/repository.sqlite"
        try store.backup(to: backup)
        // The copy holds the witness key and PIN hashes: owner-only, like the live database.
        #expect(try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int == 0o600)
        #expect(throws: RepositoryBackupError.self) { try store.backup(to: backup) }
        _ = try push(store, 4..<9)

        let target = try F.folder()
        let epoch = try SQLiteRepositoryStore.restore(from: backup, into: target)
        let restored = try SQLiteRepositoryStore(directory: target, durability: .full)
        #expect(epoch != before.epoch)
        #expect(try restored.epoch() == epoch)
        #expect(try restored.stats().statementsStored == 3)
        #expect(try pull(restored, witness: before).hub?.epoch == epoch)

        // Over a folder that has a database: the old one is kept aside, never deleted.
        _ = try SQLiteRepositoryStore.restore(from: backup, into: target)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).contains { $0.hasPrefix("repository.sqlite.before-restore-") })
    }

    @Test func aRestoreRefusesWhatIsNotAHealthyRepositoryDatabase() throws {
        let folder = try F.folder()
        let other = folder + "/other.sqlite"
        let queue = try DatabaseQueue(path: other)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        try queue.close()
        #expect(throws: RepositoryBackupError.self) { try SQLiteRepositoryStore.restore(from: other, into: try F.folder()) }
        let garbage = folder + "/garbage.sqlite"
        FileManager.default.createFile(atPath: garbage, contents: Data(repeating: 0x5A, count: 8192))
        #expect(throws: RepositoryBackupError.self) { try SQLiteRepositoryStore.restore(from: garbage, into: try F.folder()) }
    }
}
