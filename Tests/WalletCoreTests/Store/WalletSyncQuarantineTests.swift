import Foundation
import Testing
import Basics
import SyncEngine
import WalletAPI
@testable import WalletCore

/// walletd's side of quarantine and of the statement limits, on a real wallet database.
@Suite("Wallet sync store: quarantine and statement limits")
struct WalletSyncQuarantineTests {
    static func deep(_ depth: Int) -> JSONValue {
        var value: JSONValue = 1
        for _ in 0..<(depth - 3) { value = ["a": value] }
        guard case .object(var fields) = Statements.make() else { return .null }
        fields["result"] = ["extensions": ["https://x.example/deep": value]]
        return .object(fields)
    }

    @Test func aStatementBeyondTheLimitsIsNotStoredAndNamesItsPlaceInTheBatch() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try await fixture.insert([Self.deep(StatementLimits.maxDepth)], for: fixture.ana)
        await #expect(throws: StatementWriteError.self) { try await fixture.insert([Statements.make(), Self.deep(StatementLimits.maxDepth + 1)], for: fixture.ana) }
        do {
            try await fixture.insert([Statements.make(), Self.deep(StatementLimits.maxDepth + 1)], for: fixture.ana)
            Issue.record("a statement nested beyond the limit was taken")
        } catch StatementWriteError.beyondLimits(let position, let problem) {
            #expect(position == 1)
            #expect(problem.code == .statementTooDeep)
        }
        guard case .object(var big) = Statements.make() else { return }
        big["result"] = ["response": .string(String(repeating: "x", count: StatementLimits.maxBytes))]
        do {
            try await fixture.insert([.object(big)], for: fixture.ana)
            Issue.record("a statement over 1 MiB as stored was taken")
        } catch StatementWriteError.beyondLimits(let position, let problem) {
            #expect(position == 0 && problem.code == .statementTooLarge)
        }
        #expect(try fixture.store.pendingCounts().first { $0.learner == fixture.ana }?.statements == 1, "only the first, lone statement was stored")
    }

    @Test func aQuarantinedStatementIsSkippedCountedApartAndReleasedWithItsCheckpoint() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let ids = try await fixture.insert((0..<5).map { _ in Statements.make() }, for: fixture.ana)
        let sync = try WalletSyncStore(store: fixture.store, nowMs: { 1_700_000_000_000 })
        let batch = try #require(try sync.pendingBatch(learner: fixture.ana, limit: 100, maxBytes: .max))
        #expect(batch.statementSeqs.count == 5)
        try sync.quarantine(QuarantineEntry(learner: fixture.ana, item: .statement(batch.request.statements[2], seq: batch.statementSeqs[2]),
                                            code: .statementTooLarge, reason: "too large"))
        let next = try #require(try sync.pendingBatch(learner: fixture.ana, limit: 100, maxBytes: .max))
        #expect(next.request.statements.map(\.id) == [ids[0], ids[1], ids[3], ids[4]])
        #expect(try fixture.store.pendingCounts().first { $0.learner == fixture.ana }?.statements == 4)
        try sync.acknowledge(next, response: PushResponse(batch: next.request.batch, accepted: 4, duplicates: 0, conflicts: [], recordsMerged: 0, replayed: false))
        #expect(try sync.pendingBatch(learner: fixture.ana, limit: 100, maxBytes: .max) == nil)
        let held = try sync.quarantinedItems()
        #expect(held.map(\.item) == [ids[2]] && held.first?.code == "statement_too_large" && held.first?.kind == "statement")

        // Same version: nothing released. Another version (or an explicit retry): sent again from just before it.
        #expect(try sync.releaseQuarantine(unlessVersion: WalletVersion.string) == 0)
        #expect(try sync.releaseQuarantine(unlessVersion: "some-other-version") == 1)
        let again = try #require(try sync.pendingBatch(learner: fixture.ana, limit: 100, maxBytes: .max))
        #expect(again.request.statements.map(\.id) == [ids[2], ids[3], ids[4]])
        #expect(try sync.quarantinedItems().isEmpty)
    }

    @Test func batchesStayWithinTheByteBudgetButAlwaysCarryOneStatement() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        var statements: [JSONValue] = []
        for _ in 0..<6 {
            guard case .object(var fields) = Statements.make() else { return }
            fields["result"] = ["response": .string(String(repeating: "y", count: 40_000))]
            statements.append(.object(fields))
        }
        try await fixture.insert(statements, for: fixture.ana)
        let sync = try WalletSyncStore(store: fixture.store, nowMs: { 1_700_000_000_000 })
        #expect(try sync.pendingBatch(learner: fixture.ana, limit: 100, maxBytes: 100_000)?.request.statements.count == 2)
        #expect(try sync.pendingBatch(learner: fixture.ana, limit: 100, maxBytes: 10)?.request.statements.count == 1)
    }
}
