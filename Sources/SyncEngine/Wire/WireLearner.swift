import Basics
import SecurityPrimitives

/// A learner as the repository knows them: id, name when created, and the PIN's scrypt hash with
/// its parameters (never the PIN), so a learner can be fetched onto another PC and log in there.
///
/// ```swift
/// let learner = WireLearner(id: id, name: "Ana", pinSalt: salt, pinHash: hash, pinCost: .standard, createdMs: now)
/// ```
public struct WireLearner: Sendable, Equatable {
    public var id: String
    public var name: String
    /// base64url, no padding.
    public var pinSalt: String
    public var pinHash: String
    public var pinCost: ScryptCost
    public var createdMs: Int64
    /// nil for a learner created before holder keys existed.
    public var holderKey: WireHolderKey?
    /// The learner's signed claim (`WireLearnerClaim`): nil from older walletd, and for a learner
    /// made before claims existed until their next login makes one.
    public var claim: WireLearnerClaim?
    /// After a PIN reset: the repository's signed statement (`LearnerResetStatement`, a JSON
    /// object with an eddsa-jcs-2022 proof) that the claim's new holder DID is the learner's.
    /// Carried as is; its readers check it against the repository key they pinned.
    public var reset: JSONValue?

    public init(id: String, name: String, pinSalt: String, pinHash: String, pinCost: ScryptCost, createdMs: Int64,
                holderKey: WireHolderKey? = nil, claim: WireLearnerClaim? = nil, reset: JSONValue? = nil) {
        self.id = id
        self.name = name
        self.pinSalt = pinSalt
        self.pinHash = pinHash
        self.pinCost = pinCost
        self.createdMs = createdMs
        self.holderKey = holderKey
        self.claim = claim
        self.reset = reset
    }

    public var json: JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(id), "name": .string(name), "createdMs": .number(Double(createdMs)),
            "pin": .object(pinCost.wireFields.merging(["salt": .string(pinSalt), "hash": .string(pinHash)]) { _, new in new }),
        ]
        if let holderKey { fields["holderKey"] = holderKey.json }
        if let claim { fields["claim"] = claim.json }
        if let reset { fields["reset"] = reset }
        return .object(fields)
    }

    public init(_ object: WireObject) throws(SyncWireError) {
        id = try object.string("id", maxBytes: 64)
        guard !id.isEmpty else { throw object.error("id", "must not be empty") }
        name = try object.string("name", maxBytes: 200)
        createdMs = try object.int64("createdMs")
        let pin = try object.object("pin")
        pinSalt = try pin.string("salt", maxBytes: 128)
        pinHash = try pin.string("hash", maxBytes: 128)
        pinCost = try pin.scryptCost()
        holderKey = try object.optionalObject("holderKey").map { key throws(SyncWireError) in try WireHolderKey(key) }
        claim = try object.optionalObject("claim").map { claim throws(SyncWireError) in try WireLearnerClaim(claim) }
        reset = try object.optionalObject("reset").map { .object($0.fields) }
    }
}
