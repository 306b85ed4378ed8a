import Foundation
import GRDB
import SyncEngine
import SecurityPrimitives
import SQLiteStorage
import Basics
import Credentials

/// The PIN reset (docs/SECURITY.md, "PIN reset"): a learner who forgot their PIN cannot open their
/// holder key any more, so they get a new one. The repository admin makes a one-time code after an
/// assessor checked who the learner is; the learner's PC sends the code with a new learner record,
/// and only then does the repository take a holder DID other than the stored one.
extension SQLiteRepositoryStore {
    public func addResetCode(_ code: String, learnerID: String, assessor: String, nowMs: Int64, expiresMs: Int64) throws -> Bool {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM learner WHERE id = ?)", arguments: [learnerID]) == true
            else { return false }
            // A newer code replaces the older one (used or not), and its count of refusals.
            try db.execute(sql: """
                INSERT INTO learner_reset_code (learner_id, code_hash, assessor, created_ms, expires_ms) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (learner_id) DO UPDATE SET code_hash = excluded.code_hash, assessor = excluded.assessor,
                    created_ms = excluded.created_ms, expires_ms = excluded.expires_ms, used_ms = NULL, failed_attempts = 0, locked_until_ms = 0
                """, arguments: [learnerID, Self.sha256Hex(EnrolmentCode.normalized(code)), assessor, nowMs, expiresMs])
            // Never the code: who vouched, and until when it works.
            try AuditLogTable.append([AuditEvent(.pinResetCode, learner: learnerID,
                                                 detail: ["assessor": assessor, "expires_ms": String(expiresMs)])],
                                     atMs: nowMs, db: db)
            return true
        }
    }

    /// Checks the code (its hash compared in constant time; unexpired, unused, this learner's),
    /// counting a refusal towards a lock as a wrong PIN at a fetch does; then the claim: signed by
    /// the new key it names, of the stored generation + 1, stating exactly the PIN hash and sealed
    /// key sent. In the same transaction it spends the code, stores the new PIN hash, holder DID,
    /// sealed key (wrapped), claim and reset statement, clears the fetch lock-out, links the
    /// device and logs it.
    public func resetLearner(_ reset: LearnerReset, device: String, nowMs: Int64) throws -> LearnerResetOutcome {
        let id = reset.learner.id
        var events: [CredentialEvent] = []
        defer { authority?.report(events) }
        return try pool.write { db -> LearnerResetOutcome in
            events = []
            guard let stored = try Row.fetchOne(db, sql: "SELECT claim_generation FROM learner WHERE id = ?", arguments: [id]) else { return .notFound }
            guard let code = try Row.fetchOne(db, sql: "SELECT * FROM learner_reset_code WHERE learner_id = ?", arguments: [id]) else {
                try AuditLogTable.append([AuditEvent(.pinResetRefused, learner: id, device: device, detail: ["why": "no code"])], atMs: nowMs, db: db)
                return .codeRefused
            }
            switch LoginThrottle.reserve(failedAttempts: code["failed_attempts"], lockedUntilMs: code["locked_until_ms"], nowMs: nowMs) {
            case .locked(let until):
                return .locked(untilMs: until)
            case .reserved(let failures, let lockedUntilIfWrong):
                let presented = Array(Self.sha256Hex(EnrolmentCode.normalized(reset.code)).utf8)
                let usable = (code["used_ms"] as Int64?) == nil && (code["expires_ms"] as Int64) > nowMs
                guard Self.constantTimeEqual(presented, Array((code["code_hash"] as String).utf8)), usable else {
                    try db.execute(sql: "UPDATE learner_reset_code SET failed_attempts = ?, locked_until_ms = ? WHERE learner_id = ?",
                                   arguments: [failures, lockedUntilIfWrong, id])
                    try AuditLogTable.append([AuditEvent(.pinResetRefused, learner: id, device: device, detail: ["failures": String(failures)])],
                                             atMs: nowMs, db: db)
                    return lockedUntilIfWrong > nowMs ? .locked(untilMs: lockedUntilIfWrong) : .codeRefused
                }
            }
            let generation: Int64 = stored["claim_generation"]
            if let problem = Self.resetProblem(reset.learner, storedGeneration: generation) { return .claimRefused(problem) }
            guard let claim = reset.learner.claim, let key = reset.learner.holderKey else { return .claimRefused("the record carries no claim") }
            let statement = try reset.statement(claim)
            let sealed = try holderWrap.map { try $0.wrap(key.sealed, learnerID: id) } ?? key.sealed
            let learner = reset.learner
            // The old DID: attestations made for it still count at issuance.
            try db.execute(sql: """
                INSERT OR IGNORE INTO learner_former_did (learner_id, did, replaced_ms)
                SELECT id, holder_did, ? FROM learner WHERE id = ? AND holder_did IS NOT NULL AND holder_did <> ?
                """, arguments: [nowMs, id, key.did])
            try db.execute(sql: """
                UPDATE learner SET pin_salt = ?, pin_hash = ?, pin_log_n = ?, pin_block_size = ?, pin_parallelism = ?,
                                   holder_did = ?, holder_sealed = ?, holder_salt = ?, holder_log_n = ?, holder_block_size = ?, holder_parallelism = ?,
                                   claim = ?, claim_generation = ?, reset_statement = ?, failed_attempts = 0, locked_until_ms = 0
                WHERE id = ?
                """, arguments: [learner.pinSalt, learner.pinHash, learner.pinCost.logN, learner.pinCost.blockSize, learner.pinCost.parallelism,
                                  key.did, sealed, key.salt, key.cost.logN, key.cost.blockSize, key.cost.parallelism,
                                  claim.json.encodedString, claim.generation, statement.encodedString, id])
            try db.execute(sql: "UPDATE learner_reset_code SET used_ms = ?, failed_attempts = 0, locked_until_ms = 0 WHERE learner_id = ?",
                           arguments: [nowMs, id])
            try db.execute(sql: "INSERT OR IGNORE INTO device_learner (device, learner_id) VALUES (?, ?)", arguments: [device, id])
            try AuditLogTable.append([AuditEvent(.pinReset, learner: id, device: device,
                                                 detail: ["generation": String(claim.generation), "assessor": code["assessor"], "did": key.did])],
                                     atMs: nowMs, db: db)
            // Credentials go to the new DID: issuance looks at every course again, as when a learner
            // first gets a holder key; the PC pulls them as records like any issued credential.
            if let authority {
                let transaction = try SQLitePushTransaction(db, nowMs: nowMs, keptRecordVersions: retention.recordVersions, holderWrap: holderWrap)
                events = try Self.issueCredentials(authority: authority, learnerID: id, touched: [], everyCourse: true, in: transaction)
                try db.execute(sql: "UPDATE hub_meta SET change_seq = ?", arguments: [transaction.changeSeq])
                _ = try markHead(in: transaction)
            }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM learner WHERE id = ?", arguments: [id]),
                  let updated = try Self.wireLearner(row, wrap: holderWrap)
            else { throw RepositoryStoreError.corrupt("learner \(id) unreadable right after its reset") }
            return .reset(updated)
        }
    }

    /// Why the record sent with a right code cannot be the learner's after the reset, or nil.
    static func resetProblem(_ learner: WireLearner, storedGeneration: Int64) -> String? {
        guard let claim = learner.claim else { return "the record carries no claim signed by the new holder key" }
        guard learner.holderKey != nil else { return "the record carries no holder key" }
        guard claim.generation == max(storedGeneration, -1) + 1 else {
            return "the claim is of generation \(claim.generation); the repository expects \(max(storedGeneration, -1) + 1)"
        }
        return claim.problem(with: learner, holderDID: claim.holderDID)
    }

    /// Equal length and bytes, in a time that does not depend on where they differ.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
