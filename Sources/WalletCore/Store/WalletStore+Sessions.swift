import Foundation
import GRDB

/// A live session as the store keeps it (the token itself is never stored, only its hash).
///
/// ```swift
/// if let session = try await store.session(tokenHash: token.storageHash) { … }
/// ```
public struct SessionRecord: Sendable, Equatable {
    public var tokenHash: String
    public var learnerID: String
    public var learnerName: String
    public var expiresMs: Int64
}

extension WalletStore {
    public func insertSession(tokenHash: String, learnerID: String, nowMs: Int64, idleMs: Int64) async throws {
        try writeNow { db in
            // Expired sessions are swept here, at login, so the table stays small without a timer.
            try db.execute(sql: "DELETE FROM session WHERE expires_ms <= ?", arguments: [nowMs])
            try db.execute(sql: "INSERT INTO session (token_hash, learner_id, created_ms, expires_ms) VALUES (?, ?, ?, ?)",
                           arguments: [tokenHash, learnerID, nowMs, nowMs + idleMs])
            try Self.markUsed(learnerID, nowMs: nowMs, db: db)
        }
    }

    /// Looks a session up whether or not it has expired; the caller tells "expired" from "unknown".
    public func session(tokenHash: String) async throws -> SessionRecord? {
        let sql = """
            SELECT s.token_hash, s.learner_id, s.expires_ms, l.name
            FROM session s JOIN learner l ON l.id = s.learner_id WHERE s.token_hash = ?
            """
        return try readNow { db in
            try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [tokenHash]).map {
                SessionRecord(tokenHash: $0["token_hash"], learnerID: $0["learner_id"], learnerName: $0["name"], expiresMs: $0["expires_ms"])
            }
        }
    }

    /// Pushes the idle deadline forward. Skipped when the session was touched within the last
    /// `granularityMs`, so that a burst of requests costs one write, not one per request.
    public func touchSession(_ session: SessionRecord, nowMs: Int64, idleMs: Int64, granularityMs: Int64 = 5_000) async throws {
        let newExpiry = nowMs + idleMs
        guard newExpiry - session.expiresMs >= granularityMs else { return }
        try writeNow { db in
            try db.execute(sql: "UPDATE session SET expires_ms = ? WHERE token_hash = ? AND expires_ms < ?",
                           arguments: [newExpiry, session.tokenHash, newExpiry])
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try writeNow { db in
            try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [tokenHash])
        }
    }
}
