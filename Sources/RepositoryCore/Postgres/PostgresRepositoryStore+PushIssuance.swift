import Credentials
import PostgresNIO
import SecurityPrimitives

extension PostgresRepositoryStore {
    /// Issuance for one learner inside the push's transaction (`SQLiteRepositoryStore.issueCredentials`'
    /// rules), in a savepoint: when it fails (a key file unreadable, a list full, a credential too
    /// large) its writes are undone, the change numbers it took are no longer the push's head,
    /// the failure is reported, and the push itself still applies. The database failing (a lost
    /// connection, a deadlock PostgreSQL broke) fails the whole push instead, which a deadlock
    /// runs again.
    ///
    /// At most once per learner, course and holder DID: every writer of a learner's credentials
    /// (push, PIN reset, erasure) holds the learner's lock, so the issued courses the snapshot
    /// read are still all there are. Should a unique constraint still say no (a credential or
    /// slot written without those locks), nothing is issued twice: the issuance is undone like
    /// any failed one and reported, the push is kept, and the next push that may complete the
    /// course looks again.
    func issueCredentials(authority: CredentialAuthority, learnerID: String, touched: Set<String>, everyCourse: Bool,
                          in push: PostgresPushTransaction) async throws -> [CredentialEvent] {
        try await issueCredentials(authority: authority, learnerID: learnerID, touched: touched, everyCourse: everyCourse, in: push,
                                   auditFirst: []).events
    }

    /// Issuance whose audit entries follow `auditFirst` (a PIN reset's own entry), appended
    /// together once the status lists are locked: locks are taken learner, lists, audit chain,
    /// never the chain before a list. `auditWritten` false: issuance wrote nothing (nothing to
    /// issue, or undone), and the caller appends `auditFirst` itself.
    func issueCredentials(authority: CredentialAuthority, learnerID: String, touched: Set<String>, everyCourse: Bool,
                          in push: PostgresPushTransaction, auditFirst: [AuditEvent]) async throws -> (events: [CredentialEvent], auditWritten: Bool) {
        let tx = push.tx
        let highestBefore = push.highestSeq
        try await tx.execute("SAVEPOINT issuance")
        do {
            guard let ledger = try await PostgresIssuanceLedger.load(learnerID: learnerID, touched: touched, everyCourse: everyCourse,
                                                                     authority: authority, tx: tx)
            else {
                try await tx.execute("RELEASE SAVEPOINT issuance")
                return ([], false)
            }
            let issuer = CredentialIssuer(authority: authority, replica: push.hubReplica)
            let events = try issuer.run(ledger, learnerID: learnerID, touched: touched, everyCourse: everyCourse, nowMs: push.nowMs)
            try await ledger.write(store: self, in: push, auditFirst: auditFirst)
            try await tx.execute("RELEASE SAVEPOINT issuance")
            return (events, true)
        } catch let error as PSQLError where !Self.undoesOnlyIssuance(error) {
            throw error
        } catch {
            try await tx.execute("ROLLBACK TO SAVEPOINT issuance")
            push.highestSeq = highestBefore
            return ([.failed(learner: learnerID, reason: Self.reason(error))], false)
        }
    }

    /// The database refused one of issuance's statements (a constraint, a value it does not
    /// take), as SQLite's other errors are handled; the database itself failing — a lost
    /// connection, a deadlock or serialization conflict (40), no space or memory (53), an
    /// operator's shutdown or cancel (57), an I/O or internal error (58, XX) — as SQLite's busy,
    /// I/O and full errors are: the push fails with it.
    static func undoesOnlyIssuance(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return !["40", "53", "57", "58", "XX"].contains(String(state.prefix(2)))
    }

    /// PSQLError's description hides the server's words (they may quote values); its message and
    /// code are what an operator needs here.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        let message = error.serverInfo?[.message] ?? "no message"
        return "the database refused issuance's writes (SQLSTATE \(error.serverInfo?[.sqlState] ?? "?")): \(message)"
    }
}
