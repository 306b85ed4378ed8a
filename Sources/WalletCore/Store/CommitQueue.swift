import Synchronization

/// Group commit: writers that arrive while a transaction is being written wait, and their work
/// joins the next transaction, so N concurrent requests cost one commit (one fsync with
/// `--synchronous full`) instead of N.
///
/// The first caller leads: it runs `commit` for its own member and every member waiting at that
/// moment, answers them, and hands the lead to the next waiter if more arrived meanwhile. Waiters
/// are suspended, not blocked, so the threads stay free to read more requests. Each caller is
/// answered only after the transaction holding its member committed (or failed).
///
/// `commit` receives the members of one transaction in arrival order and returns one outcome per
/// member, in that order: a member's own failure (a conflict, a limit) is its outcome and must
/// not undo the others. When `commit` throws (the transaction as a whole failed: a full disk, a
/// damaged file), each member is retried in a transaction of its own, so one member's cause
/// cannot fail the others, and every waiter hears an answer.
///
/// ```swift
/// let queue = CommitQueue<Write, [String]>()
/// let ids = try await queue.submit(write) { writes in
///     try pool.write { db in writes.map { write in Result { try insert(write, db) } } }
/// }
/// ```
public final class CommitQueue<Member: Sendable, Outcome: Sendable>: Sendable {
    /// What a waiter is told when it wakes: its answer, or that it leads the next transaction.
    private enum Turn: Sendable {
        case done(Result<Outcome, any Error>)
        case lead
    }

    private struct Waiter: Sendable {
        let member: Member
        let continuation: CheckedContinuation<Turn, Never>
    }

    private struct State: Sendable {
        var leading = false
        var waiting: [Waiter] = []
    }

    private let state = Mutex(State())
    /// Bounds one transaction, so that the first of a crowd is not kept waiting behind all of it.
    public let maxMembers: Int

    public init(maxMembers: Int = 64) {
        self.maxMembers = max(1, maxMembers)
    }

    /// How many callers wait for a transaction now (tests hold a leader until a crowd has formed).
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Runs `member` in the next transaction and returns its outcome once that transaction is over.
    /// `commit` is only ever run by the calling task (when it leads), never stored.
    public func submit(_ member: Member, commit: ([Member]) throws -> [Result<Outcome, any Error>]) async throws -> Outcome {
        let leadsNow = state.withLock { state in
            guard !state.leading else { return false }
            state.leading = true
            return true
        }
        if !leadsNow {
            let turn = await withCheckedContinuation { (continuation: CheckedContinuation<Turn, Never>) in
                // The leader may have finished between the first look and here.
                let leadsNow = state.withLock { state in
                    if state.leading {
                        state.waiting.append(Waiter(member: member, continuation: continuation))
                        return false
                    }
                    state.leading = true
                    return true
                }
                if leadsNow { continuation.resume(returning: .lead) }
            }
            if case .done(let outcome) = turn { return try outcome.get() }
        }
        return try lead(member, commit: commit)
    }

    /// One transaction for `own` and the members waiting now, then the lead passes on.
    private func lead(_ own: Member, commit: ([Member]) throws -> [Result<Outcome, any Error>]) throws -> Outcome {
        let joined = state.withLock { state in
            let taken = Array(state.waiting.prefix(maxMembers - 1))
            state.waiting.removeFirst(taken.count)
            return taken
        }
        let outcomes = Self.run([own] + joined.map(\.member), commit: commit)
        let next = state.withLock { state -> Waiter? in
            guard !state.waiting.isEmpty else {
                state.leading = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        for (waiter, outcome) in zip(joined, outcomes.dropFirst()) {
            waiter.continuation.resume(returning: .done(outcome))
        }
        next?.continuation.resume(returning: .lead)
        return try outcomes[0].get()
    }

    /// One outcome per member, whatever `commit` does.
    private static func run(_ members: [Member], commit: ([Member]) throws -> [Result<Outcome, any Error>]) -> [Result<Outcome, any Error>] {
        do {
            let outcomes = try commit(members)
            guard outcomes.count == members.count else { throw CommitQueueError.outcomeCount(expected: members.count, got: outcomes.count) }
            return outcomes
        } catch {
            guard members.count > 1 else { return [.failure(error)] }
            // Alone, each member fails or succeeds on its own account.
            return members.map { member in
                do {
                    let outcomes = try commit([member])
                    guard outcomes.count == 1 else { throw CommitQueueError.outcomeCount(expected: 1, got: outcomes.count) }
                    return outcomes[0]
                } catch {
                    return .failure(error)
                }
            }
        }
    }
}

/// A `commit` closure broke `CommitQueue`'s contract (a programming error, answered, not trapped).
///
/// ```swift
/// catch CommitQueueError.outcomeCount(let expected, let got) { print(expected, got) }
/// ```
public enum CommitQueueError: Error, Equatable {
    case outcomeCount(expected: Int, got: Int)
}
