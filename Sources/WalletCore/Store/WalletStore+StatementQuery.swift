import Foundation
import GRDB

extension WalletStore {
    /// Runs a statement query for one learner. Voided statements are never returned; a statement
    /// that refers (by StatementRef) to a statement matching the filters matches too, as xAPI asks.
    public func statements(matching query: StatementQuery) async throws -> StatementPage {
        try readNow { db in
            let highest = try query.highestSeq
                ?? Int64.fetchOne(db, sql: "SELECT seq FROM statement ORDER BY seq DESC LIMIT 1") ?? 0
            var sql = "SELECT s.seq, s.json, s.stored_ms FROM statement s WHERE s.learner_id = ? AND s.voided = 0 AND s.seq <= ?"
            var arguments: StatementArguments = [query.learnerID, highest]
            if query.hasMatchFilter {
                let (direct, directArgs) = Self.matchCondition(alias: "s", query: query)
                let (viaRef, viaRefArgs) = Self.matchCondition(alias: "t", query: query)
                sql += " AND ((\(direct)) OR (s.ref_target IS NOT NULL AND EXISTS (SELECT 1 FROM statement t WHERE t.id = s.ref_target AND t.learner_id = ? AND \(viaRef))))"
                arguments += directArgs
                arguments += [query.learnerID]
                arguments += viaRefArgs
            }
            if let since = query.sinceMs {
                sql += " AND s.stored_ms > ?"
                arguments += [since]
            }
            if let until = query.untilMs {
                sql += " AND s.stored_ms <= ?"
                arguments += [until]
            }
            if let after = query.afterSeq {
                sql += query.ascending ? " AND s.seq > ?" : " AND s.seq < ?"
                arguments += [after]
            }
            sql += query.ascending ? " ORDER BY s.seq ASC" : " ORDER BY s.seq DESC"
            sql += " LIMIT ?"
            arguments += [query.limit + 1]

            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            let pageRows = rows.prefix(query.limit)
            var page = StatementPage(statements: pageRows.map { $0["json"] }, lastStoredMs: nil, next: nil)
            page.lastStoredMs = pageRows.map { $0["stored_ms"] as Int64 }.max()
            if rows.count > query.limit, let last = pageRows.last {
                var next = query
                next.afterSeq = last["seq"]
                next.highestSeq = highest
                page.next = next
            }
            return page
        }
    }

    private static func matchCondition(alias a: String, query: StatementQuery) -> (String, StatementArguments) {
        var parts: [String] = []
        var arguments: StatementArguments = []
        if let verb = query.verb {
            parts.append("\(a).verb_id = ?")
            arguments += [verb]
        }
        if let registration = query.registration {
            parts.append("\(a).registration = ?")
            arguments += [registration.lowercased()]
        }
        if let activity = query.activity {
            let scope = query.relatedActivities ? "" : " AND x.related_only = 0"
            parts.append("EXISTS (SELECT 1 FROM statement_activity x WHERE x.activity_id = ? AND x.seq = \(a).seq\(scope))")
            arguments += [activity]
        }
        if let agent = query.agentKey {
            let scope = query.relatedAgents ? "" : " AND y.related_only = 0"
            parts.append("EXISTS (SELECT 1 FROM statement_agent y WHERE y.agent_key = ? AND y.seq = \(a).seq\(scope))")
            arguments += [agent]
        }
        return (parts.joined(separator: " AND "), arguments)
    }
}
