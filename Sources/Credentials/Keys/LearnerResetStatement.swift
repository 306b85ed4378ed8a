import Foundation
import Basics

/// The repository's word that a learner's holder DID changed legitimately: after a PIN reset
/// (`repositoryd learner reset-pin`, then the learner's code at a PC) the learner has a new key
/// whose DID does not derive their id, so their other PCs, and a repository restored from a
/// backup, could not tell the new claim from a take-over. The repository signs this small
/// document {learner, generation, holderDID, atMs} with its trust-list key (eddsa-jcs-2022), the
/// key every PC pinned at its first sync; a PC believes a claim naming a new DID only with a
/// statement for that learner, generation and DID, signed by the pinned key or a key it hands
/// over to (`TrustAnchorSuccession`).
///
/// ```swift
/// let statement = try LearnerResetStatement.sign(learner: id, generation: 3, holderDID: newDID, atMs: now, key: repositoryKey)
/// LearnerResetStatement.problem(statement, learner: id, generation: 3, holderDID: newDID,
///                               pinned: pinnedAnchor, successions: trust.successions)   // nil: believed
/// ```
public enum LearnerResetStatement {
    public static let type = "LearnerPINReset"

    /// The statement for the claim of `generation` naming `holderDID`, signed by `key`.
    public static func sign(learner: String, generation: Int64, holderDID: String, atMs: Int64,
                            key: SigningKey) throws(CredentialError) -> JSONValue {
        let unsigned: JSONValue = .object([
            "type": .string(type),
            "learner": .string(learner),
            "generation": .number(Double(generation)),
            "holderDID": .string(holderDID),
            "atMs": .number(Double(atMs)),
        ])
        return try DataIntegrity.sign(unsigned, key: key, purpose: .assertionMethod,
                                      created: Date(timeIntervalSince1970: Double(atMs) / 1000))
    }

    /// Why `statement` does not vouch for the claim of `generation` naming `holderDID` for
    /// `learner`, or nil when it does: the fields must be exactly these, the proof must verify,
    /// and its signer must be `pinned` or reached from it through `successions`.
    public static func problem(_ statement: JSONValue, learner: String, generation: Int64, holderDID: String,
                               pinned: String, successions: [JSONValue]) -> String? {
        guard statement["type"]?.stringValue == type else { return "the reset statement is not of type \(type)" }
        guard statement["learner"]?.stringValue == learner else { return "the reset statement names another learner" }
        guard statement["generation"]?.doubleValue == Double(generation) else { return "the reset statement is for another generation" }
        guard statement["holderDID"]?.stringValue == holderDID else { return "the reset statement names another holder DID" }
        switch DataIntegrity.verify(statement, purpose: .assertionMethod) {
        case .invalid(let why):
            return "the reset statement has no valid proof: \(why)"
        case .valid(let signer):
            if case .refused(let why) = TrustAnchorSuccession.follow(from: pinned, to: signer.did, statements: successions) {
                return "the reset statement is not signed by the repository key this side trusts: \(why)"
            }
            return nil
        }
    }
}
