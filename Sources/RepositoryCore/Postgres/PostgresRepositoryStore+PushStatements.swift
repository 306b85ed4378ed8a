import Foundation
import PostgresNIO
import SecurityPrimitives
import SyncEngine

extension PostgresRepositoryStore {
    /// Appends the statements the hub does not hold yet, in the batch's order, each with the next
    /// change number; one it holds with the same text is a duplicate, with other text a conflict
    /// kept aside (`SQLiteRepositoryStore.appendStatements`). Three statements per batch whatever
    /// its size: the insert, the look at the ids it skipped, the conflicts.
    func appendStatements(_ statements: [WireStatement], learnerID: String, origin: Int64, noteAchievements: Bool,
                          in push: PostgresPushTransaction) async throws -> SQLiteRepositoryStore.AppendedStatements {
        var appended = SQLiteRepositoryStore.AppendedStatements()
        guard !statements.isEmpty else { return appended }
        // A batch naming one id twice: the first is the statement, the second a duplicate or a
        // conflict of it (an INSERT cannot touch one row twice).
        var firstIndex: [String: Int] = [:]
        var unique: [WireStatement] = []
        for statement in statements where firstIndex[statement.id] == nil {
            firstIndex[statement.id] = unique.count
            unique.append(statement)
        }
        let ids = unique.map(\.id), texts = unique.map(\.json)
        // Volatile target-list expressions run after ORDER BY: change numbers follow the batch.
        let inserted = try await push.tx.all("""
            INSERT INTO hub_statement (hub_seq, id, learner_id, origin, json)
            SELECT nextval('hub_change_seq'), u.id, \(learnerID), \(origin), u.json
            FROM unnest(\(ids)::text[], \(texts)::text[]) WITH ORDINALITY AS u(id, json, n)
            ORDER BY u.n
            ON CONFLICT (id) DO NOTHING
            RETURNING id, hub_seq
            """, as: (String, Int64).self)
        var new = Set<String>()
        for (id, seq) in inserted {
            new.insert(id)
            push.took(seq)
        }
        appended.accepted = new.count
        if noteAchievements {
            for statement in unique where new.contains(statement.id) {
                if let activity = SQLiteRepositoryStore.achievedActivity(statement) { appended.achievedActivities.insert(activity) }
            }
        }
        let others = statements.enumerated().filter { index, statement in !new.contains(statement.id) || firstIndex[statement.id] != index }
        guard !others.isEmpty else { return appended }
        let otherIDs = Array(Set(others.map { $0.element.id }))
        var held: [String: String] = [:]
        for (id, json) in try await push.tx.all("SELECT id, json FROM hub_statement WHERE id = ANY(\(otherIDs))", as: (String, String).self) {
            held[id] = json
        }
        var conflicting: [WireStatement] = []
        for (_, statement) in others {
            if held[statement.id] == statement.json {
                appended.duplicates += 1
            } else {
                conflicting.append(statement)
                appended.conflicts.append(statement.id)
            }
        }
        if !conflicting.isEmpty {
            try await push.tx.execute("""
                INSERT INTO hub_statement_conflict (id, json_sha256, learner_id, origin, json)
                SELECT u.id, u.hash, \(learnerID), \(origin), u.json
                FROM unnest(\(conflicting.map(\.id))::text[], \(conflicting.map { SessionToken.sha256Hex($0.json) })::text[], \(conflicting.map(\.json))::text[]) AS u(id, hash, json)
                ON CONFLICT (id, json_sha256) DO NOTHING
                """)
        }
        return appended
    }
}
