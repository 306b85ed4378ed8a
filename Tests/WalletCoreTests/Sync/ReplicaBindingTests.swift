import Foundation
import Testing
import Basics
import SyncEngine
@testable import WalletCore

/// Issue 10 item 3: a replica id belongs to one live database. A copied or restored database
/// file, or one opened on another machine, takes a new replica id and keeps all its data; the
/// same file reopened where it lives keeps its id.
@Suite("Replica binding: copied or restored databases take a new replica id")
struct ReplicaBindingTests {
    func copy(_ fixture: StoreFixture) throws -> String {
        let target = NSTemporaryDirectory() + "wallet-copy-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: fixture.directory, toPath: target)
        return target
    }

    /// Failed before: the copy kept the original's replica id.
    @Test func aCopiedDatabaseTakesANewReplicaAndKeepsItsData() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let ids = try await fixture.insert([Statements.make(), Statements.make()], for: fixture.ana)
        try fixture.store.enrol(repository: "https://repo.example", device: "dev-1", token: "tok", caFile: nil, nowMs: 1)
        let original = try fixture.store.syncIdentity()
        #expect(!original.needsOwnDevice)

        let folder = try copy(fixture)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copied = try WalletStore(directory: folder, durability: .normal)
        let identity = try copied.syncIdentity()
        #expect(identity.replica != original.replica, "the copy took a new replica id")
        #expect(copied.replicaChange?.previous == original.replica)
        #expect(try copied.previousReplicas() == [original.replica])
        // Everything stays: learners, statements (still ours to push), the device token, which
        // still names the old replica until the repository gives the copy its own device.
        let counts = try await copied.counts(nowMs: 0)
        #expect(counts.learners == 2 && counts.statements == ids.count)
        #expect(try copied.pendingCounts().first { $0.learner == fixture.ana }?.statements == 2)
        #expect(identity.token == "tok" && identity.deviceReplica == original.replica && identity.needsOwnDevice)

        // The token it proposes for its own device stays the same until a device is adopted.
        let proposed = try copied.copyToken()
        #expect(try copied.copyToken() == proposed)
        try copied.adoptCopiedDevice(device: "dev-2", token: proposed, replica: identity.replica, nowMs: 2)
        let adopted = try copied.syncIdentity()
        #expect(!adopted.needsOwnDevice && adopted.device == "dev-2" && adopted.token == proposed)
        #expect(try copied.copyToken() != proposed, "a later copy proposes a fresh token")

        // Reopened where it now lives, the copy keeps its new id.
        let again = try WalletStore(directory: folder, durability: .normal)
        #expect(try again.syncIdentity().replica == identity.replica)
        #expect(again.replicaChange == nil)
    }

    /// `cp backup wallet.sqlite` writes into the same inode on the same machine: the binding
    /// alone cannot see it, the data folder's generation file can, once a push happened after
    /// the backup.
    @Test func aBackupRestoredOverTheSameFileTakesANewReplica() throws {
        let folder = NSTemporaryDirectory() + "wallet-restore-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/" + WalletStore.fileName
        let backup = folder + "/backup.sqlite"
        let before: String
        do {
            let store = try WalletStore(directory: folder, durability: .normal)
            before = try store.syncIdentity().replica
            try store.pool.writeWithoutTransaction { try $0.execute(sql: "VACUUM INTO ?", arguments: [backup]) }
            try store.advanceReplicaGeneration()   // a sync run pushed after the backup
        }
        let inode = try FileManager.default.attributesOfItem(atPath: database)[.systemFileNumber] as? NSNumber
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let handle = try #require(FileHandle(forWritingAtPath: database))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: try Data(contentsOf: URL(fileURLWithPath: backup)))
        try handle.close()
        #expect(try FileManager.default.attributesOfItem(atPath: database)[.systemFileNumber] as? NSNumber == inode, "restored into the same inode")

        let restored = try WalletStore(directory: folder, durability: .normal)
        #expect(try restored.syncIdentity().replica != before)
        #expect(restored.replicaChange?.reason.contains("restored") == true)
        #expect(try WalletStore(directory: folder, durability: .normal).replicaChange == nil, "reopened: no further change")
    }

    @Test func theSameFileReopenedKeepsItsReplica() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let before = try fixture.store.syncIdentity().replica
        let reopened = try WalletStore(directory: fixture.directory, durability: .normal)
        #expect(try reopened.syncIdentity().replica == before)
        #expect(reopened.replicaChange == nil)
    }

    @Test func anotherMachineIDTakesANewReplicaAndRecordsWriteUnderIt() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let machine = fixture.directory + "/machine-id"
        try "0123456789abcdef0123456789abcdef\n".write(toFile: machine, atomically: true, encoding: .utf8)
        let first = try WalletStore(directory: fixture.directory, durability: .normal, machineIDFiles: [machine])
        let before = try first.syncIdentity().replica
        #expect(first.replicaChange != nil, "bound first to the machine id of the test host, now to this file's")
        let written = try first.writeRecord(learnerID: fixture.ana, key: "profile/email", value: "a@x.org", seen: nil,
                                            replica: try #require(ReplicaID(validating: before)))

        // The disk image moved to a PC with another machine id (an emptied /etc/machine-id
        // regenerated at first boot).
        try "fedcba9876543210fedcba9876543210\n".write(toFile: machine, atomically: true, encoding: .utf8)
        let cloned = try WalletStore(directory: fixture.directory, durability: .normal, machineIDFiles: [fixture.directory + "/missing", machine])
        let after = try cloned.syncIdentity().replica
        #expect(after != before)
        #expect(cloned.replicaChange?.reason.contains("machine id") == true)
        let replica = try #require(ReplicaID(validating: after))
        let next = try cloned.writeRecord(learnerID: fixture.ana, key: "profile/email", value: "b@x.org", seen: nil, replica: replica)
        #expect(next.siblings.map(\.dot.replica) == [replica], "the write carries the new replica's dot")
        let old = try #require(ReplicaID(validating: before))
        #expect(next.context[old] == written.context[old], "the dots from before stay shared history")
    }
}
