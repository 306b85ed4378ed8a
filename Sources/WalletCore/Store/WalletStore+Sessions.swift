import Foundation
import GRDB
import SecurityPrimitives
import SQLiteStorage

/// A live session as the store keeps it (the token itself is never stored, only its hash).
///
/// ```swift
/// if let session = try await store.session(tokenHash: token.storageHash) { … }
/// ```
public struct SessionRecord: Sendable, Equatable {
    public var tokenHash: String
    public var learnerID: String
    public var learnerName: String
    public var createdMs: Int64
    public var expiresMs: Int64
    /// The OS account (uid) that logged in; nil for a session from before owners were kept, or
    /// made over a connection whose peer the kernel could not name. For xAPI credentials, the
    /// account that asked for them: `lock` ends them, but they are not bound to it.
    public var ownerUID: UInt32?
    /// Set for xAPI credentials (`XAPICredentialPolicy`): the session answers on `/xapi/` only,
    /// with its own idle limit and absolute lifetime (shorter than a login's).
    public var xapiOnly: Bool = false
    public var idleMs: Int64? = nil
    public var lifetimeMs: Int64? = nil

    /// The session's own limits where it has them, else the policy's.
    public func effective(_ policy: SessionPolicy) -> SessionPolicy {
        SessionPolicy(idleMs: min(idleMs ?? policy.idleMs, policy.idleMs), maxLifetimeMs: min(lifetimeMs ?? policy.maxLifetimeMs, policy.maxLifetimeMs),
                      maxPerLearner: policy.maxPerLearner)
    }
}

/// How long sessions live and how many one learner may hold: the idle timeout slides with use,
/// the absolute lifetime does not, so a session left open on a shared PC ends by the evening.
///
/// ```swift
/// let policy = SessionPolicy(idleMs: 15 * 60_000, maxLifetimeMs: 8 * 3_600_000)
/// policy.deadline(createdMs: created, nowMs: now)   // min(now + idle, created + lifetime)
/// ```
public struct SessionPolicy: Sendable, Equatable {
    public var idleMs: Int64
    public var maxLifetimeMs: Int64
    /// Live sessions one learner may hold on this PC; a new login ends the oldest beyond it (and
    /// one learner logging in again and again cannot push everyone's holder keys out of memory).
    public var maxPerLearner: Int

    public init(idleMs: Int64, maxLifetimeMs: Int64, maxPerLearner: Int = 4) {
        precondition(idleMs > 0 && maxLifetimeMs > 0 && maxPerLearner > 0)
        self.idleMs = idleMs
        self.maxLifetimeMs = maxLifetimeMs
        self.maxPerLearner = maxPerLearner
    }

    public func deadline(createdMs: Int64, nowMs: Int64) -> Int64 {
        min(nowMs + idleMs, createdMs + maxLifetimeMs)
    }
}

extension WalletStore {
    /// Stores a new session and returns the token hashes of the learner's oldest sessions it
    /// ended to stay within `policy.maxPerLearner` (the caller drops their keys from memory).
    /// The `login` audit entry is written in the same transaction.
    public func insertSession(tokenHash: String, learnerID: String, nowMs: Int64, policy: SessionPolicy,
                              ownerUID: UInt32?, xapi: XAPICredentialPolicy? = nil) async throws -> [String] {
        try writeNow { db in
            // Expired sessions are swept here, at login, so the table stays small without a timer.
            try db.execute(sql: "DELETE FROM session WHERE expires_ms <= ?", arguments: [nowMs])
            let older = try String.fetchAll(db, sql: """
                SELECT token_hash FROM session WHERE learner_id = ? ORDER BY created_ms DESC, token_hash LIMIT -1 OFFSET ?
                """, arguments: [learnerID, policy.maxPerLearner - 1])
            for hash in older {
                try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [hash])
            }
            let limits = SessionRecord(tokenHash: tokenHash, learnerID: learnerID, learnerName: "", createdMs: nowMs, expiresMs: nowMs,
                                       ownerUID: ownerUID, xapiOnly: xapi != nil, idleMs: xapi?.idleMs, lifetimeMs: xapi?.lifetimeMs)
            try db.execute(sql: """
                INSERT INTO session (token_hash, learner_id, created_ms, expires_ms, owner_uid, xapi_only, idle_ms, lifetime_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [tokenHash, learnerID, nowMs, limits.effective(policy).deadline(createdMs: nowMs, nowMs: nowMs),
                                 ownerUID.map { Int64($0) }, xapi != nil, xapi?.idleMs, xapi?.lifetimeMs])
            try Self.markUsed(learnerID, nowMs: nowMs, db: db)
            var detail = ownerUID.map { ["uid": String($0)] } ?? [:]
            if let xapi { detail["lifetime_s"] = String(xapi.lifetimeMs / 1000) }
            try AuditLogTable.append([AuditEvent(xapi == nil ? .login : .xapiCredentials, learner: learnerID, detail: detail)],
                                     atMs: nowMs, db: db)
            return older
        }
    }

    /// Ends every session `ownerUID` opened (`wallet-cli lock`); returns their token hashes.
    public func deleteSessions(ownerUID: UInt32) async throws -> [String] {
        try writeNow { db in
            let hashes = try String.fetchAll(db, sql: "SELECT token_hash FROM session WHERE owner_uid = ?", arguments: [Int64(ownerUID)])
            try db.execute(sql: "DELETE FROM session WHERE owner_uid = ?", arguments: [Int64(ownerUID)])
            return hashes
        }
    }

    /// Looks a session up whether or not it has expired; the caller tells "expired" from "unknown".
    public func session(tokenHash: String) async throws -> SessionRecord? {
        let sql = """
            SELECT s.token_hash, s.learner_id, s.created_ms, s.expires_ms, s.owner_uid, s.xapi_only, s.idle_ms, s.lifetime_ms, l.name
            FROM session s JOIN learner l ON l.id = s.learner_id WHERE s.token_hash = ?
            """
        return try readNow { db in
            try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [tokenHash]).map {
                SessionRecord(tokenHash: $0["token_hash"], learnerID: $0["learner_id"], learnerName: $0["name"], createdMs: $0["created_ms"],
                              expiresMs: $0["expires_ms"], ownerUID: ($0["owner_uid"] as Int64?).flatMap(UInt32.init(exactly:)),
                              xapiOnly: $0["xapi_only"], idleMs: $0["idle_ms"], lifetimeMs: $0["lifetime_ms"])
            }
        }
    }

    /// Pushes the idle deadline forward. Skipped when the session was touched within the last
    /// `granularityMs`, so that a burst of requests costs one write, not one per request.
    public func touchSession(_ session: SessionRecord, nowMs: Int64, policy: SessionPolicy, granularityMs: Int64 = 5_000) async throws {
        let newExpiry = session.effective(policy).deadline(createdMs: session.createdMs, nowMs: nowMs)
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
