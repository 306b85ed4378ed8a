import Foundation
import GRDB
import Basics
import SecurityPrimitives

/// What a new launch gives the page that launches it.
///
/// ```swift
/// let ticket = try await store.createCmi5Launch(learnerID: ana.id, course: course, unitID: au.id, urls: urls, nowMs: now)
/// redirect(to: ticket.launchURL)
/// ```
public struct Cmi5LaunchTicket: Sendable, Equatable {
    public var launch: Cmi5Launch
    /// The fetch URL's one-time secret (already inside `launchURL`'s `fetch`).
    public var fetchID: String
    /// The AU's URL with endpoint, fetch, actor, registration and activityId (cmi5 8.1).
    public var launchURL: String
    /// Sessions of the registration this launch abandoned (cmi5 9.3.6).
    public var abandonedSessions: [String]
}

/// The URLs a launch names, all chosen by whoever serves the content (the loopback listener).
public struct Cmi5LaunchURLs: Sendable, Equatable {
    /// Where the AU is served, absolute (`http://127.0.0.1:8080/content/PACKAGE/index.html`).
    public var unit: String
    /// The xAPI endpoint, ending in `/` (`http://127.0.0.1:8080/xapi/`).
    public var endpoint: String
    /// The fetch URL without its secret; the secret is appended (`http://127.0.0.1:8080/cmi5/fetch/`).
    public var fetchPrefix: String
    /// Where the AU sends the learner when it ends (`LMS.LaunchData` returnURL), if anywhere.
    public var returnURL: String?

    public init(unit: String, endpoint: String, fetchPrefix: String, returnURL: String? = nil) {
        self.unit = unit
        self.endpoint = endpoint
        self.fetchPrefix = fetchPrefix
        self.returnURL = returnURL
    }
}

/// A launch session as an auth token resolves it: who, which AU, which registration and session.
public struct Cmi5LaunchSession: Sendable, Equatable {
    public var launch: Cmi5Launch
    public var learnerName: String
    public var state: Cmi5SessionState
}

public enum Cmi5LaunchError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownLearner(String)
    case unknownUnit(String)

    public var description: String {
        switch self {
        case .unknownLearner(let id): "No learner \(id) on this PC."
        case .unknownUnit(let id): "The course has no assignable unit \(id)."
        }
    }
}

extension WalletStore {
    /// Creates a launch (cmi5 8.1, 9.3.1, 10): reuses the learner's registration of the course if
    /// they have one (found from their `launched` statements, so it follows them to other PCs),
    /// else makes one; abandons the registration's sessions still open; writes `LMS.LaunchData`,
    /// the `launched` statement and any satisfied statement the registration already earns (a
    /// course of NotApplicable units, 9.6.1), all in one transaction.
    public func createCmi5Launch(learnerID: String, course: Cmi5Course, unitID: String, urls: Cmi5LaunchURLs,
                                 policy: Cmi5SessionPolicy = .standard, nowMs: Int64) async throws -> Cmi5LaunchTicket {
        guard let unit = course.unit(id: unitID) else { throw Cmi5LaunchError.unknownUnit(unitID) }
        let fetchID = SessionToken.generate()
        let courseJSON = String(decoding: try JSONEncoder().encode(course), as: UTF8.self)
        return try writeNow { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM learner WHERE id = ?)", arguments: [learnerID]) == true else {
                throw Cmi5LaunchError.unknownLearner(learnerID)
            }
            let registration = try Self.cmi5Registration(learnerID: learnerID, course: course, db: db) ?? UUID().uuidString.lowercased()
            let abandoned = try Self.abandonOpenSessions(learnerID: learnerID, registration: registration, nowMs: nowMs, db: db)
            let launch = Cmi5Launch(sessionID: UUID().uuidString.lowercased(), learnerID: learnerID, registration: registration, course: course, unit: unit)
            let fetchURL = urls.fetchPrefix + fetchID.text
            try db.execute(sql: """
                INSERT INTO cmi5_session (session_id, learner_id, registration, course_json, unit_id, launch_mode, fetch_hash,
                                          created_ms, expires_ms, last_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [launch.sessionID, learnerID, registration, courseJSON, unit.id, launch.launchMode, fetchID.storageHash,
                                 nowMs, nowMs + min(policy.idleMs, policy.maxMs), nowMs])
            let launchData = launch.launchData(returnURL: urls.returnURL).encoded()
            try Self.store(XAPIDocument(content: launchData, contentType: "application/json", updatedMs: nowMs),
                           key: .state(learnerID: learnerID, activityID: launch.activityID, registration: registration, stateID: Cmi5.launchDataStateID), db: db)
            try Self.insertAsLMS([Cmi5LMSStatements.launched(launch, launchURL: urls.unit, nowMs: nowMs)], learnerID: learnerID, nowMs: nowMs, db: db)
            try Self.writeSatisfied(launch, nowMs: nowMs, db: db)
            return Cmi5LaunchTicket(launch: launch, fetchID: fetchID.text,
                                    launchURL: launch.launchURL(unitURL: urls.unit, endpoint: urls.endpoint, fetch: fetchURL),
                                    abandonedSessions: abandoned)
        }
    }

    /// The first POST to a fetch URL gives the auth token; any later one, or one for a session that
    /// ended, error 1; an unknown one error 2 (cmi5 8.2). Only the token's SHA-256 is kept.
    public func answerCmi5Fetch(fetchID: String, policy: Cmi5SessionPolicy = .standard, nowMs: Int64) async throws -> Cmi5FetchAnswer {
        let secret = SessionToken(text: fetchID)
        guard secret.isWellFormed else { return .unknown }
        return try writeNow { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT session_id, token_hash, expires_ms, terminated_ms, abandoned FROM cmi5_session WHERE fetch_hash = ?
                """, arguments: [secret.storageHash]) else { return .unknown }
            if (row["token_hash"] as String?) != nil { return .alreadyReturned }
            let ended = (row["abandoned"] as Bool) || (row["terminated_ms"] as Int64?) != nil || (row["expires_ms"] as Int64) <= nowMs
            if ended { return .expired }
            let token = SessionToken.generate()
            try db.execute(sql: "UPDATE cmi5_session SET token_hash = ? WHERE session_id = ?",
                           arguments: [token.storageHash, row["session_id"] as String])
            return .token(Self.authToken(secret: token.text))
        }
    }

    /// The launch session an `Authorization: Basic <auth-token>` names, or nil when the token is
    /// unknown, its session was abandoned or expired, or it ended with terminated more than
    /// `policy.afterTerminatedMs` ago. `authToken` is the text after `Basic `.
    public func cmi5Session(authToken: String, policy: Cmi5SessionPolicy = .standard, nowMs: Int64) async throws -> Cmi5LaunchSession? {
        guard let secret = Self.secret(ofAuthToken: authToken) else { return nil }
        return try readNow { db in
            guard let session = try Self.cmi5Session(where: "s.token_hash = ?", secret.storageHash, db: db) else { return nil }
            let row = session.row
            if session.value.state.abandoned || (row["expires_ms"] as Int64) <= nowMs { return nil }
            if let terminated = row["terminated_ms"] as Int64?, terminated + policy.afterTerminatedMs <= nowMs { return nil }
            return session.value
        }
    }

    /// Abandons every open session whose time ran out (cmi5 9.3.6): the page or a timer calls
    /// this now and then. Answers the session ids.
    public func abandonExpiredCmi5Sessions(nowMs: Int64) async throws -> [String] {
        try writeNow { db in
            let ids = try String.fetchAll(db, sql: """
                SELECT session_id FROM cmi5_session WHERE terminated_ms IS NULL AND abandoned = 0 AND expires_ms <= ?
                """, arguments: [nowMs])
            for id in ids { try Self.abandon(sessionID: id, nowMs: nowMs, db: db) }
            return ids
        }
    }

    // MARK: inside a transaction

    /// The learner's registration of the course: the one of their newest launched statement of it.
    static func cmi5Registration(learnerID: String, course: Cmi5Course, db: Database) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT s.registration FROM statement s JOIN statement_activity a ON a.seq = s.seq
            WHERE a.activity_id = ? AND s.learner_id = ? AND s.verb_id = ? AND s.voided = 0 AND s.registration IS NOT NULL
            ORDER BY s.seq DESC LIMIT 1
            """, arguments: [Cmi5ActivityIDs.course(course.id), learnerID, Cmi5.Verb.launched])
    }

    static func abandonOpenSessions(learnerID: String, registration: String, nowMs: Int64, db: Database) throws -> [String] {
        let ids = try String.fetchAll(db, sql: """
            SELECT session_id FROM cmi5_session WHERE learner_id = ? AND registration = ? AND terminated_ms IS NULL AND abandoned = 0
            """, arguments: [learnerID, registration])
        for id in ids { try abandon(sessionID: id, nowMs: nowMs, db: db) }
        return ids
    }

    /// Marks the session abandoned and records the abandoned statement, once (9.3: never two).
    ///
    /// The launch table is this PC's own, the statements are the learner's everywhere: a PC
    /// restored from a backup, or copied from another's disk, may hold a session open that its
    /// record (once synced) already shows ended there. Then the session is closed here without a
    /// second ending.
    static func abandon(sessionID: String, nowMs: Int64, db: Database) throws {
        guard let session = try cmi5Session(where: "s.session_id = ?", sessionID, db: db), !session.value.state.abandoned else { return }
        let launch = session.value.launch
        let lastMs: Int64 = session.row["last_ms"]
        let durationMs = lastMs - (session.row["created_ms"] as Int64)
        try db.execute(sql: "UPDATE cmi5_session SET abandoned = 1 WHERE session_id = ?", arguments: [sessionID])
        guard try !sessionEndedInRecord(launch, db: db) else { return }
        try insertAsLMS([Cmi5LMSStatements.abandoned(launch, durationMs: durationMs, lastMs: lastMs)],
                        learnerID: launch.learnerID, nowMs: nowMs, db: db)
    }

    /// Whether the learner's statements hold a `terminated` or `abandoned` of this launch session
    /// (written on another PC and pulled, or before a restore). Bounded: the learner's endings
    /// in this one registration.
    static func sessionEndedInRecord(_ launch: Cmi5Launch, db: Database) throws -> Bool {
        let rows = try String.fetchCursor(db, sql: """
            SELECT json FROM statement WHERE learner_id = ? AND registration = ? AND verb_id IN (?, ?) AND voided = 0
            """, arguments: [launch.learnerID, launch.registration, Cmi5.Verb.terminated, Cmi5.Verb.abandoned])
        while let json = try rows.next() {
            let statement = try? JSONValue(data: Data(json.utf8))
            if statement?["context"]?["extensions"]?[Cmi5.Extension.sessionID]?.stringValue == launch.sessionID { return true }
        }
        return false
    }

    /// Stores statements the LMS writes through the normal insert (so they sync, count and void
    /// like any statement), with the LMS's authority.
    static func insertAsLMS(_ statements: [JSONValue], learnerID: String, nowMs: Int64, db: Database) throws {
        _ = try insert(StatementWrite(statements: statements, learnerID: learnerID, authority: Cmi5.lmsAuthority,
                                      version: XAPI.currentVersion, nowMs: nowMs), db: db)
    }

    static func cmi5Session(where condition: String, _ argument: String, db: Database) throws -> (value: Cmi5LaunchSession, row: Row)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT s.*, l.name AS learner_name FROM cmi5_session s JOIN learner l ON l.id = s.learner_id WHERE \(condition)
            """, arguments: [argument]) else { return nil }
        let courseJSON: String = row["course_json"]
        let course = try JSONDecoder().decode(Cmi5Course.self, from: Data(courseJSON.utf8))
        let unitID: String = row["unit_id"]
        guard let unit = course.unit(id: unitID) else { return nil }
        let launch = Cmi5Launch(sessionID: row["session_id"], learnerID: row["learner_id"], registration: row["registration"],
                                course: course, unit: unit, launchMode: row["launch_mode"])
        let verbs: String = row["verbs"]
        let state = Cmi5SessionState(initialized: row["initialized"], terminated: (row["terminated_ms"] as Int64?) != nil,
                                     abandoned: row["abandoned"], sessionVerbs: Set(verbs.split(separator: " ").map(String.init)))
        return (Cmi5LaunchSession(launch: launch, learnerName: row["learner_name"], state: state), row)
    }

    /// The auth token as the AU sends it after `Basic `: base64 of `cmi5:SECRET`, so that any
    /// Basic parser reads user `cmi5` and the secret as the password.
    static func authToken(secret: String) -> String {
        Data("cmi5:\(secret)".utf8).base64EncodedString()
    }

    static func secret(ofAuthToken authToken: String) -> SessionToken? {
        guard let data = Data(base64Encoded: authToken.trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), text.hasPrefix("cmi5:") else { return nil }
        let secret = SessionToken(text: String(text.dropFirst(5)))
        return secret.isWellFormed ? secret : nil
    }
}
