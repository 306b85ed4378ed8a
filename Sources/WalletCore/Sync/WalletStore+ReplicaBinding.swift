import Foundation
import GRDB
import SecurityPrimitives

extension WalletStore {
    /// Checks at open that this database is still the file and the machine it was made on, and
    /// not older than its data folder's generation file; if not, takes a new replica id and keeps
    /// everything else. Called by `init`, once.
    ///
    /// What changes and what stays, so that nothing is lost:
    /// - the old replica id goes into `replica_history`; records written from now on carry the
    ///   new replica's dots (counters start afresh, so no dot the twin, or this PC before its
    ///   restore, also wrote is reused);
    /// - statements recorded here keep `origin = 0` and push under the new replica, so the hub
    ///   no longer takes the twin's statements for ours, nor ours for the twin's;
    /// - checkpoints stay: pulling from them under the new id brings what the twin pushed after
    ///   the copy, or what this PC pushed after its backup (the hub no longer leaves those out);
    /// - the device token stays, with `device_replica` still naming the old replica: the next
    ///   sync proves the token and asks the repository for a device of its own
    ///   (`POST /sync/v1/devices/copy`).
    ///
    /// A database with no binding yet (new, or made before this check existed) is bound as it is.
    static func checkReplicaBinding(pool: DatabasePool, path: String, machineIDFiles: [String], nowMs: Int64) throws -> ReplicaChange? {
        let current = try ReplicaBinding.current(databasePath: path, machineIDFiles: machineIDFiles)
        let generationFile = ReplicaGenerationFile(directory: (path as NSString).deletingLastPathComponent)
        let onDisk = generationFile.read()
        let change: ReplicaChange? = try pool.write { db in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM replica_binding WHERE singleton = 1")
            let bind = """
                INSERT INTO replica_binding (singleton, machine_id, file_device, file_inode, bound_ms) VALUES (1, ?, ?, ?, ?)
                ON CONFLICT (singleton) DO UPDATE SET machine_id = excluded.machine_id, file_device = excluded.file_device,
                  file_inode = excluded.file_inode, bound_ms = excluded.bound_ms
                """
            guard let row else {
                try db.execute(sql: bind, arguments: [current.machineID, current.fileDevice, current.fileInode, nowMs])
                return nil
            }
            let stored = ReplicaBinding(machineID: row["machine_id"], fileDevice: row["file_device"], fileInode: row["file_inode"])
            var reason = stored.difference(from: current)
            // The file only lags the database by one generation (a crash between the commit and
            // the file's rename); anything else on disk is newer than this database.
            let generation: String? = row["generation"]
            let previous: String? = row["previous_generation"]
            if reason.isEmpty, let onDisk, let generation, onDisk != generation, onDisk != previous {
                reason = "the database file is older than its data folder (replica-generation): a backup restored over it"
            }
            guard !reason.isEmpty else { return nil }
            guard let old = try String.fetchOne(db, sql: "SELECT replica FROM sync_identity WHERE singleton = 1") else {
                throw WalletSyncError.corruptIdentity
            }
            let replica = UUID().uuidString.lowercased()
            try db.execute(sql: "INSERT OR IGNORE INTO replica_history (replica, retired_ms, reason) VALUES (?, ?, ?)",
                           arguments: [old, nowMs, reason])
            try db.execute(sql: "UPDATE sync_identity SET replica = ? WHERE singleton = 1", arguments: [replica])
            try db.execute(sql: bind, arguments: [current.machineID, current.fileDevice, current.fileInode, nowMs])
            return ReplicaChange(previous: old, replica: replica, reason: reason)
        }
        try advanceGeneration(pool: pool, file: generationFile)
        return change
    }

    /// Moves the generation on, in the database first and then in the data folder's file. Called
    /// at open and before every sync run that pushes: a backup of the database taken before a
    /// push is then older than the file, and a restore of it is noticed at the next open. (Writes
    /// made after the backup but never pushed are gone with the restore and were seen by no one,
    /// so reusing their dots loses nothing.)
    static func advanceGeneration(pool: DatabasePool, file: ReplicaGenerationFile) throws {
        let next = SessionToken.generate().text
        try pool.write { db in
            try db.execute(sql: "UPDATE replica_binding SET previous_generation = generation, generation = ? WHERE singleton = 1", arguments: [next])
        }
        try file.write(next)
    }

    /// Before a sync run pushes: see `advanceGeneration(pool:file:)`.
    public func advanceReplicaGeneration() throws {
        try Self.advanceGeneration(pool: pool, file: ReplicaGenerationFile(directory: (path as NSString).deletingLastPathComponent))
    }

    /// Replica ids this database wrote under before it was copied or restored, oldest first.
    public func previousReplicas() throws -> [String] {
        try readNow { db in try String.fetchAll(db, sql: "SELECT replica FROM replica_history ORDER BY retired_ms, replica") }
    }
}
