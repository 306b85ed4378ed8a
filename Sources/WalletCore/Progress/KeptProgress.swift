import Credentials
import Foundation
import GRDB
import WalletAPI
import Basics

/// The progress walletd keeps, so a view reads a few rows instead of every statement the learner
/// ever made (issue 14). Its tables are written in the transaction that stores a statement — on this
/// PC or pulled, in any order — and never outside one:
///
/// - `activity_tally`: per learner and Activity, the `ActivityTally` of their active statements
///   about it, and `tally_statement` the statements it counts. Adding is order-free, so a new
///   statement is added to the row; a voided one cannot be subtracted (a maximum does not undo),
///   so that one row is tallied again from its remaining statements: bounded by what the learner
///   did on that Activity, not by their history.
/// - `outcome_evidence`: per learner and outcome, the statements that may achieve it: their own
///   passed or completed statement about the outcome's Activity (kind 0, what a self-assessed
///   course counts), and attestations whose pass, learner and signature were checked once here
///   (kind 1). Whether an attestation counts — the catalog's course, the trust list's assessors,
///   the learner's DID — is asked when the view is read (`WalletStore.courseProgress`), so a
///   catalog or trust-list change needs no rewrite and re-evaluates only the outcomes shown.
///
/// `ProgressDerivation` and `CourseProgressDerivation` from all statements stay the reference:
/// `walletd check` and `KeptProgressPropertyTests` compare the two.
///
/// ```swift
/// // inside the transaction that stored `statement` (neither voided nor voiding) as `seq`:
/// try KeptProgress.add(statement, seq: seq, learnerID: learnerID, db: db)
/// ```
enum KeptProgress {
    static let schema = """
        CREATE TABLE activity_tally (
            id INTEGER PRIMARY KEY,
            learner_id TEXT NOT NULL,
            activity_id TEXT NOT NULL,
            statements INTEGER NOT NULL,
            completed INTEGER NOT NULL,
            passed INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            best_scaled REAL,
            latest TEXT,
            name TEXT,
            name_moment TEXT,
            UNIQUE (learner_id, activity_id)
        );
        -- The active statements each tally counts: a void re-tallies from these alone.
        CREATE TABLE tally_statement (
            tally_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (tally_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE outcome_evidence (
            learner_id TEXT NOT NULL,
            outcome_id TEXT NOT NULL,
            kind INTEGER NOT NULL CHECK (kind IN (0, 1)),
            statement_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            course_id TEXT,
            learner_did TEXT,
            assessor_did TEXT,
            PRIMARY KEY (learner_id, outcome_id, kind, statement_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX outcome_evidence_seq ON outcome_evidence(seq);
        """

    enum Kind: Int { case ownAchievement = 0, attestation = 1 }

    /// A statement just stored that counts (neither voided nor voiding).
    static func add(_ statement: JSONValue, seq: Int64, learnerID: String, db: Database) throws {
        if let object = statement["object"], let activity = XAPI.activityID(of: object) {
            var tally = try tally(learnerID: learnerID, activityID: activity, db: db) ?? ActivityTally()
            tally.add(statement, object: object)
            let id = try store(tally, learnerID: learnerID, activityID: activity, db: db)
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO tally_statement (tally_id, seq) VALUES (?, ?)").execute(arguments: [id, seq])
        }
        try addEvidence(statement, seq: seq, learnerID: learnerID, db: db)
    }

    /// The statement stored as `seq` (`statement`, as stored) was just voided: its effect goes.
    /// Its Activity is tallied again from that tally's remaining statements: bounded by what the
    /// learner did on that one Activity.
    static func remove(_ statement: JSONValue, seq: Int64, learnerID: String, db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM outcome_evidence WHERE seq = ?").execute(arguments: [seq])
        guard let object = statement["object"], let activity = XAPI.activityID(of: object),
              let tallyID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM activity_tally WHERE learner_id = ? AND activity_id = ?"),
                                               arguments: [learnerID, activity])
        else { return }
        try db.cachedStatement(sql: "DELETE FROM tally_statement WHERE tally_id = ? AND seq = ?").execute(arguments: [tallyID, seq])
        let rows = try String.fetchCursor(db.cachedStatement(sql: """
            SELECT s.json FROM tally_statement t JOIN statement s ON s.seq = t.seq WHERE t.tally_id = ?
            """), arguments: [tallyID])
        var tally = ActivityTally()
        while let json = try rows.next() {
            guard let counted = try? JSONValue(data: Data(json.utf8)), let object = counted["object"] else { continue }
            tally.add(counted, object: object)
        }
        if tally.count == 0 {
            try db.cachedStatement(sql: "DELETE FROM activity_tally WHERE id = ?").execute(arguments: [tallyID])
        } else {
            try store(tally, learnerID: learnerID, activityID: activity, db: db)
        }
    }

    /// Builds the kept tables from the statements already stored (the migration that introduced
    /// them). One learner's tallies in memory at a time (bounded by their number of Activities and
    /// counted statements' seqs, not by their JSON).
    static func rebuild(db: Database) throws {
        try db.execute(sql: "DELETE FROM activity_tally; DELETE FROM tally_statement; DELETE FROM outcome_evidence;")
        let learners = try String.fetchAll(db, sql: "SELECT DISTINCT learner_id FROM statement")
        for learnerID in learners {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT seq, json FROM statement WHERE learner_id = ? AND voided = 0 AND is_voiding = 0 ORDER BY seq
                """, arguments: [learnerID])
            var tallies: [String: (tally: ActivityTally, seqs: [Int64])] = [:]
            while let row = try rows.next() {
                let json: String = row["json"]
                guard let statement = try? JSONValue(data: Data(json.utf8)) else { continue }
                let seq: Int64 = row["seq"]
                if let object = statement["object"], let activity = XAPI.activityID(of: object) {
                    tallies[activity, default: (ActivityTally(), [])].tally.add(statement, object: object)
                    tallies[activity]?.seqs.append(seq)
                }
                try addEvidence(statement, seq: seq, learnerID: learnerID, db: db)
            }
            let member = try db.cachedStatement(sql: "INSERT INTO tally_statement (tally_id, seq) VALUES (?, ?)")
            for (activity, kept) in tallies {
                let id = try store(kept.tally, learnerID: learnerID, activityID: activity, db: db)
                for seq in kept.seqs { try member.execute(arguments: [id, seq]) }
            }
        }
    }

    /// A forgotten learner's kept progress goes with their statements.
    static func forget(learnerID: String, db: Database) throws {
        try db.execute(sql: "DELETE FROM tally_statement WHERE tally_id IN (SELECT id FROM activity_tally WHERE learner_id = ?)",
                       arguments: [learnerID])
        try db.execute(sql: "DELETE FROM activity_tally WHERE learner_id = ?", arguments: [learnerID])
        try db.execute(sql: "DELETE FROM outcome_evidence WHERE learner_id = ?", arguments: [learnerID])
    }

    private static func addEvidence(_ statement: JSONValue, seq: Int64, learnerID: String, db: Database) throws {
        let statementID = statement["id"]?.stringValue ?? ""
        if let object = statement["object"], let activity = XAPI.activityID(of: object),
           CourseEvidence.isAchievement(statement), CourseEvidence.isLearnersOwn(statement, learnerID: learnerID) {
            try insertEvidence(learnerID: learnerID, outcome: activity, kind: .ownAchievement, statementID: statementID, seq: seq, db: db)
        }
        if let signed = CourseEvidence.signedAttestation(in: statement, learnerID: learnerID) {
            try insertEvidence(learnerID: learnerID, outcome: signed.outcome, kind: .attestation, statementID: statementID, seq: seq,
                               signed: signed, db: db)
        }
    }

    private static func insertEvidence(learnerID: String, outcome: String, kind: Kind, statementID: String, seq: Int64,
                                       signed: CourseEvidence.SignedAttestation? = nil, db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO outcome_evidence (learner_id, outcome_id, kind, statement_id, seq, course_id, learner_did, assessor_did)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [learnerID, outcome, kind.rawValue, statementID, seq, signed?.course, signed?.learnerDID, signed?.assessorDID])
    }

    static func tally(learnerID: String, activityID: String, db: Database) throws -> ActivityTally? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT statements, completed, passed, failed, best_scaled, latest, name, name_moment
            FROM activity_tally WHERE learner_id = ? AND activity_id = ?
            """), arguments: [learnerID, activityID]).map(tally(from:))
    }

    static func tally(from row: Row) -> ActivityTally {
        ActivityTally(stored: .init(count: row["statements"], completed: row["completed"], passed: row["passed"], failed: row["failed"],
                                    bestScaled: row["best_scaled"], latest: row["latest"], name: row["name"], nameMoment: row["name_moment"]))
    }

    /// Writes the tally and returns its row id.
    @discardableResult
    private static func store(_ tally: ActivityTally, learnerID: String, activityID: String, db: Database) throws -> Int64 {
        let kept = tally.stored
        return try Int64.fetchOne(db.cachedStatement(sql: """
            INSERT INTO activity_tally (learner_id, activity_id, statements, completed, passed, failed, best_scaled, latest, name, name_moment)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (learner_id, activity_id) DO UPDATE SET statements = excluded.statements, completed = excluded.completed,
              passed = excluded.passed, failed = excluded.failed, best_scaled = excluded.best_scaled, latest = excluded.latest,
              name = excluded.name, name_moment = excluded.name_moment
            RETURNING id
            """), arguments: [learnerID, activityID, kept.count, kept.completed, kept.passed, kept.failed, kept.bestScaled,
                              kept.latest, kept.name, kept.nameMoment]) ?? 0
    }
}
