import Foundation
import Testing
import WalletAPI
import Basics
@testable import WalletCore

/// Statement writes of concurrent requests sharing transactions (`WalletStore.statementWrites`).
@Suite("Statement group commit")
struct GroupCommitStoreTests {
    func write(_ f: StoreFixture, _ statements: [JSONValue], for learner: String) -> WalletStore.StatementWrite {
        WalletStore.StatementWrite(statements: statements, learnerID: learner, authority: f.authority(learner), version: "2.0.0", nowMs: 1_700_000_000_000)
    }

    @Test("concurrent batches are all stored exactly once, each caller getting its own ids in its order")
    func concurrentBatches() async throws {
        let f = try await StoreFixture(durability: .full)
        defer { f.remove() }
        let batches: [[String]] = (0..<24).map { _ in (0..<3).map { _ in UUID().uuidString.lowercased() } }
        let answers = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for (index, ids) in batches.enumerated() {
                group.addTask {
                    let learner = index.isMultiple(of: 2) ? f.ana : f.ben
                    // Upper-case ids on the way in: the answer is the stored (lower-case) id, in order.
                    return (index, try await f.insert(ids.map { Statements.make(id: $0.uppercased()) }, for: learner))
                }
            }
            var answers: [Int: [String]] = [:]
            for try await (index, ids) in group { answers[index] = ids }
            return answers
        }
        for (index, ids) in batches.enumerated() { #expect(answers[index] == ids) }
        #expect(try await f.store.counts(nowMs: 0).statements == 72)
        for (index, ids) in batches.enumerated() {
            let learner = index.isMultiple(of: 2) ? f.ana : f.ben
            for id in ids { #expect(try await f.store.statement(id: id, learnerID: learner) != nil) }
        }
    }

    @Test("in one joint transaction, a refused batch takes back only its own rows")
    func refusalInAJointTransaction() async throws {
        let f = try await StoreFixture()
        defer { f.remove() }
        let taken = UUID().uuidString.lowercased()
        try await f.insert([Statements.make(id: taken)], for: f.ana)
        let first = [UUID().uuidString.lowercased(), UUID().uuidString.lowercased()]
        let refusedFresh = UUID().uuidString.lowercased()
        let last = UUID().uuidString.lowercased()
        let writes = [
            write(f, first.map { Statements.make(id: $0) }, for: f.ana),
            // Its first statement would be stored, its second conflicts: none of it may stay.
            write(f, [Statements.make(id: refusedFresh), Statements.make(id: taken, verb: "passed")], for: f.ana),
            write(f, [Statements.make(id: last)], for: f.ben),
        ]
        let outcomes = try f.store.writeNow { db in try WalletStore.insertJointly(writes, db: db) }
        #expect(try outcomes[0].get() == first)
        #expect(throws: StatementWriteError.conflict(id: taken)) { try outcomes[1].get() }
        #expect(try outcomes[2].get() == [last])
        #expect(try await f.store.statement(id: refusedFresh, learnerID: f.ana) == nil)
        #expect(try await f.store.statement(id: first[1], learnerID: f.ana) != nil)
        #expect(try await f.store.statement(id: last, learnerID: f.ben) != nil)
        #expect(try await f.store.counts(nowMs: 0).statements == 4)
    }

    @Test("concurrent requests with one conflicting batch: only that one is refused")
    func concurrentConflict() async throws {
        let f = try await StoreFixture()
        defer { f.remove() }
        let taken = UUID().uuidString.lowercased()
        try await f.insert([Statements.make(id: taken)], for: f.ana)
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<16 {
                group.addTask {
                    let statements = index == 7
                        ? [Statements.make(), Statements.make(id: taken, verb: "passed")]
                        : [Statements.make()]
                    do { _ = try await f.insert(statements, for: f.ana); return (index, true) } catch { return (index, false) }
                }
            }
            var outcomes: [Int: Bool] = [:]
            for await (index, stored) in group { outcomes[index] = stored }
            return outcomes
        }
        #expect(outcomes.filter { !$0.value }.map(\.key) == [7])
        #expect(try await f.store.counts(nowMs: 0).statements == 16)
    }
}
