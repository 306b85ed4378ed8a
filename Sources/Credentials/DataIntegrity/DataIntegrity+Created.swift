import Foundation
import Basics

extension DataIntegrity {
    /// The `created` date of the document's one proof (covered by the signature), or nil. Read it
    /// after `verify` succeeded: it says when the signer claims to have signed, which is what an
    /// issuer key's window is checked against.
    ///
    /// ```swift
    /// if case .valid = DataIntegrity.verify(vc, purpose: .assertionMethod) { let when = DataIntegrity.created(of: vc) }
    /// ```
    public static func created(of document: JSONValue) -> Date? {
        let proof: JSONValue?
        switch document["proof"] {
        case .array(let list)? where list.count == 1: proof = list[0]
        case .object?: proof = document["proof"]
        default: proof = nil
        }
        return proof?["created"]?.stringValue.flatMap(CredentialDate.parse)
    }
}
