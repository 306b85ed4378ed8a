import Foundation
import GRDB
import Testing
import Basics
@testable import WalletCore

/// Launches, the one-time fetch, token lookup, statements under the rules, and the LMS's own
/// statements, on a real store.
@Suite("cmi5 launches in the store")
struct Cmi5StoreTests {
    static let now: Int64 = 1_800_000_000_000
    static let urls = Cmi5LaunchURLs(unit: "http://127.0.0.1:8080/content/forklift/index.html", endpoint: "http://127.0.0.1:8080/xapi/",
                                     fetchPrefix: "http://127.0.0.1:8080/cmi5/fetch/", returnURL: "http://127.0.0.1:8080/courses")

    func stored(_ fixture: StoreFixture, verb: String? = nil) throws -> [JSONValue] {
        try fixture.store.readNow { db in
            try String.fetchAll(db, sql: "SELECT json FROM statement WHERE learner_id = ? AND (? IS NULL OR verb_id = ?) ORDER BY seq",
                                arguments: [fixture.ana, verb, verb])
        }.map { try JSONValue(data: Data($0.utf8)) }
    }

    func query(_ url: String) -> [String: String] {
        var result: [String: String] = [:]
        for item in URLComponents(string: url)?.queryItems ?? [] { result[item.name] = item.value }
        return result
    }

    @Test func aLaunchWritesLaunchedAndTheLaunchData() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let ticket = try await fixture.store.createCmi5Launch(learnerID: fixture.ana, course: Cmi5Samples.course, unitID: Cmi5Samples.unit.id,
                                                              urls: Self.urls, nowMs: Self.now)
        let launch = ticket.launch
        let parameters = query(ticket.launchURL)
        #expect(ticket.launchURL.hasPrefix(Self.urls.unit + "?"))
        #expect(parameters["endpoint"] == Self.urls.endpoint)
        #expect(parameters["fetch"] == Self.urls.fetchPrefix + ticket.fetchID)
        #expect(parameters["registration"] == launch.registration && UUID(uuidString: launch.registration) != nil)
        #expect(parameters["activityId"] == launch.activityID && launch.activityID != Cmi5Samples.unit.id, "cmi5 8.1.5: never the publisher's id")
        let actor = try JSONValue(data: Data((parameters["actor"] ?? "").utf8))
        #expect(actor["account"]?["name"]?.stringValue == fixture.ana && actor["name"] == nil)

        let launched = try #require(try stored(fixture, verb: Cmi5.Verb.launched).first)
        let extensions = launched["context"]?["extensions"]
        #expect(extensions?[Cmi5.Extension.sessionID]?.stringValue == launch.sessionID)
        #expect(extensions?[Cmi5.Extension.launchMode] == "Normal" && extensions?[Cmi5.Extension.moveOn] == "CompletedAndPassed")
        #expect(extensions?[Cmi5.Extension.masteryScore] == 0.8 && extensions?[Cmi5.Extension.launchURL]?.stringValue == Self.urls.unit)
        #expect(launched["authority"] == Cmi5.lmsAuthority)
        #expect(Cmi5SessionRules.isCmi5Defined(launched))
        try StatementValidator.validate(launched, version: .v2_0_0)

        let key = XAPIDocumentKey.state(learnerID: fixture.ana, activityID: launch.activityID, registration: launch.registration, stateID: "LMS.LaunchData")
        let data = try JSONValue(data: try #require(try await fixture.store.xapiDocument(key)).content)
        #expect(data["launchMode"] == "Normal" && data["moveOn"] == "CompletedAndPassed" && data["masteryScore"] == 0.8)
        #expect(data["returnURL"]?.stringValue == Self.urls.returnURL)
        #expect(data["contextTemplate"]?["extensions"]?[Cmi5.Extension.sessionID]?.stringValue == launch.sessionID)
        #expect(data["contextTemplate"]?["contextActivities"]?["grouping"]?.arrayValue?.contains { $0["id"]?.stringValue == Cmi5Samples.unit.id } == true)
    }

    @Test func theFetchGivesTheTokenOnce() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let store = fixture.store
        let ticket = try await store.createCmi5Launch(learnerID: fixture.ana, course: Cmi5Samples.course, unitID: Cmi5Samples.unit.id,
                                                      urls: Self.urls, nowMs: Self.now)
        #expect(try await store.answerCmi5Fetch(fetchID: "not-a-fetch-id", nowMs: Self.now) == .unknown)
        let first = try await store.answerCmi5Fetch(fetchID: ticket.fetchID, nowMs: Self.now + 1)
        guard case .token(let token) = first else { Issue.record("no token: \(first)"); return }
        #expect(first.json["auth-token"]?.stringValue == token)
        let second = try await store.answerCmi5Fetch(fetchID: ticket.fetchID, nowMs: Self.now + 2)
        #expect(second.json == ["error-code": "1", "error-text": "The authorization token has already been returned."])

        let session = try #require(try await store.cmi5Session(authToken: token, nowMs: Self.now + 3))
        #expect(session.launch == ticket.launch && session.learnerName == "Ana")
        #expect(try await store.cmi5Session(authToken: "Y21pNTpub3BlCg==", nowMs: Self.now) == nil)
        #expect(try await store.cmi5Session(authToken: token, nowMs: Self.now + Cmi5SessionPolicy.standard.idleMs + 1) == nil, "expired")
        let stored = try store.readNow { db in try String.fetchOne(db, sql: "SELECT token_hash FROM cmi5_session") }
        #expect(stored != nil && stored != token && !(stored ?? "").contains(token), "only the token's hash is kept")

        let late = try await store.createCmi5Launch(learnerID: fixture.ana, course: Cmi5Samples.course, unitID: Cmi5Samples.unit.id,
                                                    urls: Self.urls, nowMs: Self.now + 10)
        #expect(try await store.answerCmi5Fetch(fetchID: late.fetchID, nowMs: Self.now + 10 + Cmi5SessionPolicy.standard.idleMs) == .expired)
    }

    @Test func aSessionUnderTheRulesEarnsSatisfiedOnce() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let store = fixture.store
        let authority = fixture.authority(fixture.ana)
        func send(_ statements: [JSONValue], _ launch: Cmi5Launch, at ms: Int64) async throws -> [String] {
            try await store.insertCmi5Statements(statements, sessionID: launch.sessionID, authority: authority, version: "2.0.0", nowMs: ms)
        }
        let first = try await store.createCmi5Launch(learnerID: fixture.ana, course: Cmi5Samples.twoUnits, unitID: Cmi5Samples.unit.id,
                                                     urls: Self.urls, nowMs: Self.now).launch
        await #expect(throws: Cmi5Refusal.self) { try await send([Cmi5Samples.defined(Cmi5.Verb.completed, first)], first, at: Self.now + 1) }
        let initialized = Cmi5Samples.defined(Cmi5.Verb.initialized, first)
        _ = try await send([initialized, Cmi5Samples.defined(Cmi5.Verb.completed, first)], first, at: Self.now + 2)
        _ = try await send([initialized], first, at: Self.now + 3)  // the same statement again: no refusal, nothing new
        #expect(try stored(fixture, verb: Cmi5.Verb.satisfied).isEmpty, "completed alone does not meet CompletedAndPassed")

        // A new launch in the registration abandons the open session, once.
        let second = try await store.createCmi5Launch(learnerID: fixture.ana, course: Cmi5Samples.twoUnits, unitID: Cmi5Samples.unit.id,
                                                      urls: Self.urls, nowMs: Self.now + 10)
        #expect(second.launch.registration == first.registration && second.abandonedSessions == [first.sessionID])
        let abandoned = try stored(fixture, verb: Cmi5.Verb.abandoned)
        #expect(abandoned.count == 1 && abandoned.first?["result"]?["duration"] == "PT0S")
        await #expect(throws: Cmi5Refusal.self) { try await send([Cmi5Samples.allowed(first)], first, at: Self.now + 11) }

        let launch = second.launch
        await #expect(throws: Cmi5Refusal.self, "completed once per registration") {
            try await send([Cmi5Samples.defined(Cmi5.Verb.initialized, launch), Cmi5Samples.defined(Cmi5.Verb.completed, launch)], launch, at: Self.now + 12)
        }
        _ = try await send([Cmi5Samples.defined(Cmi5.Verb.initialized, launch), Cmi5Samples.defined(Cmi5.Verb.passed, launch, scaled: 0.9)],
                           launch, at: Self.now + 13)
        let satisfied = try stored(fixture, verb: Cmi5.Verb.satisfied)
        let objects = Set(satisfied.compactMap { $0["object"]?["id"]?.stringValue })
        #expect(objects == [Cmi5ActivityIDs.block("https://example.org/forklift/block/1", course: Cmi5Samples.twoUnits.id),
                            Cmi5ActivityIDs.course(Cmi5Samples.twoUnits.id)], "the block and the course (the other unit is NotApplicable)")
        #expect(satisfied.count == 2)
        for statement in satisfied {
            #expect(statement["context"]?["extensions"]?[Cmi5.Extension.sessionID]?.stringValue == launch.sessionID)
            try StatementValidator.validate(statement, version: .v2_0_0)
        }
        _ = try await send([Cmi5Samples.defined(Cmi5.Verb.terminated, launch)], launch, at: Self.now + 14)
        await #expect(throws: Cmi5Refusal.self, "nothing after terminated") { try await send([Cmi5Samples.allowed(launch)], launch, at: Self.now + 15) }

        // A third launch meets everything satisfied already: no second satisfied for any object.
        let third = try await store.createCmi5Launch(learnerID: fixture.ana, course: Cmi5Samples.twoUnits, unitID: Cmi5Samples.other.id,
                                                     urls: Self.urls, nowMs: Self.now + 20).launch
        _ = try await send([Cmi5Samples.defined(Cmi5.Verb.initialized, third), Cmi5Samples.defined(Cmi5.Verb.terminated, third)], third, at: Self.now + 21)
        #expect(try stored(fixture, verb: Cmi5.Verb.satisfied).count == 2)
        #expect(try stored(fixture, verb: Cmi5.Verb.abandoned).count == 1, "a terminated session is never abandoned")
    }

    /// The AU's passed names its generated activity; the learning outcome its publisher id names
    /// gets the same result as the learner's own statement, once, pointing at the AU's.
    @Test func aResultOfAnAUCountsForTheOutcomeItsPublisherIdNames() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let store = fixture.store
        let launch = try await store.createCmi5Launch(learnerID: fixture.ana, course: Cmi5Samples.twoUnits, unitID: Cmi5Samples.unit.id,
                                                      urls: Self.urls, nowMs: Self.now).launch
        let passed = Cmi5Samples.defined(Cmi5.Verb.passed, launch, scaled: 0.9)
        let batch = [Cmi5Samples.defined(Cmi5.Verb.initialized, launch), passed]
        for attempt in 0..<2 {  // a re-sent batch adds nothing
            _ = try await store.insertCmi5Statements(batch, sessionID: launch.sessionID, authority: fixture.authority(fixture.ana),
                                                     version: "2.0.0", nowMs: Self.now + 1 + Int64(attempt))
        }
        let onOutcome = try stored(fixture, verb: Cmi5.Verb.passed).filter { $0["object"]?["id"]?.stringValue == Cmi5Samples.unit.id }
        #expect(onOutcome.count == 1)
        let outcome = try #require(onOutcome.first)
        #expect(outcome["context"]?["statement"]?["id"]?.stringValue == passed["id"]?.stringValue?.lowercased())
        #expect(outcome["result"]?["score"]?["scaled"] == passed["result"]?["score"]?["scaled"])
        #expect(outcome["actor"] == passed["actor"])
        try StatementValidator.validate(outcome, version: .v2_0_0)
        #expect(Cmi5OutcomeStatement.make(for: Cmi5Samples.defined(Cmi5.Verb.initialized, launch), launch: launch) == nil,
                "only results count")
    }

    @Test func aCourseOfNotApplicableUnitsIsSatisfiedAtItsFirstLaunch() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let course = Cmi5Course(id: "https://example.org/reading", units: [Cmi5Samples.other])
        _ = try await fixture.store.createCmi5Launch(learnerID: fixture.ana, course: course, unitID: Cmi5Samples.other.id, urls: Self.urls, nowMs: Self.now)
        _ = try await fixture.store.createCmi5Launch(learnerID: fixture.ana, course: course, unitID: Cmi5Samples.other.id, urls: Self.urls, nowMs: Self.now + 1)
        #expect(try stored(fixture, verb: Cmi5.Verb.satisfied).count == 1)
    }

    @Test func expiredSessionsAreAbandonedOnce() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let ticket = try await fixture.store.createCmi5Launch(learnerID: fixture.ana, course: Cmi5Samples.course, unitID: Cmi5Samples.unit.id,
                                                              urls: Self.urls, nowMs: Self.now)
        #expect(try await fixture.store.abandonExpiredCmi5Sessions(nowMs: Self.now + 1).isEmpty)
        let later = Self.now + Cmi5SessionPolicy.standard.idleMs + 1
        #expect(try await fixture.store.abandonExpiredCmi5Sessions(nowMs: later) == [ticket.launch.sessionID])
        #expect(try await fixture.store.abandonExpiredCmi5Sessions(nowMs: later + 1).isEmpty)
        #expect(try stored(fixture, verb: Cmi5.Verb.abandoned).count == 1)
    }

    /// A centre copies a PC's disk (or restores a backup) while a lesson is open: each copy
    /// abandons that session later, at its own time, and both write the very same statement, which
    /// the repository keeps once.
    @Test func twoCopiesOfOnePCAbandonASessionWithOneStatement() async throws {
        let original = try await StoreFixture()
        defer { original.remove() }
        let ticket = try await original.store.createCmi5Launch(learnerID: original.ana, course: Cmi5Samples.course, unitID: Cmi5Samples.unit.id,
                                                               urls: Self.urls, nowMs: Self.now)
        let copyFolder = NSTemporaryDirectory() + "wallet-copy-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: copyFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: copyFolder) }
        try original.store.backup(to: copyFolder + "/wallet.sqlite")
        let copy = try WalletStore(directory: copyFolder, durability: .normal)

        let expired = Self.now + Cmi5SessionPolicy.standard.idleMs + 1
        #expect(try await original.store.abandonExpiredCmi5Sessions(nowMs: expired) == [ticket.launch.sessionID])
        #expect(try await copy.abandonExpiredCmi5Sessions(nowMs: expired + 3_600_000) == [ticket.launch.sessionID])
        let mine = try #require(try stored(original, verb: Cmi5.Verb.abandoned).first)
        let theirs = try #require(try copy.readNow { db in
            try String.fetchOne(db, sql: "SELECT json FROM statement WHERE verb_id = ?", arguments: [Cmi5.Verb.abandoned])
        }.map { try JSONValue(data: Data($0.utf8)) })
        func withoutStored(_ statement: JSONValue) -> JSONValue {
            var fields = statement.objectValue ?? [:]
            fields["stored"] = nil
            return .object(fields)
        }
        #expect(withoutStored(mine) == withoutStored(theirs), "the same id and content on both copies")
        #expect(mine["timestamp"]?.stringValue == Timestamp.format(millisecondsSince1970: Self.now), "the session's last time, not the sweep's")
        try StatementValidator.validate(mine, version: .v2_0_0)
    }

    /// The launch table is the PC's own: a session this PC still holds open may have ended on the
    /// PC the learner's record came from (terminated there, pulled here). It is closed here
    /// without an `abandoned` after its `terminated`.
    @Test func aSessionTheRecordShowsEndedIsClosedWithoutASecondEnding() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let ticket = try await fixture.store.createCmi5Launch(learnerID: fixture.ana, course: Cmi5Samples.course, unitID: Cmi5Samples.unit.id,
                                                              urls: Self.urls, nowMs: Self.now)
        // As a pull stores it: in the record, the launch table untouched.
        let terminated = Cmi5LMSStatements.statement(ticket.launch, verb: Cmi5.Verb.terminated, object: ticket.launch.unitObject,
                                                     extensions: [:], result: nil, nowMs: Self.now + 60_000)
        try fixture.store.writeNow { db in try WalletStore.insertAsLMS([terminated], learnerID: fixture.ana, nowMs: Self.now + 60_000, db: db) }
        let expired = Self.now + Cmi5SessionPolicy.standard.idleMs + 1
        #expect(try await fixture.store.abandonExpiredCmi5Sessions(nowMs: expired) == [ticket.launch.sessionID], "closed here")
        #expect(try stored(fixture, verb: Cmi5.Verb.abandoned).isEmpty, "no abandoned after a terminated")
        #expect(try await fixture.store.abandonExpiredCmi5Sessions(nowMs: expired + 1).isEmpty)
        // A session of the same registration that did not end is still abandoned.
        let next = try await fixture.store.createCmi5Launch(learnerID: fixture.ana, course: Cmi5Samples.course, unitID: Cmi5Samples.unit.id,
                                                            urls: Self.urls, nowMs: expired + 2)
        #expect(next.launch.registration == ticket.launch.registration)
        #expect(try await fixture.store.abandonExpiredCmi5Sessions(nowMs: expired + 2 + Cmi5SessionPolicy.standard.idleMs + 1) == [next.launch.sessionID])
        #expect(try stored(fixture, verb: Cmi5.Verb.abandoned).count == 1)
    }
}
