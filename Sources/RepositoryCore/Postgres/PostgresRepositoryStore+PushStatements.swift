import Foundation
import PostgresNIO
import SecurityPrimitives
import SyncEngine

extension PostgresRepositoryStore {
    /// Appends the statements the hub does not hold yet, in the batch's order, each with the next
    /// change number; one it holds with the same text is a duplicate, with other text a conflict
    /// kept aside (`SQLiteRepositoryStore.appendStatements`). The ids already held are looked up
    /// first, so only new statements take numbers and the numbering has no gaps (the same
    /// numbers as the SQLite store and the reference hub for the same pushes). A few statements
    /// per batch whatever its size.
    func appendStatements(_ statements: [WireStatement], learnerID: String, origin: Int64, noteAchievements: Bool,
                          in push: PostgresPushTransaction) async throws -> SQLiteRepositoryStore.AppendedStatements {
        var appended = SQLiteRepositoryStore.AppendedStatements()
        guard !statements.isEmpty else { return appended }
        let tx = push.tx
        let ids = Array(Set(statements.map(\.id)))
        var held: [String: String] = [:]
        for (id, json) in try await tx.all("SELECT id, json FROM hub_statement WHERE id = ANY(\(ids))", as: (String, String).self) {
            held[id] = json
        }
        // The first statement of each new id, in batch order (a batch naming an id twice: the
        // second is then a duplicate or a conflict of the first).
        var fresh: [WireStatement] = []
        var freshIDs = Set<String>()
        for statement in statements where held[statement.id] == nil && freshIDs.insert(statement.id).inserted {
            fresh.append(statement)
        }
        var inserted = Set<String>()
        if !fresh.isEmpty {
            // Volatile target-list expressions run after ORDER BY: numbers follow the batch.
            let rows = try await tx.all("""
                INSERT INTO hub_statement (hub_seq, id, learner_id, origin, json)
                SELECT nextval('hub_change_seq'), u.id, \(learnerID), \(origin), u.json
                FROM unnest(\(fresh.map(\.id))::text[], \(fresh.map(\.json))::text[]) WITH ORDINALITY AS u(id, json, n)
                ORDER BY u.n
                ON CONFLICT (id) DO NOTHING
                RETURNING id, hub_seq
                """, as: (String, Int64).self)
            for (id, seq) in rows {
                inserted.insert(id)
                push.took(seq)
            }
            // Another learner's push stored one of these ids in between: read what it stored.
            let raced = fresh.map(\.id).filter { !inserted.contains($0) }
            if !raced.isEmpty {
                for (id, json) in try await tx.all("SELECT id, json FROM hub_statement WHERE id = ANY(\(raced))", as: (String, String).self) {
                    held[id] = json
                }
            }
        }
        var conflicting: [WireStatement] = []
        for statement in statements {
            if inserted.remove(statement.id) != nil {
                appended.accepted += 1
                held[statement.id] = statement.json
                if noteAchievements, let activity = SQLiteRepositoryStore.achievedActivity(statement) { appended.achievedActivities.insert(activity) }
            } else if held[statement.id] == statement.json {
                appended.duplicates += 1
            } else {
                conflicting.append(statement)
                appended.conflicts.append(statement.id)
            }
        }
        if !conflicting.isEmpty {
            try await tx.execute("""
                INSERT INTO hub_statement_conflict (id, json_sha256, learner_id, origin, json)
                SELECT u.id, u.hash, \(learnerID), \(origin), u.json
                FROM unnest(\(conflicting.map(\.id))::text[], \(conflicting.map { SessionToken.sha256Hex($0.json) })::text[],
                            \(conflicting.map(\.json))::text[]) AS u(id, hash, json)
                ON CONFLICT (id, json_sha256) DO NOTHING
                """)
        }
        return appended
    }
}
