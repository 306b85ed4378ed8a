import Testing
import WalletAPI
import Basics
@testable import WalletCore

@Suite("ProgressDerivation")
struct ProgressDerivationTests {
    static let lo1 = "https://courses.example/lo/1"
    static let lo2 = "https://courses.example/lo/2"

    func statement(_ verb: String, _ activity: String = lo1, result: JSONValue? = nil, timestamp: String? = "2026-11-22T09:00:00.000Z",
                   name: JSONValue? = nil) -> JSONValue {
        var object: [String: JSONValue] = ["objectType": "Activity", "id": .string(activity)]
        if let name { object["definition"] = ["name": name] }
        var fields: [String: JSONValue] = ["actor": ["mbox": "mailto:ana@example.org"],
                                           "verb": .string("http://adlnet.gov/expapi/verbs/\(verb)").wrappedAsVerb,
                                           "object": .object(object)]
        if let result { fields["result"] = result }
        if let timestamp { fields["timestamp"] = .string(timestamp) }
        return .object(fields)
    }

    func only(_ statements: [JSONValue]) -> ActivityProgress? {
        let all = ProgressDerivation.derive(from: statements)
        #expect(all.count == 1)
        return all.first
    }

    @Test func nothingGivesNothing() {
        #expect(ProgressDerivation.derive(from: []).isEmpty)
    }

    @Test func attemptedOnly() {
        let p = only([statement("attempted")])
        #expect(p == ActivityProgress(activity: Self.lo1, name: nil, attempted: true, completed: false, passed: false, failed: false,
                                      bestScaledScore: nil, lastActivity: "2026-11-22T09:00:00.000Z", statementCount: 1))
        #expect(p?.state == "attempted")
    }

    @Test func completedByVerbOrResult() {
        #expect(only([statement("completed")])?.completed == true)
        #expect(only([statement("experienced", result: ["completion": true])])?.completed == true)
        #expect(only([statement("experienced", result: ["completion": false])])?.completed == false)
        #expect(only([statement("completed")])?.state == "completed")
    }

    @Test func passedImpliesCompleted() {
        let p = only([statement("passed")])
        #expect(p?.passed == true && p?.completed == true && p?.failed == false)
    }

    @Test func successDecidesPassedOrFailedWhateverTheVerb() {
        #expect(only([statement("answered", result: ["success": true])])?.passed == true)
        let failed = only([statement("answered", result: ["success": false])])
        #expect(failed?.failed == true && failed?.passed == false && failed?.state == "failed")
    }

    @Test func failedThenPassedKeepsBothAndShowsPassed() {
        let p = only([statement("failed", result: ["success": false, "score": ["scaled": 0.4]], timestamp: "2026-11-20T09:00:00Z"),
                      statement("passed", result: ["success": true, "score": ["scaled": 0.85]], timestamp: "2026-11-22T09:00:00Z")])
        #expect(p?.failed == true && p?.passed == true)
        #expect(p?.state == "passed")
        #expect(p?.bestScaledScore == 0.85)
        #expect(p?.statementCount == 2)
    }

    @Test func bestScoreUsesScaledOrDerivesItFromRawMinMax() {
        let p = only([statement("scored", result: ["score": ["scaled": 0.5]]),
                      statement("scored", result: ["score": ["raw": 15, "min": 10, "max": 20]]),  // 0.5
                      statement("scored", result: ["score": ["raw": 8, "min": 0, "max": 10]]),    // 0.8
                      statement("scored", result: ["score": ["raw": 99]]),                         // no range: ignored
                      statement("scored", result: ["score": ["raw": 5, "min": 5, "max": 5]]),     // max = min: ignored
                      statement("scored", result: ["score": ["raw": 30, "min": 0, "max": 10]])])  // outside: ignored
        #expect(p?.bestScaledScore == 0.8)
    }

    @Test func scaledWinsOverRawInTheSameScore() {
        #expect(only([statement("scored", result: ["score": ["scaled": -0.2, "raw": 10, "min": 0, "max": 10]])])?.bestScaledScore == -0.2)
    }

    @Test func lastActivityComparesPointsInTimeNotText() {
        // As text "…T10:00+02:00" sorts after "…T09:30Z", but it is 08:00 UTC: earlier.
        let p = only([statement("attempted", timestamp: "2026-11-22T10:00:00.000+02:00"),
                      statement("completed", timestamp: "2026-11-22T09:30:00.000Z"),
                      statement("attempted", timestamp: "not a time")])
        #expect(p?.lastActivity == "2026-11-22T09:30:00.000Z")
    }

    @Test func lastActivityFallsBackToStored() {
        let s = statement("attempted", timestamp: nil).settingFields(["stored": "2026-11-22T11:00:00.000Z"])
        #expect(only([s])?.lastActivity == "2026-11-22T11:00:00.000Z")
        #expect(only([statement("attempted", timestamp: nil)])?.lastActivity == nil)
    }

    @Test func nameFromTheLatestStatementPreferringEnglish() {
        let p = only([statement("attempted", timestamp: "2026-11-20T09:00:00Z", name: ["en-US": "Old name"]),
                      statement("completed", timestamp: "2026-11-22T09:00:00Z", name: ["de-DE": "Verdrahtung", "en-GB": "Wiring", "en-US": "Wiring (US)"]),
                      statement("attempted", timestamp: "2026-11-23T09:00:00Z")])
        #expect(p?.name == "Wiring (US)")
        #expect(only([statement("attempted", name: ["de-DE": "Verdrahtung", "en": "Wiring"])])?.name == "Wiring")
        #expect(only([statement("attempted", name: ["de-DE": "Verdrahtung", "en-GB": "Wiring"])])?.name == "Wiring")
        #expect(only([statement("attempted", name: ["fr": "Câblage", "de-DE": "Verdrahtung"])])?.name == "Verdrahtung")
    }

    @Test func skipsStatementsWhoseObjectIsNotAnActivity() {
        let ref: JSONValue = ["actor": ["mbox": "mailto:ana@example.org"], "verb": ["id": "http://adlnet.gov/expapi/verbs/voided"],
                              "object": ["objectType": "StatementRef", "id": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"]]
        let agent = statement("mentored").settingFields(["object": ["objectType": "Agent", "mbox": "mailto:ben@example.org"]])
        let sub = statement("planned").settingFields(["object": ["objectType": "SubStatement", "actor": ["mbox": "mailto:a@example.org"],
                                                                 "verb": ["id": "http://x.example/v"], "object": ["id": "https://a.example"]]])
        #expect(ProgressDerivation.derive(from: [ref, agent, sub, "garbage", [:]]).isEmpty)
    }

    @Test func activitiesAreSortedByIDAndCountedSeparately() {
        let all = ProgressDerivation.derive(from: [statement("attempted", Self.lo2), statement("passed", Self.lo1),
                                                   statement("attempted", Self.lo2), statement("attempted", "https://a.example")])
        #expect(all.map(\.activity) == ["https://a.example", Self.lo1, Self.lo2])
        #expect(all.map(\.statementCount) == [1, 1, 2])
        #expect(all.map(\.state) == ["attempted", "passed", "attempted"])
    }

    @Test func objectWithoutObjectTypeIsAnActivity() {
        let s = statement("attempted").settingFields(["object": ["id": .string(Self.lo1)]])
        #expect(only([s])?.activity == Self.lo1)
    }

    // MARK: properties

    @Test func independentOfStatementOrder() {
        var random = RandomStatements(seed: 51)
        for round in 0..<40 {
            let statements = (0..<random.int(1...60)).map { _ in randomProgressStatement(&random) }
            let expected = ProgressDerivation.derive(from: statements)
            for _ in 0..<5 {
                #expect(ProgressDerivation.derive(from: random.shuffled(statements)) == expected, "round \(round)")
            }
        }
    }

    @Test func countsAddUp() {
        var random = RandomStatements(seed: 52)
        let statements = (0..<500).map { _ in randomProgressStatement(&random) }
        let progress = ProgressDerivation.derive(from: statements)
        let activityStatements = statements.filter { StatementIndex(statement: $0).activityIDs.count == 1 }
        #expect(progress.map(\.statementCount).reduce(0, +) == activityStatements.count)
        #expect(progress.map(\.activity) == progress.map(\.activity).sorted())
        #expect(progress.allSatisfy { $0.attempted && (!$0.passed || $0.completed) })
    }

    @Test func largeInputIsHandledInOnePass() {
        // Not a timing test: a quadratic derivation would make this one crawl, a linear one takes
        // a fraction of a second even in debug builds.
        var random = RandomStatements(seed: 53)
        let pool = (0..<200).map { _ in randomProgressStatement(&random) }
        let statements = (0..<50_000).map { pool[$0 % pool.count] }
        let progress = ProgressDerivation.derive(from: statements)
        #expect(progress.map(\.statementCount).reduce(0, +) <= 50_000)
    }

    /// Statements about a handful of activities with ties in time and clashing names, to exercise
    /// the order-independent tie-breaking.
    func randomProgressStatement(_ random: inout RandomStatements) -> JSONValue {
        var s = random.statement()
        if random.int(0...4) > 0 {
            var object: [String: JSONValue] = ["id": .string("https://courses.example/lo/\(random.int(1...4))")]
            if random.bool() { object["definition"] = ["name": ["en-US": .string("Name \(random.int(1...3))")]] }
            s = s.settingFields(["object": .object(object)])
        }
        if random.bool() {
            // Equal instants in different spellings.
            s = s.settingFields(["timestamp": random.pick(["2026-11-22T09:00:00Z", "2026-11-22T10:00:00+01:00", "2026-11-22T09:00:00.000Z"])])
        }
        return s
    }
}

private extension JSONValue {
    var wrappedAsVerb: JSONValue { ["id": self] }
}
