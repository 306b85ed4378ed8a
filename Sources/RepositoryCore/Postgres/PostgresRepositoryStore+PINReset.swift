import Basics
import Credentials
import PostgresNIO
import SecurityPrimitives
import SyncEngine

/// The PIN reset in PostgreSQL, by the SQLite store's rules (`SQLiteRepositoryStore+PINReset`,
/// docs/SECURITY.md "PIN reset"). A reset holds the learner's lock, so it and a push of the same
/// learner (on any instance) apply one after the other, and a code is spent once.
///
/// ```swift
/// _ = try await store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: now, expiresMs: now + 86_400_000)
/// let outcome = try await store.resetLearner(reset, device: device.id, nowMs: now)
/// ```
extension PostgresRepositoryStore {
    public func addResetCode(_ code: String, learnerID: String, assessor: String, nowMs: Int64, expiresMs: Int64) async throws -> Bool {
        let hash = SessionToken.sha256Hex(EnrolmentCode.normalized(code))
        return try await database.transaction { tx in
            guard try await tx.exists("SELECT EXISTS (SELECT 1 FROM learner WHERE id = \(learnerID))") else { return false }
            // A newer code replaces the older one (used or not), and its count of refusals.
            try await tx.execute("""
                INSERT INTO learner_reset_code (learner_id, code_hash, assessor, created_ms, expires_ms)
                VALUES (\(learnerID), \(hash), \(assessor), \(nowMs), \(expiresMs))
                ON CONFLICT (learner_id) DO UPDATE SET code_hash = excluded.code_hash, assessor = excluded.assessor,
                    created_ms = excluded.created_ms, expires_ms = excluded.expires_ms, used_ms = NULL, failed_attempts = 0, locked_until_ms = 0
                """)
            // Never the code: who vouched, and until when it works.
            try await PostgresAuditLog.append([AuditEvent(.pinResetCode, learner: learnerID,
                                                          detail: ["assessor": assessor, "expires_ms": String(expiresMs)])], atMs: nowMs, tx: tx)
            return true
        }
    }

    /// `SQLiteRepositoryStore.resetLearner`'s steps, then issuance to the new DID as a push
    /// issues (its change numbers and witness mark included). Credential events are reported
    /// once the transaction committed.
    public func resetLearner(_ reset: LearnerReset, device: String, nowMs: Int64) async throws -> LearnerResetOutcome {
        let id = reset.learner.id
        let learner = reset.learner
        let presented = Array(SessionToken.sha256Hex(EnrolmentCode.normalized(reset.code)).utf8)
        // The statement is signed here (the signing closure does not leave this task) and used
        // only where the SQLite store signs it: after the code and the claim held.
        let signed: Result<JSONValue, any Error>? = learner.claim.map { claim in Result { try reset.statement(claim) } }
        let authority = self.authority
        let (outcome, events) = try await database.transaction { tx -> (LearnerResetOutcome, [CredentialEvent]) in
            try await tx.lock("learner:" + id)
            guard let generation = try await tx.optional("SELECT claim_generation FROM learner WHERE id = \(id)", as: Int64.self)
            else { return (.notFound, []) }
            guard let code = try await tx.optional("""
                SELECT code_hash, assessor, expires_ms, used_ms, failed_attempts, locked_until_ms FROM learner_reset_code WHERE learner_id = \(id)
                """, as: (String, String, Int64, Int64?, Int32, Int64).self)
            else {
                try await PostgresAuditLog.append([AuditEvent(.pinResetRefused, learner: id, device: device, detail: ["why": "no code"])],
                                                  atMs: nowMs, tx: tx)
                return (.codeRefused, [])
            }
            switch LoginThrottle.reserve(failedAttempts: Int(code.4), lockedUntilMs: code.5, nowMs: nowMs) {
            case .locked(let until):
                return (.locked(untilMs: until), [])
            case .reserved(let failures, let lockedUntilIfWrong):
                let usable = code.3 == nil && code.2 > nowMs
                guard SQLiteRepositoryStore.constantTimeEqual(presented, Array(code.0.utf8)), usable else {
                    try await tx.execute("""
                        UPDATE learner_reset_code SET failed_attempts = \(Int32(failures)), locked_until_ms = \(lockedUntilIfWrong) WHERE learner_id = \(id)
                        """)
                    try await PostgresAuditLog.append([AuditEvent(.pinResetRefused, learner: id, device: device,
                                                                  detail: ["failures": String(failures)])], atMs: nowMs, tx: tx)
                    return (lockedUntilIfWrong > nowMs ? .locked(untilMs: lockedUntilIfWrong) : .codeRefused, [])
                }
            }
            if let problem = SQLiteRepositoryStore.resetProblem(learner, storedGeneration: generation) { return (.claimRefused(problem), []) }
            guard let claim = learner.claim, let key = learner.holderKey, let signed else { return (.claimRefused("the record carries no claim"), []) }
            let statement = try signed.get()
            let sealed = try self.holderWrap.map { try $0.wrap(key.sealed, learnerID: id) } ?? key.sealed
            // The old DID: attestations made for it still count at issuance.
            try await tx.execute("""
                INSERT INTO learner_former_did (learner_id, did, replaced_ms)
                SELECT id, holder_did, \(nowMs) FROM learner WHERE id = \(id) AND holder_did IS NOT NULL AND holder_did <> \(key.did)
                ON CONFLICT DO NOTHING
                """)
            let cost = learner.pinCost
            try await tx.execute("""
                UPDATE learner SET pin_salt = \(learner.pinSalt), pin_hash = \(learner.pinHash), pin_log_n = \(cost.logN),
                                   pin_block_size = \(cost.blockSize), pin_parallelism = \(cost.parallelism),
                                   holder_did = \(key.did), holder_sealed = \(sealed), holder_salt = \(key.salt), holder_log_n = \(key.cost.logN),
                                   holder_block_size = \(key.cost.blockSize), holder_parallelism = \(key.cost.parallelism),
                                   claim = \(claim.json.encodedString), claim_generation = \(claim.generation),
                                   reset_statement = \(statement.encodedString), failed_attempts = 0, locked_until_ms = 0
                WHERE id = \(id)
                """)
            try await tx.execute("UPDATE learner_reset_code SET used_ms = \(nowMs), failed_attempts = 0, locked_until_ms = 0 WHERE learner_id = \(id)")
            try await tx.execute("INSERT INTO device_learner (device, learner_id) VALUES (\(device), \(id)) ON CONFLICT DO NOTHING")
            let logged = AuditEvent(.pinReset, learner: id, device: device,
                                    detail: ["generation": String(claim.generation), "assessor": code.1, "did": key.did])
            // Credentials go to the new DID: issuance looks at every course again, as when a
            // learner first gets a holder key; the PC pulls them as records like any issued one.
            // The reset's entry goes into the chain with the credentials' (after the status
            // lists are locked), still before them.
            var events: [CredentialEvent] = []
            var auditWritten = false
            if let authority {
                let push = PostgresPushTransaction(tx, nowMs: nowMs, hubReplica: try await Self.replica(tx),
                                                   keptRecordVersions: self.retention.recordVersions, holderWrap: self.holderWrap)
                (events, auditWritten) = try await self.issueCredentials(authority: authority, learnerID: id, touched: [], everyCourse: true,
                                                                         in: push, auditFirst: [logged])
                _ = try await self.markHead(in: push)
            }
            if !auditWritten { try await PostgresAuditLog.append([logged], atMs: nowMs, tx: tx) }
            // The learner as now stored, read back as a fetch reads them.
            guard let row = try await tx.optional(PostgresQuery(unsafeSQL: "SELECT \(Self.learnerColumns) FROM learner WHERE id = $1",
                                                                binds: Self.binds(id)), as: LearnerRow.self),
                  let updated = try Self.wireLearner(row, wrap: self.holderWrap)
            else { throw RepositoryStoreError.corrupt("learner \(id) unreadable right after its reset") }
            return (.reset(updated), events)
        }
        authority?.report(events)
        return outcome
    }
}
