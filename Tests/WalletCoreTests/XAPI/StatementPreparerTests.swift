import Testing
import WalletAPI
import Basics
@testable import WalletCore

@Suite("StatementPreparer.prepare")
struct StatementPreparerTests {
    let authority: JSONValue = ["objectType": "Agent", "account": ["homePage": "https://wallet.example", "name": "walletd"]]
    let stored = "2026-11-22T09:15:03.123Z"

    func prepare(_ statement: JSONValue, id: String = "00000000-0000-4000-8000-00000000000A") -> JSONValue {
        StatementPreparer.prepare(statement, id: id, stored: stored, authority: authority, version: "2.0.0")
    }

    @Test func keepsTheStatementsOwnIDLowercased() {
        let prepared = prepare(["id": "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE", "verb": ["id": "http://x.example/v"]])
        #expect(prepared["id"] == "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
    }

    @Test func usesTheGivenIDWhenTheStatementHasNone() {
        let prepared = prepare(["verb": ["id": "http://x.example/v"]])
        #expect(prepared["id"] == "00000000-0000-4000-8000-00000000000a")
    }

    @Test func overwritesStoredAndAuthority() {
        let prepared = prepare(["stored": "1999-01-01T00:00:00Z", "authority": ["mbox": "mailto:evil@example.org"]])
        #expect(prepared["stored"] == .string(stored))
        #expect(prepared["authority"] == authority)
    }

    @Test func defaultsTimestampToStoredButKeepsAGivenOneVerbatim() {
        #expect(prepare([:])["timestamp"] == .string(stored))
        let sent = "2026-11-22T10:00:00.5+01:00"
        #expect(prepare(["timestamp": .string(sent)])["timestamp"] == .string(sent))
    }

    @Test func setsVersionOnlyWhenAbsent() {
        #expect(prepare([:])["version"] == "2.0.0")
        #expect(prepare(["version": "1.0.3"])["version"] == "1.0.3")
    }

    @Test func leavesEverythingElseAlone() {
        let statement: JSONValue = ["actor": ["mbox": "mailto:Ana@Example.org"], "verb": ["id": "http://x.example/v"],
                                    "object": ["id": "https://x.example/a"], "result": ["score": ["raw": 3]]]
        let prepared = prepare(statement)
        for key in ["actor", "verb", "object", "result"] {
            #expect(prepared[key] == statement[key])
        }
        #expect(prepared.objectValue?.count == 9)
    }

    @Test func returnsNonObjectsUnchanged() {
        #expect(prepare(["not", "a", "statement"]) == ["not", "a", "statement"])
    }

    @Test func preparedStatementIsTheSameStatementAsTheOriginal() {
        var random = RandomStatements(seed: 11)
        for _ in 0..<200 {
            let statement = random.statement()
            #expect(StatementEquivalence.isSame(statement, as: prepare(statement, id: random.uuid())))
        }
    }
}

@Suite("StatementPreparer timestamps")
struct StatementTimestampTests {
    @Test(arguments: [
        (Int64(1_795_338_903_123), "2026-11-22T09:15:03.123Z"),
        (0, "1970-01-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (1_709_251_199_000, "2024-02-29T23:59:59.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
    ])
    func formatsKnownInstants(ms: Int64, text: String) {
        #expect(Timestamp.format(millisecondsSince1970: ms) == text)
        #expect(Timestamp.parse(text) == ms)
    }

    @Test(arguments: [
        ("2026-11-22T10:15:03.123+01:00", Int64(1_795_338_903_123)),
        ("2026-11-22T04:15:03.123-05:00", 1_795_338_903_123),
        ("2026-11-22T14:45:03.123+05:30", 1_795_338_903_123),
        ("2026-11-22T09:15:03.1239999Z", 1_795_338_903_123),
        ("2026-11-22T09:15:03.1Z", 1_795_338_903_100),
        ("2026-11-22T09:15:03Z", 1_795_338_903_000),
        ("2026-11-22t09:15:03.123z", 1_795_338_903_123),
        ("2026-11-22T09:15:03+00:00", 1_795_338_903_000),
        ("1969-12-31T23:59:59.9995Z", -1),
        ("2026-11-23T00:15:03.123+15:00", 1_795_338_903_123),
    ])
    func parsesOffsetsAndFractions(text: String, ms: Int64) {
        #expect(Timestamp.parse(text) == ms)
    }

    @Test(arguments: [
        "", "2026-11-22", "2026-11-22T09:15:03", "2026-11-22T09:15:03.123",  // no time zone
        "2026-11-22T09:15:03-00:00",                                            // offset unknown
        "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-11-22T24:00:00Z", "2026-11-22T09:60:00Z", "2026-11-22T09:15:60Z",
        "2026-11-22T09:15:03.Z", "2026-11-22T09:15:03.12aZ", "2026-11-22T09:15:03Zjunk",
        "2026-11-22T09:15:03+0100", "2026-11-22T09:15:03+01", "2026-11-22T09:15:03+24:00",
        "2026-11-22 09:15:03Z", "26-11-22T09:15:03Z", "2026-1-22T09:15:03Z", "２０２６-11-22T09:15:03Z",
    ])
    func rejectsMalformedTimestamps(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func leapYearRules() {
        #expect(Timestamp.parse("2000-02-29T00:00:00Z") != nil)
        #expect(Timestamp.parse("1900-02-29T00:00:00Z") == nil)
        #expect(Timestamp.parse("2024-02-29T00:00:00Z") != nil)
        #expect(Timestamp.parse("2100-02-29T00:00:00Z") == nil)
    }

    @Test func formatThenParseRoundTripsOverTenThousandYears() {
        var random = RandomStatements(seed: 1)
        for _ in 0..<5000 {
            let ms = random.int64(-62_135_596_800_000...253_402_300_799_999)
            let text = Timestamp.format(millisecondsSince1970: ms)
            #expect(text.utf8.count == 24)
            #expect(Timestamp.parse(text) == ms, "\(ms) → \(text)")
        }
    }

    @Test func formatAgreesWithAnIndependentCalendar() {
        var random = RandomStatements(seed: 2)
        for _ in 0..<2000 {
            let ms = random.int64(-5_000_000_000_000...5_000_000_000_000)
            let expected = RandomStatements.timestampText(ms: ms, offsetMinutes: 0, extraDigits: false)
            #expect(Timestamp.format(millisecondsSince1970: ms) == expected)
        }
    }

    @Test func parseUnderstandsOffsetsAndExtraPrecision() {
        var random = RandomStatements(seed: 3)
        for _ in 0..<2000 {
            let ms = random.int64(0...4_102_444_800_000)
            let offset = random.pick([0, 60, -60, 330, -570, 840, -720])
            let text = RandomStatements.timestampText(ms: ms, offsetMinutes: offset, extraDigits: random.bool())
            #expect(Timestamp.parse(text) == ms, "\(text)")
        }
    }

    @Test func parsingIsMonotonicInTime() {
        var random = RandomStatements(seed: 4)
        for _ in 0..<1000 {
            let a = random.int64(0...4_102_444_800_000)
            let b = random.int64(0...4_102_444_800_000)
            let textA = RandomStatements.timestampText(ms: a, offsetMinutes: random.pick([0, 120, -300]), extraDigits: false)
            let textB = RandomStatements.timestampText(ms: b, offsetMinutes: random.pick([0, 120, -300]), extraDigits: false)
            guard let parsedA = Timestamp.parse(textA), let parsedB = Timestamp.parse(textB)
            else { Issue.record("unparsed \(textA) or \(textB)"); continue }
            #expect((a < b) == (parsedA < parsedB))
        }
    }
}
