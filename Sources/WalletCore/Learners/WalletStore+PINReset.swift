import Foundation
import GRDB
import SyncEngine
import Credentials
import SecurityPrimitives
import SQLiteStorage
import Basics

/// A PIN reset on this PC (docs/SECURITY.md, "PIN reset"): the learner forgot their PIN, so their
/// holder key is replaced by a new one with a new DID. walletd stores it only once the repository
/// took it (the code is checked there); the learner's other PCs take it from their pulls, and only
/// with the repository's reset statement signed by the key they pinned, since a new DID is what
/// a take-over would look like too.
extension WalletStore {
    /// Stores a reset the repository accepted, in one transaction: the new PIN hash, the new
    /// sealed holder key, the claim and the reset statement; ends every session of the learner on
    /// this PC (nobody who knew the old PIN stays in) and logs it. Returns the ended sessions'
    /// token hashes; nil when the learner is not here.
    public func resetPIN(learnerID: String, to pin: PINHash, holderKey: WireHolderKey, claim: WireLearnerClaim, statement: JSONValue,
                         nowMs: Int64) async throws -> [String]? {
        try writeNow { db in
            guard try Self.storeReset(learnerID: learnerID, pin: pin, holderKey: holderKey, claim: claim, statement: statement, db: db) else { return nil }
            let ended = try Self.endSessions(of: learnerID, except: nil, db: db)
            try AuditLogTable.append([AuditEvent(.pinReset, learner: learnerID,
                                                 detail: ["generation": String(claim.generation), "did": holderKey.did, "sessions_ended": String(ended.count)])],
                                     atMs: nowMs, db: db)
            return ended
        }
    }

    /// A pulled claim naming another holder DID than this PC's: believed only with the
    /// repository's reset statement for that learner, generation and DID, signed by the trust-list
    /// key this PC pinned (or one it handed over to), and only when newer than the claim here.
    /// Then the learner's PIN hash, key, claim and statement become the pulled ones and their
    /// sessions here end. True when applied. Runs inside the pull's transaction.
    static func applyReset(_ learner: WireLearner, here: Learner, nowMs: Int64, db: Database) throws -> Bool {
        guard let claim = learner.claim, let key = learner.holderKey, let statement = learner.reset,
              claim.holderDID != here.holderKey?.did, claim.generation > (here.claim?.generation ?? -1),
              claim.problem(with: learner, holderDID: claim.holderDID) == nil,
              let pinned = try Row.fetchOne(db, sql: "SELECT anchor FROM trust_list")?["anchor"] as String?
        else { return false }
        let successions = (try cachedTrustList(db: db)).flatMap { try? TrustListContent(json: $0.json) }?.successions ?? []
        guard LearnerResetStatement.problem(statement, learner: learner.id, generation: claim.generation, holderDID: claim.holderDID,
                                            pinned: pinned, successions: successions) == nil,
              let salt = Base64URL.decode(learner.pinSalt), let hash = Base64URL.decode(learner.pinHash)
        else { return false }
        _ = try storeReset(learnerID: learner.id, pin: PINHash(salt: salt, hash: hash, cost: learner.pinCost), holderKey: key, claim: claim,
                           statement: statement, db: db)
        let ended = try endSessions(of: learner.id, except: nil, db: db)
        try AuditLogTable.append([AuditEvent(.pinReset, learner: learner.id,
                                             detail: ["generation": String(claim.generation), "did": key.did, "from": "repository",
                                                      "sessions_ended": String(ended.count)])],
                                 atMs: nowMs, db: db)
        return true
    }

    static func storeReset(learnerID: String, pin: PINHash, holderKey: WireHolderKey, claim: WireLearnerClaim, statement: JSONValue,
                           db: Database) throws -> Bool {
        try db.execute(sql: """
            UPDATE learner SET pin_salt = ?, pin_hash = ?, pin_log_n = ?, pin_block_size = ?, pin_parallelism = ?, holder_key = ?,
                               claim = ?, claim_generation = ?, reset_statement = ?, failed_attempts = 0, locked_until_ms = 0
            WHERE id = ?
            """, arguments: [pin.salt, pin.hash, pin.cost.logN, pin.cost.blockSize, pin.cost.parallelism, holderKey.json.encodedString,
                             claim.json.encodedString, claim.generation, statement.encodedString, learnerID])
        return db.changesCount > 0
    }
}
