import Credentials
import GRDB

extension SQLiteRepositoryStore {
    /// Issuance for one learner inside the push's transaction, in a savepoint: when it fails
    /// (a key file unreadable, a list full) its writes and the sequence numbers it took are
    /// undone and the failure reported, and the push itself still applies — a PC must not be kept
    /// from syncing by the repository's own trouble. A busy, failing or full database fails the
    /// whole push instead: the push could not be kept either.
    static func issueCredentials(authority: CredentialAuthority, learnerID: String, touched: Set<String>, everyCourse: Bool,
                                 in transaction: SQLitePushTransaction) throws -> [CredentialEvent] {
        let issuer = CredentialIssuer(authority: authority, replica: transaction.hubReplica)
        let sequenceBefore = transaction.changeSeq
        var events: [CredentialEvent] = []
        do {
            try transaction.db.inSavepoint {
                events = try issuer.run(transaction, learnerID: learnerID, touched: touched, everyCourse: everyCourse, nowMs: transaction.nowMs)
                return .commit
            }
            return events
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_IOERR || error.resultCode == .SQLITE_FULL {
            throw error
        } catch {
            transaction.changeSeq = sequenceBefore
            return [.failed(learner: learnerID, reason: "\(error)")]
        }
    }
}
