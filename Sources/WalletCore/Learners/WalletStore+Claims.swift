import Foundation
import GRDB
import SyncEngine
import SecurityPrimitives
import SQLiteStorage
import Basics

/// A learner's claim on this PC (`WireLearnerClaim`): made at the first login of a learner from
/// before claims, replaced by a PIN change here, or by a newer one a pull brings from a PIN
/// change on another PC. Whenever this PC's claim changes, the learner is announced again, so the
/// next sync pushes it to the repository even with nothing else to send.
extension WalletStore {
    /// A learner made before claims existed gets their first at login (the key is open then).
    /// Never replaces one: true when it was stored.
    public func setClaimIfMissing(learnerID: String, claim: WireLearnerClaim) async throws -> Bool {
        try writeNow { db in
            try db.execute(sql: "UPDATE learner SET claim = ?, claim_generation = ? WHERE id = ? AND claim IS NULL",
                           arguments: [claim.json.encodedString, claim.generation, learnerID])
            guard db.changesCount > 0 else { return false }
            try Self.announceAgain(learnerID, db: db)
            return true
        }
    }

    /// Stores a PIN change in one transaction: the new PIN hash, the holder key sealed again under
    /// the new PIN (same DID), the next claim; ends the learner's other sessions on this PC and
    /// logs it. Returns the ended sessions' token hashes (the caller drops their keys from
    /// memory), or nil when the PIN changed meanwhile (another change won; nothing was written).
    public func changePIN(learnerID: String, from old: PINHash, to new: PINHash, holderKey: WireHolderKey, claim: WireLearnerClaim,
                          keepingSession: String, nowMs: Int64) async throws -> [String]? {
        try writeNow { db in
            try db.execute(sql: """
                UPDATE learner SET pin_salt = ?, pin_hash = ?, pin_log_n = ?, pin_block_size = ?, pin_parallelism = ?, holder_key = ?,
                                   claim = ?, claim_generation = ?, failed_attempts = 0, locked_until_ms = 0
                WHERE id = ? AND pin_salt = ? AND pin_hash = ?
                """, arguments: [new.salt, new.hash, new.cost.logN, new.cost.blockSize, new.cost.parallelism, holderKey.json.encodedString,
                                 claim.json.encodedString, claim.generation, learnerID, old.salt, old.hash])
            guard db.changesCount > 0 else { return nil }
            let ended = try Self.endSessions(of: learnerID, except: keepingSession, db: db)
            try Self.announceAgain(learnerID, db: db)
            try AuditLogTable.append([AuditEvent(.pinChange, learner: learnerID,
                                                 detail: ["generation": String(claim.generation), "sessions_ended": String(ended.count)])],
                                     atMs: nowMs, db: db)
            return ended
        }
    }

    /// A newer claim pulled from the repository (the PIN was changed on another PC): believed only
    /// when it verifies against the holder DID this PC has for the learner and is newer than the
    /// claim here. Then the learner's PIN hash and sealed key become the claim's and, when the PIN
    /// hash is another than this PC's, their sessions here end and the change is logged (a first
    /// claim another PC made for an older learner changes no PIN). Runs inside the pull's
    /// transaction.
    static func applyClaimed(_ learner: WireLearner, nowMs: Int64, db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM learner WHERE id = ?", arguments: [learner.id]) else { return }
        let here = Self.learner(from: row)
        // A new holder DID: a PIN reset, believed only with the repository's signed statement.
        if try applyReset(learner, here: here, nowMs: nowMs, db: db) { return }
        guard case .replace(let claim) = LearnerClaimRule.decide(pushed: learner, storedDID: here.holderKey?.did, storedClaim: here.claim),
              let holderKey = learner.holderKey,
              let salt = Base64URL.decode(learner.pinSalt), let hash = Base64URL.decode(learner.pinHash)
        else { return }
        try db.execute(sql: """
            UPDATE learner SET pin_salt = ?, pin_hash = ?, pin_log_n = ?, pin_block_size = ?, pin_parallelism = ?, holder_key = ?,
                               claim = ?, claim_generation = ?, failed_attempts = 0, locked_until_ms = 0
            WHERE id = ?
            """, arguments: [salt, hash, learner.pinCost.logN, learner.pinCost.blockSize, learner.pinCost.parallelism, holderKey.json.encodedString,
                             claim.json.encodedString, claim.generation, learner.id])
        guard salt != here.pin.salt || hash != here.pin.hash else { return }
        let ended = try endSessions(of: learner.id, except: nil, db: db)
        try AuditLogTable.append([AuditEvent(.pinChange, learner: learner.id,
                                             detail: ["generation": String(claim.generation), "from": "repository", "sessions_ended": String(ended.count)])],
                                 atMs: nowMs, db: db)
    }

    /// A fetched learner's claim, kept only when it holds for what the repository sent with it.
    static func believedClaim(of learner: WireLearner) -> WireLearnerClaim? {
        guard let claim = learner.claim, let did = learner.holderKey?.did, claim.problem(with: learner, holderDID: did) == nil else { return nil }
        return claim
    }

    static func endSessions(of learnerID: String, except kept: String?, db: Database) throws -> [String] {
        let hashes = try String.fetchAll(db, sql: "SELECT token_hash FROM session WHERE learner_id = ? AND token_hash IS NOT ?",
                                         arguments: [learnerID, kept])
        try db.execute(sql: "DELETE FROM session WHERE learner_id = ? AND token_hash IS NOT ?", arguments: [learnerID, kept])
        return hashes
    }

    /// The next sync pushes the learner (with their claim) even when nothing else is pending.
    static func announceAgain(_ learnerID: String, db: Database) throws {
        try db.execute(sql: "UPDATE sync_partition SET announced = 0 WHERE learner_id = ?", arguments: [learnerID])
    }
}
