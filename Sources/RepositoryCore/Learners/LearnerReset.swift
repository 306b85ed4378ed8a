import Basics
import SyncEngine

/// A PIN reset as the repository receives it from a learner's PC: the learner's code (made by
/// `repositoryd learner reset-pin` after an assessor checked who they are) and the learner record
/// the PC made with the new PIN: the new PIN hash, the new holder key sealed under it, and a claim
/// of the next generation signed by the NEW key. `statement` signs the repository's reset
/// statement (`LearnerResetStatement`) for the accepted claim; it runs only once everything holds.
///
/// ```swift
/// let reset = LearnerReset(learner: record, code: "K7QF-3MZP-XD2A-9WRB") { claim in
///     try LearnerResetStatement.sign(learner: claim.learner, generation: claim.generation,
///                                    holderDID: claim.holderDID, atMs: now, key: repositoryKey)
/// }
/// switch try store.resetLearner(reset, device: device.id, nowMs: now) { … }
/// ```
public struct LearnerReset {
    public var learner: WireLearner
    public var code: String
    public var statement: (WireLearnerClaim) throws -> JSONValue

    public init(learner: WireLearner, code: String, statement: @escaping (WireLearnerClaim) throws -> JSONValue) {
        self.learner = learner
        self.code = code
        self.statement = statement
    }
}

/// What a PIN reset comes to; the route turns each case into its answer.
///
/// ```swift
/// if case .reset(let learner) = outcome { reply(learner) }
/// ```
public enum LearnerResetOutcome: Sendable, Equatable {
    /// Done: the learner as now stored (new PIN hash, key, claim and reset statement).
    case reset(WireLearner)
    case notFound
    /// No live code for this learner, or another code, or an expired or used one. Counted.
    case codeRefused
    /// Too many refused codes for this learner: none is checked before this time.
    case locked(untilMs: Int64)
    /// The code was right but the record sent with it does not hold (claim, generation, key).
    /// The code stays unused.
    case claimRefused(String)
}
