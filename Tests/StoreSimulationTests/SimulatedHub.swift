import Foundation
import Synchronization
import RepositoryCore
import SecurityPrimitives
import SyncEngine

/// repositoryd's SQLite store in a temporary folder, behind `SyncHub`, that can crash (the store
/// object dropped and the files opened again), be copied, and be put back to a copy — by hand, as
/// an admin copies a folder, or with `SQLiteRepositoryStore.restore`.
///
/// ```swift
/// let hub = try SimulatedHub()
/// let copy = try hub.copy()
/// try hub.putBack(copy, withRestoreCommand: false)
/// ```
final class SimulatedHub: SyncHub, Sendable {
    let folder: String
    private let store: Mutex<SQLiteRepositoryStore>

    init() throws {
        folder = try SimulationFolder.make("hub")
        store = Mutex(try SQLiteRepositoryStore(directory: folder, durability: .normal))
    }

    var current: SQLiteRepositoryStore { store.withLock { $0 } }

    /// As repositoryd's device token check does: a device the database does not know (its row
    /// went with a restore) is turned away, and its PC must be enrolled again.
    func push(_ request: PushRequest, device: String) throws -> PushResponse {
        try requireKnown(device)
        return try current.push(request, device: device)
    }

    func pull(_ request: PullRequest, device: String) throws -> PullResponse {
        try requireKnown(device)
        return try current.pull(request, device: device)
    }

    func isKnown(_ device: String) throws -> Bool { try current.devices().contains { $0.id == device } }

    private func requireKnown(_ device: String) throws {
        guard try isKnown(device) else { throw UnknownDevice() }
    }

    struct UnknownDevice: SyncFailureClassifying {
        var syncFailure: SyncFailure { .endRun }
    }

    /// The process dies between requests: nothing committed is lost.
    func crash() throws {
        try store.withLock { s in s = try SQLiteRepositoryStore(directory: folder, durability: .normal) }
    }

    /// A consistent copy of the database (SQLite's online backup), as `repositoryd backup` makes.
    func copy() throws -> String {
        let file = try SimulationFolder.make("hub-copy") + "/" + SQLiteRepositoryStore.fileName
        try current.backup(to: file)
        return file
    }

    func putBack(_ file: String, withRestoreCommand: Bool) throws {
        try store.withLock { s in
            if withRestoreCommand {
                _ = try SQLiteRepositoryStore.restore(from: file, into: folder, durability: .normal)
            } else {
                let target = folder + "/" + SQLiteRepositoryStore.fileName
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
                try FileManager.default.copyItem(atPath: file, toPath: target)
            }
            s = try SQLiteRepositoryStore(directory: folder, durability: .normal)
        }
    }
}

/// Folders under one root per test process, removed when it exits.
enum SimulationFolder {
    static func make(_ name: String) throws -> String {
        let folder = root + "/" + name + "-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static let root: String = {
        atexit { try? FileManager.default.removeItem(atPath: SimulationFolder.rootPath) }
        return rootPath
    }()

    static var rootPath: String { NSTemporaryDirectory() + "store-simulation-\(getpid())" }
}
