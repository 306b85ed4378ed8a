import Basics

/// Why a statement write was refused by the store (validation happens before, in the route).
///
/// ```swift
/// do { try await store.insertStatements(batch, …) } catch let StatementWriteError.conflict(id) { … }
/// ```
public enum StatementWriteError: Error, Equatable {
    /// The id is taken by a statement with different content (or by another learner's statement).
    case conflict(id: String)
    /// The statement at `position` (0-based) of the batch would be stored beyond
    /// `StatementLimits` (too large or nested too deep to sync): nothing of the batch is stored.
    case beyondLimits(position: Int, problem: StatementLimits.Problem)
}
