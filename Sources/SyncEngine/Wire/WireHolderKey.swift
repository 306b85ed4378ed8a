import Foundation
import Basics
import SecurityPrimitives

/// A learner's holder key as it travels with them: the DID and the private key sealed on their PC
/// under a key derived from their PIN (scrypt with its own salt, then AES-GCM). Neither the
/// repository nor the network sees the private key; a PC that fetches the learner can open it
/// only with the PIN.
///
/// ```swift
/// let key = WireHolderKey(did: "did:key:z6Mk…", sealed: sealedBase64URL, salt: saltBase64URL, cost: .standard)
/// ```
public struct WireHolderKey: Sendable, Equatable {
    public var did: String
    /// base64url, no padding: nonce ‖ ciphertext ‖ tag.
    public var sealed: String
    /// base64url, no padding.
    public var salt: String
    public var cost: ScryptCost

    public init(did: String, sealed: String, salt: String, cost: ScryptCost) {
        self.did = did
        self.sealed = sealed
        self.salt = salt
        self.cost = cost
    }

    public var json: JSONValue {
        .object(cost.wireFields.merging(["did": .string(did), "sealed": .string(sealed), "salt": .string(salt)]) { _, new in new })
    }

    public init(_ object: WireObject) throws(SyncWireError) {
        did = try object.string("did", maxBytes: 128)
        guard did.hasPrefix("did:key:z6Mk") else { throw object.error("did", "must be an Ed25519 did:key (did:key:z6Mk…)") }
        sealed = try object.string("sealed", maxBytes: 256)
        salt = try object.string("salt", maxBytes: 128)
        cost = try object.scryptCost()
    }
}

extension WireHolderKey {
    /// Reads the stored form (`json.encodedString`) back.
    public init(storedJSON text: String) throws(SyncWireError) {
        guard let value = try? JSONValue(data: Data(text.utf8)), case .object(let fields) = value else {
            throw SyncWireError(path: "holderKey", message: "not a JSON object")
        }
        try self.init(WireObject(fields: fields, path: "holderKey"))
    }
}
