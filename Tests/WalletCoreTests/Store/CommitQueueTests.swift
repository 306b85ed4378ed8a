import Foundation
import Synchronization
import Testing
@testable import WalletCore

/// `CommitQueue` with a fake transaction: which members each transaction held, and what each caller heard.
// Serialized: a held leader blocks a thread of the cooperative pool (its commit is synchronous, as
// the store's is), and on a 2-core machine two held leaders at once would leave their crowds no
// thread to arrive on.
@Suite("Commit queue (group commit)", .serialized)
struct CommitQueueTests {
    /// The transactions a fake commit ran to the end, each as its members.
    final class Ledger: Sendable {
        let committed = Mutex<[[Int]]>([])
        let attempts = Mutex(0)
        var all: [Int] { committed.withLock { $0.flatMap { $0 } } }
    }

    struct Refused: Error, Equatable { let member: Int }
    struct DiskFailed: Error {}

    /// Holds the first transaction until every other caller of `total` waits behind it, so that
    /// they must join the next one; at most 60 s (a busy machine running the whole suite), so that
    /// a broken queue fails the test rather than hanging it.
    static func holdFirst(_ queue: CommitQueue<Int, Int>, _ members: [Int], total: Int, ledger: Ledger) {
        guard ledger.attempts.withLock({ $0 += 1; return $0 }) == 1 else { return }
        let deadline = Date().addingTimeInterval(60)
        while queue.waitingCount < total - members.count, Date() < deadline { usleep(1_000) }
    }

    static func submitAll(_ queue: CommitQueue<Int, Int>, _ members: Range<Int>,
                          commit: @escaping @Sendable ([Int]) throws -> [Result<Int, any Error>]) async -> [Int: Result<Int, any Error>] {
        await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            for member in members {
                group.addTask {
                    do { return (member, .success(try await queue.submit(member, commit: commit))) } catch { return (member, .failure(error)) }
                }
            }
            var answers: [Int: Result<Int, any Error>] = [:]
            for await (member, answer) in group { answers[member] = answer }
            return answers
        }
    }

    @Test("concurrent writers are all committed exactly once, the waiting ones together, and each hears its own outcome")
    func concurrentWritersShareATransaction() async throws {
        let queue = CommitQueue<Int, Int>()
        let ledger = Ledger()
        let answers = await Self.submitAll(queue, 0..<20) { members in
            Self.holdFirst(queue, members, total: 20, ledger: ledger)
            ledger.committed.withLock { $0.append(members) }
            return members.map { .success($0 * 10) }
        }
        #expect(ledger.all.sorted() == Array(0..<20), "every member committed once")
        let transactions = ledger.committed.withLock { $0 }
        #expect(transactions.count == 2, "the first, and all that waited behind it together: \(transactions)")
        for member in 0..<20 { #expect(try answers[member]?.get() == member * 10) }
        #expect(queue.waitingCount == 0)
    }

    @Test("a transaction holds at most maxMembers; the rest wait for the next")
    func boundedTransactions() async throws {
        let queue = CommitQueue<Int, Int>(maxMembers: 4)
        let ledger = Ledger()
        let answers = await Self.submitAll(queue, 0..<10) { members in
            Self.holdFirst(queue, members, total: 10, ledger: ledger)
            ledger.committed.withLock { $0.append(members) }
            return members.map { .success($0) }
        }
        #expect(ledger.all.sorted() == Array(0..<10))
        #expect(ledger.committed.withLock { $0.allSatisfy { $0.count <= 4 } })
        #expect(answers.values.allSatisfy { (try? $0.get()) != nil })
    }

    @Test("one member's refusal is its own: the others in its transaction commit")
    func oneRefusalDoesNotFailTheOthers() async throws {
        let queue = CommitQueue<Int, Int>()
        let ledger = Ledger()
        let answers = await Self.submitAll(queue, 0..<8) { members in
            Self.holdFirst(queue, members, total: 8, ledger: ledger)
            ledger.committed.withLock { $0.append(members.filter { $0 != 3 }) }
            return members.map { $0 == 3 ? .failure(Refused(member: 3)) : .success($0) }
        }
        #expect(ledger.all.sorted() == [0, 1, 2, 4, 5, 6, 7])
        #expect(throws: Refused(member: 3)) { try answers[3]?.get() }
        for member in [0, 1, 2, 4, 5, 6, 7] { #expect(try answers[member]?.get() == member) }
    }

    @Test("when the joint transaction fails, each member is retried alone: only the one at fault fails")
    func jointFailureIsRetriedAlone() async throws {
        let queue = CommitQueue<Int, Int>()
        let ledger = Ledger()
        let answers = await Self.submitAll(queue, 0..<8) { members in
            Self.holdFirst(queue, members, total: 8, ledger: ledger)
            // Member 5 breaks any transaction it is in (rolled back: nothing of it is committed).
            if members.contains(5) { throw Refused(member: 5) }
            ledger.committed.withLock { $0.append(members) }
            return members.map { .success($0) }
        }
        #expect(ledger.all.sorted() == [0, 1, 2, 3, 4, 6, 7], "committed exactly once, 5 never")
        #expect(throws: Refused(member: 5)) { try answers[5]?.get() }
        for member in [0, 1, 2, 3, 4, 6, 7] { #expect(try answers[member]?.get() == member) }
    }

    @Test("a failing store answers every waiter with an error, and the queue works afterwards")
    func crashStyleFailureAnswersEveryone() async throws {
        let queue = CommitQueue<Int, Int>()
        let ledger = Ledger()
        let answers = await Self.submitAll(queue, 0..<12) { members in
            Self.holdFirst(queue, members, total: 12, ledger: ledger)
            throw DiskFailed()
        }
        #expect(answers.count == 12)
        for member in 0..<12 { #expect(throws: DiskFailed.self) { try answers[member]?.get() } }
        #expect(queue.waitingCount == 0)
        let after = try await queue.submit(99) { members in members.map { .success($0 + 1) } }
        #expect(after == 100)
    }

    @Test("a commit that answers the wrong number of outcomes is an error for its members, not a trap")
    func wrongOutcomeCount() async throws {
        let queue = CommitQueue<Int, Int>()
        await #expect(throws: CommitQueueError.outcomeCount(expected: 1, got: 0)) {
            try await queue.submit(1) { _ in [] }
        }
    }
}
