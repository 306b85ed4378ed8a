import Foundation
import WalletAPI

/// A learner's holder key as it travels with them: the DID and the private key sealed on their PC
/// under a key derived from their PIN (scrypt with its own salt, then AES-GCM). Neither the
/// repository nor the network sees the private key; a PC that fetches the learner can open it
/// only with the PIN.
///
/// ```swift
/// let key = WireHolderKey(did: "did:key:z6Mk…", sealed: sealedBase64URL, salt: saltBase64URL, logN: 15, blockSize: 8, parallelism: 1)
/// ```
public struct WireHolderKey: Sendable, Equatable {
    public var did: String
    /// base64url, no padding: nonce ‖ ciphertext ‖ tag.
    public var sealed: String
    /// base64url, no padding.
    public var salt: String
    public var logN: Int
    public var blockSize: Int
    public var parallelism: Int

    public init(did: String, sealed: String, salt: String, logN: Int, blockSize: Int, parallelism: Int) {
        self.did = did
        self.sealed = sealed
        self.salt = salt
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    public var json: JSONValue {
        .object([
            "did": .string(did), "sealed": .string(sealed), "salt": .string(salt),
            "logN": .number(Double(logN)), "r": .number(Double(blockSize)), "p": .number(Double(parallelism)),
        ])
    }

    public init(_ object: WireObject) throws(SyncWireError) {
        did = try object.string("did", maxBytes: 128)
        guard did.hasPrefix("did:key:z6Mk") else { throw object.error("did", "must be an Ed25519 did:key (did:key:z6Mk…)") }
        sealed = try object.string("sealed", maxBytes: 256)
        salt = try object.string("salt", maxBytes: 128)
        logN = Int(try object.int64("logN", in: 1...20))
        blockSize = Int(try object.int64("r", in: 1...64))
        parallelism = Int(try object.int64("p", in: 1...16))
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
