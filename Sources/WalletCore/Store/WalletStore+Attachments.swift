import Foundation
import GRDB

extension WalletStore {
    /// The stored data for `hashes` that the learner's own statements are linked to, in the
    /// order of `hashes`; a hash whose data is not on this PC (a statement pulled from the
    /// repository: data does not sync) is left out.
    ///
    /// ```swift
    /// let parts = try await store.attachments(StatementAttachmentHashes.of(statement, withFileURL: false).sorted(), learnerID: id)
    /// ```
    public func attachments(_ hashes: [String], learnerID: String) async throws -> [XAPIAttachmentPart] {
        guard !hashes.isEmpty else { return [] }
        return try readNow { db in
            let fetch = try db.cachedStatement(sql: """
                SELECT a.content_type, a.data FROM attachment a
                WHERE a.sha2 = ? AND EXISTS (
                    SELECT 1 FROM statement_attachment l JOIN statement s ON s.seq = l.seq
                    WHERE l.sha2 = a.sha2 AND s.learner_id = ?)
                """)
            var parts: [XAPIAttachmentPart] = []
            for sha2 in hashes {
                guard let row = try Row.fetchOne(fetch, arguments: [sha2, learnerID]) else { continue }
                let data: Data = row["data"]
                parts.append(.stored(sha2: sha2, contentType: row["content_type"], data: Array(data)))
            }
            return parts
        }
    }
}
