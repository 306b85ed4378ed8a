import PostgresNIO

extension PostgresRepositoryStore {
    /// Removes batch log entries and witness marks older than the retention allows, a chunk per
    /// transaction (`SQLiteRepositoryStore.prune`). Any instance may run it; two at once delete
    /// disjoint rows or nothing.
    public func prune() async throws -> PruneReport {
        let now = nowMs()
        var report = PruneReport()
        let batchCutoff = now - Int64(retention.batchLogDays) * 86_400_000
        report.batchLogEntries = try await deleteInChunks { tx in
            try await tx.changes("""
                DELETE FROM hub_batch_log WHERE (device, batch) IN
                  (SELECT device, batch FROM hub_batch_log WHERE created_ms < \(batchCutoff) LIMIT \(SQLiteRepositoryStore.pruneChunk))
                """)
        }
        let markCutoff = now - Int64(retention.witnessDays) * 86_400_000
        // The newest mark is the head: it stays whatever its age.
        report.witnessMarks = try await deleteInChunks { tx in
            let deleted = try await tx.changes("""
                DELETE FROM hub_head WHERE seq IN (SELECT seq FROM hub_head WHERE created_ms < \(markCutoff)
                  AND seq < (SELECT MAX(seq) FROM hub_head) ORDER BY seq LIMIT \(SQLiteRepositoryStore.pruneChunk))
                """)
            if deleted > 0 {
                // Witnesses below the oldest kept mark can no longer be checked (`showsRollback`).
                try await tx.execute("""
                    UPDATE hub_meta SET marks_kept_from = GREATEST(marks_kept_from, COALESCE((SELECT MIN(seq) FROM hub_head), 0))
                    """)
            }
            return deleted
        }
        return report
    }

    private func deleteInChunks(_ chunk: @escaping @Sendable (PostgresTransaction) async throws -> Int) async throws -> Int {
        var total = 0
        while true {
            let deleted = try await database.transaction { tx in try await chunk(tx) }
            total += deleted
            if deleted < SQLiteRepositoryStore.pruneChunk { return total }
        }
    }
}
