import Foundation
import Testing
import WalletAPI
import Basics
@testable import WalletCore

@Suite("Statement store")
struct WalletStoreStatementTests {
    @Test("stored statements get stored, authority, timestamp and version, and read back by id")
    func storesPreparedStatement() async throws {
        let f = try await StoreFixture()
        defer { f.remove() }
        let id = UUID().uuidString.lowercased()
        try await f.insert([Statements.make(id: id)], for: f.ana, nowMs: 1_700_000_000_123)
        let found = try #require(try await f.store.statement(id: id, learnerID: f.ana))
        let statement = try JSONValue(data: Data(found.json.utf8))
        #expect(statement["stored"]?.stringValue == "2023-11-14T22:13:20.123Z")
        #expect(statement["timestamp"] == statement["stored"])
        #expect(statement["authority"]?["account"]?["name"]?.stringValue == f.ana)
        #expect(statement["version"]?.stringValue == "2.0.0")
        #expect(found.voided == false)
    }

    @Test("the same statement twice changes nothing; different content is a conflict and the batch is refused whole")
    func conflicts() async throws {
        let f = try await StoreFixture()
        defer { f.remove() }
        let id = UUID().uuidString.lowercased()
        try await f.insert([Statements.make(id: id)], for: f.ana)
        try await f.insert([Statements.make(id: id.uppercased())], for: f.ana, nowMs: 1_800_000_000_000)
        #expect(try await f.store.counts(nowMs: 0).statements == 1)

        let fresh = UUID().uuidString.lowercased()
        await #expect(throws: StatementWriteError.conflict(id: id)) {
            try await f.insert([Statements.make(id: fresh), Statements.make(id: id, verb: "passed")], for: f.ana)
        }
        #expect(try await f.store.statement(id: fresh, learnerID: f.ana) == nil, "a refused batch stores nothing")
    }

    @Test("a statement id held by another learner is a conflict, and stays invisible to them")
    func otherLearnersIDs() async throws {
        let f = try await StoreFixture()
        defer { f.remove() }
        let id = UUID().uuidString.lowercased()
        try await f.insert([Statements.make(id: id)], for: f.ana)
        await #expect(throws: StatementWriteError.conflict(id: id)) { try await f.insert([Statements.make(id: id)], for: f.ben) }
        #expect(try await f.store.statement(id: id, learnerID: f.ben) == nil)
        #expect(try await f.store.statements(matching: StatementQuery(learnerID: f.ben)).statements.isEmpty)
    }

    @Test("voiding hides the target from queries, whichever of the two arrives first")
    func voidingInEitherOrder() async throws {
        for voidingFirst in [false, true] {
            let f = try await StoreFixture()
            defer { f.remove() }
            let target = UUID().uuidString.lowercased()
            let voiding = Statements.voiding(target)
            if voidingFirst {
                try await f.insert([voiding], for: f.ana)
                try await f.insert([Statements.make(id: target)], for: f.ana)
            } else {
                try await f.insert([Statements.make(id: target)], for: f.ana)
                try await f.insert([voiding], for: f.ana)
            }
            #expect(try await f.store.statement(id: target, learnerID: f.ana)?.voided == true)
            let listed = try await f.store.statements(matching: StatementQuery(learnerID: f.ana)).statements
            #expect(listed.count == 1, "only the voiding statement is listed")
            #expect(try await f.store.activeStatements(learnerID: f.ana).isEmpty)
        }
    }

    @Test("a voiding statement cannot be voided")
    func voidingCannotBeVoided() async throws {
        let f = try await StoreFixture()
        defer { f.remove() }
        let firstVoid = UUID().uuidString.lowercased()
        try await f.insert([Statements.voiding(UUID().uuidString.lowercased(), id: firstVoid)], for: f.ana)
        try await f.insert([Statements.voiding(firstVoid)], for: f.ana)
        #expect(try await f.store.statement(id: firstVoid, learnerID: f.ana)?.voided == false)
    }

    /// Within `maxClockStepBackMs`; a bigger jump is a broken clock (`StoredClockTests`).
    @Test("`stored` never goes backwards when the clock steps back a little")
    func storedIsMonotonic() async throws {
        let f = try await StoreFixture()
        defer { f.remove() }
        let a = UUID().uuidString.lowercased(), b = UUID().uuidString.lowercased()
        try await f.insert([Statements.make(id: a)], for: f.ana, nowMs: 2_000_000_000_000)
        try await f.insert([Statements.make(id: b)], for: f.ana, nowMs: 2_000_000_000_000 - 120_000)
        let first = try #require(try await f.store.statement(id: a, learnerID: f.ana))
        let second = try #require(try await f.store.statement(id: b, learnerID: f.ana))
        #expect(second.storedMs >= first.storedMs)
    }
}

/// One statement stored while the PC's clock was a day ahead made `stored` freeze at that moment
/// for every later statement (it took the larger of the clock and the last `stored`).
@Suite("stored after the PC's clock jumped")
struct StoredClockTests {
    func stored(_ fixture: StoreFixture, at nowMs: Int64) async throws -> Int64 {
        let id = try #require(try await fixture.insert([Statements.make()], for: fixture.ana, nowMs: nowMs).first)
        return try #require(try await fixture.store.statement(id: id, learnerID: fixture.ana)).storedMs
    }

    @Test func aSmallStepBackKeepsStoredInOrderAndABigJumpIsNotFollowed() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let now: Int64 = 1_800_000_000_000
        #expect(try await stored(fixture, at: now) == now)
        #expect(try await stored(fixture, at: now - 3_000) == now, "an NTP step back of 3 s: still in order")
        #expect(try await stored(fixture, at: now + 86_400_000) == now + 86_400_000, "the clock jumps a day ahead")
        #expect(try await stored(fixture, at: now + 1_000) == now + 1_000, "corrected: stored follows the clock again")
        #expect(try await stored(fixture, at: now + 2_000) == now + 2_000)
    }
}
