import Credentials
import Foundation
import WalletAPI
import Basics

/// The check walletd makes on every credential that arrives from the repository, before the
/// learner sees it: the issuer's proof, that it was issued to this learner's holder DID, and
/// (when the PC holds a trust list) that the issuer is an awarding body the repository vouches
/// for. A credential that fails is still kept (nothing is lost) with the reason, and shown as
/// not verified.
///
/// ```swift
/// let result = CredentialArrival.check(json, learnerDID: ana.holderKey?.did, trustList: cached)
/// if let problem = result.problem { print("not verified:", problem) }
/// ```
public enum CredentialArrival {
    public struct Result: Sendable, Equatable {
        public var id: String
        public var issuer: String
        public var statusList: String?
        public var problem: String?
    }

    /// The problem of a credential whose issuer the held trust list does not name; a later list
    /// that names it clears it (`WalletStore.storeTrustList`), so it names no DID.
    public static let notOnTrustList = "the issuer is not on the repository's trust list"

    public static func check(_ json: JSONValue, learnerDID: String?, trustList: TrustListContent?) -> Result? {
        guard let id = json["id"]?.stringValue, !id.isEmpty, id.utf8.count <= 256 else { return nil }
        let issuer = json["issuer"]?["id"]?.stringValue ?? json["issuer"]?.stringValue ?? ""
        let statusList = json["credentialStatus"]?["statusListCredential"]?.stringValue
        var result = Result(id: id, issuer: issuer, statusList: statusList, problem: nil)
        switch DataIntegrity.verify(json, purpose: .assertionMethod) {
        case .invalid(let why):
            result.problem = "the issuer's proof does not hold: \(why)"
        case .valid(let signer):
            if signer.did != issuer {
                result.problem = "signed by \(signer.did), which is not the issuer \(issuer)"
            } else if json["credentialSubject"]?["id"]?.stringValue != learnerDID || learnerDID == nil {
                result.problem = "issued to \(json["credentialSubject"]?["id"]?.stringValue ?? "nobody"), not to this learner's holder key"
            } else if let trustList, let body = trustList.awardingBody(did: issuer) {
                // A key the body rotated away from signs nothing dated after its window.
                if !body.accepts(signer: issuer, created: DataIntegrity.created(of: json)) {
                    result.problem = "signed by a key of \(body.name) outside the window that key signs in"
                }
            } else if trustList != nil {
                result.problem = Self.notOnTrustList
            }
        }
        return result
    }
}
