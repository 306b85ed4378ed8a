import WalletAPI

/// A learner as the repository knows them: id, name when created, and the PIN's scrypt hash with
/// its parameters (never the PIN), so a learner can be fetched onto another PC and log in there.
///
/// ```swift
/// let learner = WireLearner(id: id, name: "Ana", pinSalt: salt, pinHash: hash, logN: 15, blockSize: 8, parallelism: 1, createdMs: now)
/// ```
public struct WireLearner: Sendable, Equatable {
    public var id: String
    public var name: String
    /// base64url, no padding.
    public var pinSalt: String
    public var pinHash: String
    public var logN: Int
    public var blockSize: Int
    public var parallelism: Int
    public var createdMs: Int64
    /// nil for a learner created before holder keys existed.
    public var holderKey: WireHolderKey?

    public init(id: String, name: String, pinSalt: String, pinHash: String, logN: Int, blockSize: Int, parallelism: Int, createdMs: Int64,
                holderKey: WireHolderKey? = nil) {
        self.id = id
        self.name = name
        self.pinSalt = pinSalt
        self.pinHash = pinHash
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
        self.createdMs = createdMs
        self.holderKey = holderKey
    }

    public var json: JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(id), "name": .string(name), "createdMs": .number(Double(createdMs)),
            "pin": .object(["salt": .string(pinSalt), "hash": .string(pinHash), "logN": .number(Double(logN)),
                            "r": .number(Double(blockSize)), "p": .number(Double(parallelism))]),
        ]
        if let holderKey { fields["holderKey"] = holderKey.json }
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
        logN = Int(try pin.int64("logN", in: 1...20))
        blockSize = Int(try pin.int64("r", in: 1...64))
        parallelism = Int(try pin.int64("p", in: 1...16))
        holderKey = try object.optionalObject("holderKey").map { key throws(SyncWireError) in try WireHolderKey(key) }
    }
}
