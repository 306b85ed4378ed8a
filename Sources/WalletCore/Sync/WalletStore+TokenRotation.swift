import Foundation
import GRDB
import SecurityPrimitives
import SQLiteStorage

/// The device token rotating on demand (`wallet-cli device rotate-token`). The PC proposes the new
/// token and keeps it here until the repository confirms: the sync run sends the rotation before
/// anything else, and a run whose answer was lost sends the same request again, which the
/// repository answers as done. The token never leaves walletd except to the repository it came
/// from.
///
/// ```swift
/// let proposed = try store.nextDeviceToken()        // kept until adopted
/// // … the repository confirms …
/// try store.adoptRotatedToken(proposed, nowMs: now)
/// ```
extension WalletStore {
    /// The token this PC proposes for its device, made once and kept until adopted.
    public func nextDeviceToken() throws -> String {
        try writeNow { db in
            if let token = try String.fetchOne(db, sql: "SELECT next_token FROM sync_identity WHERE singleton = 1") { return token }
            let token = SessionToken.generate().text
            try db.execute(sql: "UPDATE sync_identity SET next_token = ? WHERE singleton = 1", arguments: [token])
            return token
        }
    }

    /// The repository refused the proposal for good (a malformed token, a device it does not
    /// know): it is dropped, so the sync runs go on with the current token instead of asking
    /// again for ever.
    public func dropNextDeviceToken(_ token: String) throws {
        try writeNow { db in
            try db.execute(sql: "UPDATE sync_identity SET next_token = NULL WHERE singleton = 1 AND next_token = ?", arguments: [token])
        }
    }

    /// The repository confirmed `token`: it is the device token from now on, with the audit
    /// entry in the same transaction (never the token). Only if it is still the proposed one.
    public func adoptRotatedToken(_ token: String, nowMs: Int64) throws {
        try writeNow { db in
            guard let device = try String.fetchOne(db, sql: "SELECT device FROM sync_identity WHERE singleton = 1 AND next_token = ?",
                                                   arguments: [token]) else { return }
            try db.execute(sql: "UPDATE sync_identity SET token = next_token, next_token = NULL, token_ms = ? WHERE singleton = 1",
                           arguments: [nowMs])
            try AuditLogTable.append([AuditEvent(.deviceTokenRotate, device: device)], atMs: nowMs, db: db)
        }
    }
}
