import Credentials
import Crypto
import _CryptoExtras
import Foundation
import SyncEngine
import WalletAPI
import SecurityPrimitives
import Basics

/// Seals a learner's Ed25519 holder key under their PIN and opens it again. The private key is
/// encrypted with AES-GCM under a 32-byte key derived by scrypt from the PIN and a salt of its
/// own (not the PIN hash's salt: knowing the stored PIN hash must not give the sealing key). The
/// learner id and DID are the authenticated data, so a sealed key cannot be moved to another
/// learner. The result travels as `WireHolderKey`; only a PC that knows the PIN can open it.
///
/// ```swift
/// let key = SigningKey.generate()
/// let sealed = try HolderKeySeal.seal(key, pin: "4711", learnerID: id, cost: .standard)
/// let opened = try HolderKeySeal.open(sealed, pin: "4711", learnerID: id)   // same DID
/// ```
public enum HolderKeySeal {
    public enum Failure: Error, Equatable {
        /// Wrong PIN, or the sealed key was altered or belongs to another learner.
        case cannotOpen
        /// The stored form cannot be read (damaged data, never user input).
        case malformed(String)
    }

    public static func seal(_ key: SigningKey, pin: String, learnerID: String, cost: ScryptCost) throws -> WireHolderKey {
        let salt = Data((0..<16).map { _ in UInt8.random(in: .min ... .max) })
        let did = key.didKey.did
        let sealingKey = try derive(pin: pin, salt: salt, cost: cost)
        let box = try AES.GCM.seal(Data(key.seed), using: sealingKey, authenticating: aad(learnerID: learnerID, did: did))
        guard let combined = box.combined else { throw Failure.malformed("AES-GCM gave no combined form") }
        return WireHolderKey(did: did, sealed: Base64URL.encode(combined), salt: Base64URL.encode(salt), cost: cost)
    }

    public static func open(_ sealed: WireHolderKey, pin: String, learnerID: String) throws -> SigningKey {
        guard let combined = Base64URL.decode(sealed.sealed), let salt = Base64URL.decode(sealed.salt) else {
            throw Failure.malformed("the sealed holder key is not base64url")
        }
        // The cost was bounded when the key was read (`WireHolderKey`), so this run is affordable.
        let sealingKey = try derive(pin: pin, salt: salt, cost: sealed.cost)
        let seed: Data
        do {
            seed = try AES.GCM.open(AES.GCM.SealedBox(combined: combined), using: sealingKey,
                                    authenticating: aad(learnerID: learnerID, did: sealed.did))
        } catch {
            throw Failure.cannotOpen
        }
        let key: SigningKey
        do {
            key = try SigningKey(seed: Array(seed))
        } catch {
            throw Failure.malformed("the sealed holder key is not an Ed25519 seed")
        }
        // The DID is authenticated data, but check the key really is the one it names.
        guard key.didKey.did == sealed.did else { throw Failure.malformed("the sealed holder key does not match its DID") }
        return key
    }

    static func derive(pin: String, salt: Data, cost: ScryptCost) throws -> SymmetricKey {
        let key = try KDF.Scrypt.deriveKey(from: Data(pin.utf8), salt: salt, outputByteCount: 32,
                                           rounds: 1 << cost.logN, blockSize: cost.blockSize, parallelism: cost.parallelism)
        return key
    }

    static func aad(learnerID: String, did: String) -> Data {
        Data("learner-wallet holder key v1\u{0}\(learnerID)\u{0}\(did)".utf8)
    }
}
