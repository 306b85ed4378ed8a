import Foundation
import Crypto
import Basics
import SecurityPrimitives

/// A learner's signed statement of who they are and how they log in: their id, the PIN hash
/// (salt, hash, cost), the holder DID and a digest of the sealed holder key, signed with that
/// holder key (Ed25519). Only someone who can open the holder key (who knows the PIN) can make
/// one, so the repository believes a claim where it would not believe a bare push:
///
/// - a learner id the repository does not know is created only with a claim signed by the key
///   the id is derived from (`BoundLearnerID`), so nobody can take ("squat") another's id first;
/// - a known learner's PIN hash and sealed key change only with a claim of a higher `generation`
///   signed by the DID stored for them, which is how `wallet-cli pin change` reaches the
///   repository and, through pulls and fetches, the learner's other PCs.
///
/// walletd makes generation 0 when it creates the learner (the new key is in memory then) or at
/// the first login of a learner made before claims existed, and generation + 1 at a PIN change.
///
/// ```swift
/// let claim = WireLearnerClaim(learner: learner, generation: 0, replica: me.rawValue, issuedMs: now)
///     .signed { bytes in try holderKey.signature(for: bytes) }
/// claim.problem(with: learner, holderDID: learner.holderKey?.did)   // nil: it holds
/// ```
public struct WireLearnerClaim: Sendable, Equatable {
    public var learner: String
    public var generation: Int64
    /// base64url, no padding, as in `WireLearner`.
    public var pinSalt: String
    public var pinHash: String
    public var pinCost: ScryptCost
    public var holderDID: String
    /// Lowercase hex SHA-256 of the sealed holder key's canonical JSON (`WireHolderKey.json`).
    public var sealedDigest: String
    /// The replica that made the claim (for the reader; not a check).
    public var replica: String?
    /// The maker's clock: shown, never used to order (generations order claims).
    public var issuedMs: Int64
    /// base64url, no padding: Ed25519 over `signingBytes`; empty until signed.
    public var signature: String

    /// The claim for `learner` as it stands (their PIN hash and sealed key), unsigned.
    public init(learner: WireLearner, holderKey: WireHolderKey, generation: Int64, replica: String?, issuedMs: Int64) {
        self.learner = learner.id
        self.generation = generation
        pinSalt = learner.pinSalt
        pinHash = learner.pinHash
        pinCost = learner.pinCost
        holderDID = holderKey.did
        sealedDigest = Self.digest(of: holderKey)
        self.replica = replica
        self.issuedMs = issuedMs
        signature = ""
    }

    /// The claim with its signature, made by `sign` over `signingBytes` (the holder key's).
    public func signed(by sign: ([UInt8]) throws -> [UInt8]) rethrows -> WireLearnerClaim {
        var claim = self
        claim.signature = Base64URL.encode(try sign(signingBytes))
        return claim
    }

    /// What the signature covers: a domain tag, then the canonical JSON (RFC 8785) of every field
    /// but the signature.
    public var signingBytes: [UInt8] {
        Array("learner-wallet learner claim v1\u{0}".utf8) + JSONValue.object(unsignedFields).canonicalData()
    }

    public static func digest(of key: WireHolderKey) -> String {
        Hex.lowercase(SHA256.hash(data: key.json.canonicalData()))
    }

    var unsignedFields: [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "learner": .string(learner), "generation": .number(Double(generation)),
            "pin": .object(pinCost.wireFields.merging(["salt": .string(pinSalt), "hash": .string(pinHash)]) { _, new in new }),
            "holder": .object(["did": .string(holderDID), "sealedDigest": .string(sealedDigest)]),
            "issuedMs": .number(Double(issuedMs)),
        ]
        if let replica { fields["replica"] = .string(replica) }
        return fields
    }

    public var json: JSONValue {
        var fields = unsignedFields
        fields["signature"] = .string(signature)
        return .object(fields)
    }

    public init(_ object: WireObject) throws(SyncWireError) {
        learner = try object.string("learner", maxBytes: 64)
        generation = try object.int64("generation")
        let pin = try object.object("pin")
        pinSalt = try pin.string("salt", maxBytes: 128)
        pinHash = try pin.string("hash", maxBytes: 128)
        pinCost = try pin.scryptCost()
        let holder = try object.object("holder")
        holderDID = try holder.string("did", maxBytes: 128)
        sealedDigest = try holder.string("sealedDigest", maxBytes: 64)
        replica = try object.optionalString("replica", maxBytes: 64)
        issuedMs = try object.int64("issuedMs")
        signature = try object.string("signature", maxBytes: 128)
    }
}

extension WireLearnerClaim {
    /// Reads the stored form (`json.encodedString`) back; nil when it cannot be read.
    public init?(storedJSON text: String) {
        guard let value = try? JSONValue(data: Data(text.utf8)), case .object(let fields) = value,
              let claim = try? WireLearnerClaim(WireObject(fields: fields, path: "claim"))
        else { return nil }
        self = claim
    }
}
