/// The hub's rules for the learner a push names, by the claim it carries (`WireLearnerClaim`).
/// repositoryd's store and `MemoryHub` both follow them, so the rules live here once.
///
/// ```swift
/// if known == nil, let refusal = LearnerClaimRule.refusalForNewLearner(request.learner) { throw SyncHubError.learnerClaimRefused(id, refusal) }
/// switch LearnerClaimRule.decide(pushed: request.learner, storedDID: did, storedClaim: claim) { … }
/// ```
public enum LearnerClaimRule {
    /// What to do with a known learner's pushed claim.
    public enum Decision: Equatable {
        /// Nothing changes: no claim, one not newer than the stored one, or one signed by a key
        /// other than the learner's (a PC that once made a key of its own for a learner created
        /// before keys existed; its pushes still go through, its claims are not believed).
        case keep
        /// Store the claim and what it states: the PIN hash and the sealed holder key.
        case replace(WireLearnerClaim)
        /// The claim names the learner's key but does not hold (altered, or not matching what
        /// the push carries): the push is refused.
        case refuse(String)
    }

    /// For a learner id the hub does not know: nil when the learner may be created from this
    /// push, else why not. A bound id (`BoundLearnerID`) needs a claim signed by the key it is
    /// derived from; an older random id may come without a claim (the residual risk of
    /// docs/SECURITY.md), but a claim it carries must hold.
    public static func refusalForNewLearner(_ learner: WireLearner) -> String? {
        guard let claim = learner.claim else {
            return BoundLearnerID.isBound(learner.id)
                ? "learner id \(learner.id) is bound to a holder key, and the push carries no claim signed by it" : nil
        }
        if let problem = claim.problem(with: learner, holderDID: claim.holderDID) { return problem }
        if BoundLearnerID.isBound(learner.id), !BoundLearnerID.id(learner.id, isBoundTo: claim.holderDID) {
            return "learner id \(learner.id) is not the one bound to the key that signed the claim"
        }
        return nil
    }

    /// For a known learner the pushing device holds. `storedDID` is the holder DID the hub has
    /// (nil for a learner stored without a key: the pushed key's DID then, as that key is about
    /// to be stored), `storedClaim` the claim it has.
    public static func decide(pushed: WireLearner, storedDID: String?, storedClaim: WireLearnerClaim?) -> Decision {
        guard let claim = pushed.claim else { return .keep }
        guard let did = storedDID ?? pushed.holderKey?.did, claim.holderDID == did else { return .keep }
        if let stored = storedClaim, !claim.supersedes(stored) { return .keep }
        if let problem = claim.problem(with: pushed, holderDID: did) { return .refuse(problem) }
        return .replace(claim)
    }
}
