import Foundation
import GRDB
import Basics

extension WalletStore {
    /// Stores statements an AU sent with its launch's auth token, under the cmi5 rules, all or
    /// nothing, in one transaction: reads the session's state and the registration's completed
    /// and passed facts, runs `Cmi5SessionRules` over the batch in order (a refusal throws
    /// `Cmi5Refusal` with the statement's position, and nothing is stored), stores the batch
    /// through the normal insert with `authority`, moves the session on (initialized, verbs,
    /// terminated, its idle deadline) and writes the satisfied statements the batch earned.
    ///
    /// A statement whose id is already stored is left to the insert (the same one again changes
    /// nothing; a different one is a conflict), so a content's retry is not refused as a repeat.
    ///
    /// ```swift
    /// let ids = try await store.insertCmi5Statements(batch, sessionID: session.launch.sessionID,
    ///                                                authority: agent, version: "2.0.0", nowMs: now)
    /// ```
    public func insertCmi5Statements(_ statements: [JSONValue], sessionID: String, authority: JSONValue, version: String,
                                     policy: Cmi5SessionPolicy = .standard, nowMs: Int64,
                                     attachments: [XAPIAttachmentPart] = []) async throws -> [String] {
        let parts = Dictionary(attachments.map { ($0.sha2, $0) }, uniquingKeysWith: { first, _ in first })
        return try writeNow { db in
            guard let found = try Self.cmi5Session(where: "s.session_id = ?", sessionID, db: db) else {
                throw Cmi5Refusal(.forbidden, "This launch session is not known here; launch the unit again.")
            }
            let (session, row) = found
            let launch = session.launch
            if (row["expires_ms"] as Int64) <= nowMs && !session.state.abandoned && !session.state.terminated {
                throw Cmi5Refusal(.forbidden, "This launch session expired; launch the unit again.")
            }
            var state = session.state
            let facts = try Self.cmi5Facts(learnerID: launch.learnerID, registration: launch.registration, db: db)
            let unitFacts = facts.units[launch.activityID] ?? .init()
            state.completedInRegistration = unitFacts.completed
            state.passedInRegistration = unitFacts.passed
            for (position, statement) in statements.enumerated() {
                if let id = statement["id"]?.stringValue,
                   try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM statement WHERE id = ?)", arguments: [id.lowercased()]) == true {
                    continue
                }
                switch Cmi5SessionRules.accept(statement, launch: launch, state: state) {
                case .success(let next): state = next
                case .failure(var refusal):
                    refusal.position = position
                    throw refusal
                }
            }
            let ids = try Self.insert(StatementWrite(statements: statements, learnerID: launch.learnerID, authority: authority,
                                                     version: version, nowMs: nowMs, attachments: parts), db: db)
            // The same result about the learning outcome the AU teaches (`Cmi5OutcomeStatement`);
            // one already stored (a re-sent batch) is left as it is.
            let outcomes = statements.compactMap { Cmi5OutcomeStatement.make(for: $0, launch: launch) }.filter { outcome in
                guard let id = outcome["id"]?.stringValue else { return false }
                return (try? Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM statement WHERE id = ?)", arguments: [id])) != true
            }
            if !outcomes.isEmpty {
                _ = try Self.insert(StatementWrite(statements: outcomes, learnerID: launch.learnerID, authority: authority,
                                                   version: version, nowMs: nowMs), db: db)
            }
            let createdMs: Int64 = row["created_ms"]
            try db.execute(sql: """
                UPDATE cmi5_session SET initialized = ?, verbs = ?, last_ms = ?, expires_ms = max(expires_ms, ?),
                                        terminated_ms = COALESCE(terminated_ms, ?)
                WHERE session_id = ?
                """, arguments: [state.initialized, state.sessionVerbs.sorted().joined(separator: " "), nowMs,
                                 min(nowMs + policy.idleMs, createdMs + policy.maxMs), state.terminated ? nowMs : nil, sessionID])
            try Self.writeSatisfied(launch, nowMs: nowMs, db: db)
            return ids
        }
    }

    /// What a registration holds: per AU (by its generated activity id) completed and passed, and the generated
    /// block and course ids that already have a satisfied statement. From the learner's stored
    /// statements (not voided), so another PC's, once synced, count too.
    static func cmi5Facts(learnerID: String, registration: String, db: Database)
        throws -> (units: [String: Cmi5Satisfaction.UnitFacts], satisfied: Set<String>) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.verb_id, a.activity_id FROM statement s JOIN statement_activity a ON a.seq = s.seq AND a.related_only = 0
            WHERE s.learner_id = ? AND s.registration = ? AND s.voided = 0 AND s.verb_id IN (?, ?, ?)
            """, arguments: [learnerID, registration.lowercased(), Cmi5.Verb.completed, Cmi5.Verb.passed, Cmi5.Verb.satisfied])
        var byActivity: [String: Cmi5Satisfaction.UnitFacts] = [:]
        var satisfied = Set<String>()
        for row in rows {
            let verb: String = row["verb_id"], activity: String = row["activity_id"]
            switch verb {
            case Cmi5.Verb.completed: byActivity[activity, default: .init()].completed = true
            case Cmi5.Verb.passed: byActivity[activity, default: .init()].passed = true
            default: satisfied.insert(activity)
            }
        }
        return (byActivity, satisfied)
    }

    /// Writes a satisfied statement for every block and the course of the launch's course that
    /// the registration now satisfies and that has none yet (9.3: not twice per object in a
    /// registration), with the launch's session id (9.3.9).
    static func writeSatisfied(_ launch: Cmi5Launch, nowMs: Int64, db: Database) throws {
        let facts = try cmi5Facts(learnerID: launch.learnerID, registration: launch.registration, db: db)
        var units: [String: Cmi5Satisfaction.UnitFacts] = [:]
        for unit in launch.course.units {
            units[unit.id] = facts.units[Cmi5ActivityIDs.unit(unit.id, course: launch.course.id)]
        }
        let earned = Cmi5Satisfaction.satisfied(launch.course, facts: units).filter { !facts.satisfied.contains($0.activityID) }
        guard !earned.isEmpty else { return }
        try insertAsLMS(earned.map { Cmi5LMSStatements.satisfied(launch, objectID: $0.activityID, isCourse: $0.isCourse, nowMs: nowMs) },
                        learnerID: launch.learnerID, nowMs: nowMs, db: db)
    }
}
