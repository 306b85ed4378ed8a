import Foundation
import Crypto
import Basics

extension WireLearnerClaim {
    /// Why this claim does not hold for `learner` signed by `holderDID`, or nil when it does: it
    /// must name the learner, state exactly their PIN hash and sealed holder key, name
    /// `holderDID`, and carry a valid Ed25519 signature of that DID's key.
    ///
    /// ```swift
    /// if let problem = claim.problem(with: pushed, holderDID: storedDID) { throw SyncHubError.learnerClaimRefused(pushed.id, problem) }
    /// ```
    public func problem(with learner: WireLearner, holderDID: String) -> String? {
        guard self.learner == learner.id else { return "the claim names another learner" }
        guard pinSalt == learner.pinSalt, pinHash == learner.pinHash, pinCost == learner.pinCost else {
            return "the claim states another PIN hash than the one sent"
        }
        guard let key = learner.holderKey, key.did == holderDID, Self.digest(of: key) == sealedDigest else {
            return "the claim states another sealed holder key than the one sent"
        }
        guard self.holderDID == holderDID else { return "the claim is signed by another key than the learner's" }
        guard isSigned(by: holderDID) else { return "the claim's signature does not verify against \(holderDID.prefix(60))" }
        return nil
    }

    /// True when `signature` is a valid Ed25519 signature of `did`'s key over `signingBytes`.
    public func isSigned(by did: String) -> Bool {
        guard let publicKey = DIDKeyText.ed25519PublicKey(did: did), let signature = Base64URL.decode(signature), signature.count == 64,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
        else { return false }
        return key.isValidSignature(signature, for: signingBytes)
    }

    /// The total order of claims of one learner: the higher generation wins; two claims of one
    /// generation (made on two PCs before either synced) are ordered by their signature bytes, so
    /// every replica picks the same one whatever order they arrive in.
    public func supersedes(_ other: WireLearnerClaim) -> Bool {
        if generation != other.generation { return generation > other.generation }
        let mine = Array(Base64URL.decode(signature) ?? Data()), theirs = Array(Base64URL.decode(other.signature) ?? Data())
        return theirs.lexicographicallyPrecedes(mine)
    }
}
