import GRDB

/// Pruning by `RepositoryRetention`: record versions as they arrive (in the push), the batch log
/// and the witness marks by age, in small transactions so a push never waits long behind it.
extension SQLiteRepositoryStore {
    static let pruneChunk = 5_000

    /// Removes batch log entries and witness marks older than the retention allows.
    public func prune() throws -> PruneReport {
        let now = nowMs()
        var report = PruneReport()
        let batchCutoff = now - Int64(retention.batchLogDays) * 86_400_000
        report.batchLogEntries = try deleteInChunks(sql: """
            DELETE FROM hub_batch_log WHERE (device, batch) IN
              (SELECT device, batch FROM hub_batch_log WHERE created_ms < ? LIMIT \(Self.pruneChunk))
            """, cutoff: batchCutoff)
        let markCutoff = now - Int64(retention.witnessDays) * 86_400_000
        report.witnessMarks = try deleteInChunks(sql: """
            DELETE FROM hub_head WHERE seq IN (SELECT seq FROM hub_head WHERE created_ms < ? ORDER BY seq LIMIT \(Self.pruneChunk))
            """, cutoff: markCutoff) { db in
            // Witnesses below the oldest kept mark can no longer be checked (`showsRollback`).
            try db.execute(sql: """
                UPDATE hub_meta SET marks_kept_from = max(marks_kept_from, COALESCE((SELECT MIN(seq) FROM hub_head), change_seq + 1))
                """)
        }
        return report
    }

    private func deleteInChunks(sql: String, cutoff: Int64, after: ((Database) throws -> Void)? = nil) throws -> Int {
        var total = 0
        while true {
            let deleted = try pool.write { db in
                try db.execute(sql: sql, arguments: [cutoff])
                let count = db.changesCount
                if count > 0 { try after?(db) }
                return count
            }
            total += deleted
            if deleted < Self.pruneChunk { return total }
        }
    }
}
