import PostgresNIO

extension PostgresRepositoryStore {
    public func importCatalog(json: String, version: String, nowMs: Int64) async throws {
        try await database.transaction { tx in
            // The trust list names the catalog's awarding bodies: a new catalog may change them.
            let current = try await tx.optional("SELECT version FROM catalog FOR UPDATE", as: String.self)
            if current != version {
                try await tx.execute("UPDATE hub_meta SET trust_version = trust_version + 1")
            }
            try await tx.execute("""
                INSERT INTO catalog (singleton, version, json, imported_ms) VALUES (1, \(version), \(json), \(nowMs))
                ON CONFLICT (singleton) DO UPDATE SET version = excluded.version, json = excluded.json, imported_ms = excluded.imported_ms
                """)
        }
    }

    public func catalog() async throws -> (version: String, json: String)? {
        try await database.read { tx in
            try await tx.optional("SELECT version, json FROM catalog", as: (String, String).self).map { (version: $0.0, json: $0.1) }
        }
    }

    /// The counters of `repositoryd stats`. Received and duplicate statements are sums of the
    /// per-push rows; the change sequence is the newest committed witness mark.
    public func stats() async throws -> RepositoryStats {
        try await database.read { tx in
            let counts = try await tx.one("""
                SELECT COALESCE(SUM(received), 0)::bigint, COALESCE(SUM(duplicate), 0)::bigint, COALESCE(SUM(batches), 0)::bigint,
                       COALESCE(SUM(replayed), 0)::bigint FROM hub_push_count
                """, as: (Int64, Int64, Int64, Int64).self)
            let sizes = try await tx.one("""
                SELECT (SELECT COUNT(*) FROM hub_statement), (SELECT COUNT(*) FROM hub_statement_conflict), (SELECT COUNT(*) FROM hub_record),
                       (SELECT COUNT(*) FROM hub_record_history), (SELECT COUNT(*) FROM learner), (SELECT COUNT(*) FROM device)
                """, as: (Int64, Int64, Int64, Int64, Int64, Int64).self)
            return RepositoryStats(
                statementsStored: Int(sizes.0), statementsReceived: Int(counts.0), statementsDuplicate: Int(counts.1),
                statementConflicts: Int(sizes.1), batches: Int(counts.2), batchesReplayed: Int(counts.3),
                records: Int(sizes.2), recordVersions: Int(sizes.3), learners: Int(sizes.4), devices: Int(sizes.5),
                changeSequence: try await Self.head(tx).seq,
                catalogVersion: try await tx.optional("SELECT version FROM catalog", as: String.self))
        }
    }
}
