import Foundation
import GRDB
import Synchronization
import Basics
import SecurityPrimitives
import SyncEngine
import RepositoryCore
@testable import WalletCore

/// walletd's store on a temporary folder, reopened from its files after every crash, with a
/// sync store that can fail just before or just after one of its transactions commits.
///
/// ```swift
/// let pc = try SimulatedPC(index: 1)
/// try pc.crash()          // the objects go; the files stay
/// ```
final class SimulatedPC: @unchecked Sendable {
    let index: Int
    let folder: String
    private(set) var store: WalletStore
    private(set) var sync: WalletSyncStore
    /// The device the repository enrolled for this PC (its id names it in pushes and pulls).
    var enrolled: EnrolledDevice?
    var device: String { enrolled?.id ?? "pc\(index)" }

    /// A new PC, or one started from `copiedFrom`'s files (as from a disk image): walletd then
    /// sees the copy and takes a new replica id.
    init(index: Int, copiedFrom source: SimulatedPC? = nil) throws {
        self.index = index
        folder = try SimulationFolder.make("pc\(index)")
        if let source {
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: source.folder + "/" + WalletStore.fileName + suffix) {
                try FileManager.default.copyItem(atPath: source.folder + "/" + WalletStore.fileName + suffix, toPath: folder + "/" + WalletStore.fileName + suffix)
            }
        }
        store = try WalletStore(directory: folder, durability: .normal)
        sync = try WalletSyncStore(store: store, nowMs: { 1_800_000_000_000 })
    }

    /// walletd is killed: every object goes, the database files stay.
    func crash() throws {
        store = try WalletStore(directory: folder, durability: .normal)
        sync = try WalletSyncStore(store: store, nowMs: { 1_800_000_000_000 })
    }

    var replica: ReplicaID { sync.replica }

    /// Statement ids per learner, and each statement's stored text.
    func statements() throws -> [String: String] {
        try store.readNow { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, json FROM statement").map { ($0["id"], $0["json"]) })
        }
    }

    func learners() throws -> Set<String> {
        try store.readNow { db in Set(try String.fetchAll(db, sql: "SELECT id FROM learner")) }
    }

    func record(_ learner: String, _ key: String) throws -> RegisterState {
        try store.records(learnerID: learner, conflictsOnly: false).first { $0.key == key }?.state ?? RegisterState()
    }
}

/// A `SyncClientStore` that dies just before or just after a transaction of the real one, as
/// `kill -9` can at any instant; the world then reopens the PC from its files.
struct CrashingStore: SyncClientStore {
    struct Crash: Error {}
    let inner: WalletSyncStore
    let fate: @Sendable () -> (before: Bool, after: Bool)

    var replica: ReplicaID { inner.replica }

    private func around<T>(_ body: () throws -> T) throws -> T {
        let (before, after) = fate()
        if before { throw Crash() }
        let result = try body()
        if after { throw Crash() }
        return result
    }

    func partitions() throws -> [PullRequest.Cursor] { try inner.partitions() }
    func pendingBatch(learner: String, limit: Int) throws -> PendingBatch? { try inner.pendingBatch(learner: learner, limit: limit) }
    func pendingBatch(learner: String, limit: Int, maxBytes: Int) throws -> PendingBatch? {
        try inner.pendingBatch(learner: learner, limit: limit, maxBytes: maxBytes)
    }
    func quarantine(_ entry: QuarantineEntry) throws { try around { try inner.quarantine(entry) } }
    func acknowledge(_ batch: PendingBatch, response: PushResponse) throws { try around { try inner.acknowledge(batch, response: response) } }
    func applyPulled(_ partition: PullResponse.Partition) throws { try around { try inner.applyPulled(partition) } }
    func hubWitness() throws -> HubWitness? { try inner.hubWitness() }
    func keep(_ witness: HubWitness) throws { try around { try inner.keep(witness) } }
    func startOver(at witness: HubWitness) throws { try around { try inner.startOver(at: witness) } }
    func catalogVersion() throws -> String? { try inner.catalogVersion() }
    func storeCatalog(_ envelope: CatalogEnvelope) throws { try around { try inner.storeCatalog(envelope) } }
}
