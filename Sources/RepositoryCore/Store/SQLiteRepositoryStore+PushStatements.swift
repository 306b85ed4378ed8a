import Credentials
import Foundation
import GRDB
import SyncEngine
import Basics

extension SQLiteRepositoryStore {
    /// What appending a batch's statements came to: the numbers of the push's answer, and the
    /// activities its new statements achieve (only they can complete a course).
    struct AppendedStatements {
        var accepted = 0
        var duplicates = 0
        var conflicts: [String] = []
        var achievedActivities = Set<String>()
    }

    /// Appends the statements the hub does not hold yet, each with the next change sequence
    /// number. One it holds with the same text is a duplicate; with other text a conflict, kept
    /// aside and reported, never overwriting the first. `noteAchievements` (a store that issues)
    /// also collects the activities new statements achieve.
    static func appendStatements(_ statements: [WireStatement], learnerID: String, origin: Int64, noteAchievements: Bool,
                                 in transaction: SQLitePushTransaction) throws -> AppendedStatements {
        let db = transaction.db
        var appended = AppendedStatements()
        let insert = try db.cachedStatement(sql: "INSERT INTO hub_statement (hub_seq, id, learner_id, origin, json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")
        let existing = try db.cachedStatement(sql: "SELECT json FROM hub_statement WHERE id = ?")
        for statement in statements {
            let seq = transaction.changeSeq + 1
            try insert.execute(arguments: [seq, statement.id, learnerID, origin, statement.json])
            if db.changesCount > 0 {
                transaction.changeSeq = seq
                appended.accepted += 1
                if noteAchievements, let activity = achievedActivity(statement) { appended.achievedActivities.insert(activity) }
                continue
            }
            if try String.fetchOne(existing, arguments: [statement.id]) == statement.json {
                appended.duplicates += 1
            } else {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO hub_statement_conflict (id, learner_id, origin, json) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [statement.id, learnerID, origin, statement.json])
                appended.conflicts.append(statement.id)
            }
        }
        return appended
    }

    /// The activity a statement achieves (passed or completed, as `CourseEvidence` reads it), or
    /// nil. A cheap look at the text first: most statements are not achievements and are not parsed.
    /// Those that may be are read only as far as the decision needs
    /// (`CourseEvidence.achievementProjection`): the whole tree of each was 13 % of
    /// repositoryd's CPU in a push of wallet-bench's statements, 40 % of which pass the byte search.
    static let achievementMarkers = ["verbs/passed", "verbs/completed", "\"success\":true", "\"completion\":true"]

    static func achievedActivity(_ statement: WireStatement) -> String? {
        let text = statement.json
        guard UTF8Search.containsAny(Self.achievementMarkers, in: text),
              let value = try? JSONValue.parse(text, keeping: CourseEvidence.achievementProjection), CourseEvidence.isAchievement(value),
              let object = value["object"]
        else { return nil }
        return XAPI.activityID(of: object)
    }
}
