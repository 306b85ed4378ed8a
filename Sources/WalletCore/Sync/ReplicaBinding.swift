import Foundation

/// What ties a wallet database to the one live copy it belongs to: the machine id of the PC and
/// the identity (st_dev, st_ino) of the database file. A replica id must belong to one live
/// database: two databases writing under one id write the same dots, and the hub takes each
/// one's statements for the other's own (issue 10 item 3). A copied data folder, a cloned disk
/// given its own machine id, or a restored backup file all show a different binding.
///
/// ```swift
/// let now = try ReplicaBinding.current(databasePath: store.path, machineIDFiles: ReplicaBinding.machineIDFiles)
/// if now != stored { /* take a new replica id */ }
/// ```
public struct ReplicaBinding: Sendable, Equatable {
    /// The machine id, trimmed; empty when no machine id file could be read.
    public var machineID: String
    public var fileDevice: Int64
    public var fileInode: Int64

    public init(machineID: String, fileDevice: Int64, fileInode: Int64) {
        self.machineID = machineID
        self.fileDevice = fileDevice
        self.fileInode = fileInode
    }

    /// systemd's machine id, then D-Bus's (older systems keep only that one).
    public static let machineIDFiles = ["/etc/machine-id", "/var/lib/dbus/machine-id"]

    /// The binding of the database file at `databasePath` on this machine now.
    public static func current(databasePath: String, machineIDFiles: [String]) throws -> ReplicaBinding {
        let attributes = try FileManager.default.attributesOfItem(atPath: databasePath)
        let device = (attributes[.systemNumber] as? NSNumber)?.int64Value ?? -1
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.int64Value ?? -1
        return ReplicaBinding(machineID: machineID(from: machineIDFiles), fileDevice: device, fileInode: inode)
    }

    /// The first readable, non-empty machine id; at most 256 bytes are looked at (it is 32 hex digits).
    static func machineID(from files: [String]) -> String {
        for file in files {
            guard let handle = FileHandle(forReadingAtPath: file) else { continue }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: 256)) ?? Data()
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { return text }
        }
        return ""
    }

    /// Why `other` is not this database's binding, in words for the log.
    func difference(from other: ReplicaBinding) -> String {
        var reasons: [String] = []
        if machineID != other.machineID { reasons.append("the machine id changed (another PC, or a cloned disk given its own id)") }
        if fileDevice != other.fileDevice || fileInode != other.fileInode {
            reasons.append("the database file is another file than the one it was made as (a copied data folder or a restored backup)")
        }
        return reasons.joined(separator: "; ")
    }
}

/// A replica id given up at open because the database was copied or restored.
///
/// ```swift
/// if let change = store.replicaChange { logger.warning("\(change)") }
/// ```
public struct ReplicaChange: Sendable, Equatable, CustomStringConvertible {
    public var previous: String
    public var replica: String
    public var reason: String

    public var description: String {
        "this database was copied or restored (\(reason)): it takes the new replica id \(replica) in place of \(previous), "
            + "keeping all its data; a registered PC asks the repository for a device of its own at its next sync"
    }
}
