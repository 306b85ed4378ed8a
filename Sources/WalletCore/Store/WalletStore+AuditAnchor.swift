import Basics
import Foundation
import GRDB
import SyncEngine

extension WalletStore {
    /// The newest entry of this PC's audit log, as the anchor to send (nil: the log is empty).
    ///
    /// ```swift
    /// if let head = try store.auditHead() { … }
    /// ```
    public func auditHead() throws -> AuditAnchor? {
        try readNow { db in
            try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").map(Self.anchor(from:))
        }
    }

    /// Entry `seq` of this PC's audit log as it reads now (nil: there is no such entry any more).
    /// Its stored hash is enough here: an entry changed without recomputing the hashes after it
    /// breaks the chain `GET /v1/audit` verifies; recomputing them changes this one.
    public func auditEntry(seq: Int64) throws -> AuditAnchor? {
        try readNow { db in
            try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log WHERE seq = ?", arguments: [seq]).map(Self.anchor(from:))
        }
    }

    private static func anchor(from row: Row) -> AuditAnchor {
        AuditAnchor(seq: row["seq"] ?? 0, hash: Hex.lowercase((row["hash"] as Data?) ?? Data()))
    }
}
