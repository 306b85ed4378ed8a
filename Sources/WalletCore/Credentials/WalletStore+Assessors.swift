import Credentials
import GRDB

extension WalletStore {
    /// The assessors the repository's trust list, as this PC last fetched it, registers with each
    /// awarding body; none before the first trust list (or when the kept one cannot be read), so
    /// no supervised outcome counts as achieved until one is here.
    ///
    /// ```swift
    /// let assessors = try store.registeredAssessors()
    /// let courses = CourseProgressDerivation.derive(catalog: catalog, statements: statements, learnerID: id,
    ///                                               learnerDID: did, assessors: assessors)
    /// ```
    public func registeredAssessors() throws -> [RegisteredAssessor] {
        // The list itself is read and parsed only when it changed since the last view.
        let key = try readNow { db in
            try Row.fetchOne(db, sql: "SELECT anchor, version, fetched_ms, length(json) AS size FROM trust_list").map { row -> String in
                "\(row["anchor"] as String) \(row["version"] as Int64) \(row["fetched_ms"] as Int64) \(row["size"] as Int64)"
            }
        }
        guard let key else { return [] }
        return try parsedDocuments.assessors(key: key) {
            guard let held = try trustList(), let trust = try? TrustListContent(json: held.list.json) else { return [] }
            return trust.registeredAssessors
        }
    }
}
