import Basics

/// `POST /sync/v1/devices`: a one-time enrolment code made by the repository's admin, exchanged
/// for a device token. `previousToken` is the token this PC held before (revoked or not): it
/// proves the PC is the one that held those learners, so they stay with it. `token` is the token
/// the PC proposes for its new device (256 random bits, kept until the answer arrives): when the
/// answer is lost, the same request again gets the device already made, although the code is
/// spent (without it, the PC could not enrol again without the admin).
///
/// ```swift
/// let request = DeviceEnrolmentRequest(code: "K7QF-3MZP-XD2A-9WLB", replica: me, name: "pc-lab-2", previousToken: identity.token)
/// ```
public struct DeviceEnrolmentRequest: Sendable, Equatable {
    public var code: String
    public var replica: ReplicaID
    public var name: String
    public var previousToken: String?
    public var token: String?

    public init(code: String, replica: ReplicaID, name: String, previousToken: String? = nil, token: String? = nil) {
        self.code = code
        self.replica = replica
        self.name = name
        self.previousToken = previousToken
        self.token = token
    }

    public func body() -> [UInt8] {
        var object: [String: JSONValue] = ["format": .number(Double(SyncWireFormat.version)), "code": .string(code),
                                           "replica": .string(replica.rawValue), "name": .string(name)]
        if let previousToken { object["previousToken"] = .string(previousToken) }
        if let token { object["token"] = .string(token) }
        return JSONValue.object(object).canonicalData()
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        code = try object.string("code", maxBytes: 64)
        replica = try object.replica("replica")
        name = try object.string("name", maxBytes: 200)
        previousToken = try object.optionalString("previousToken", maxBytes: 128)
        token = try object.optionalString("token", maxBytes: 128)
        if let token, token.utf8.count < 40 || !token.utf8.allSatisfy(Base64URL.isAlphabet) {
            throw object.error("token", "must be at least 40 base64url characters (256 random bits)")
        }
    }
}

/// `POST /sync/v1/devices/copy`, sent with the token of the device this database was copied
/// from: a device of its own for the copy's new replica, holding the learners that device holds.
/// `token` is the new device's token, proposed by the copy (256 random bits, kept until the answer
/// arrives): a retry after a lost answer carries the same one, and the hub recognises it.
///
/// ```swift
/// let request = DeviceCopyRequest(replica: newReplica, name: "pc-lab-3", token: try store.copyToken())
/// ```
public struct DeviceCopyRequest: Sendable, Equatable {
    public var replica: ReplicaID
    public var name: String
    public var token: String

    public init(replica: ReplicaID, name: String, token: String) {
        self.replica = replica
        self.name = name
        self.token = token
    }

    public func body() -> [UInt8] {
        JSONValue.object(["format": .number(Double(SyncWireFormat.version)), "replica": .string(replica.rawValue),
                          "name": .string(name), "token": .string(token)]).canonicalData()
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        replica = try object.replica("replica")
        name = try object.string("name", maxBytes: 200)
        token = try object.string("token", maxBytes: 128)
    }
}

/// The hub's answer to an enrolment: the device's id and its bearer token (shown once).
public struct DeviceEnrolmentResponse: Sendable, Equatable {
    public var device: String
    public var token: String
    public var repository: ReplicaID

    public init(device: String, token: String, repository: ReplicaID) {
        self.device = device
        self.token = token
        self.repository = repository
    }

    public var json: JSONValue {
        .object(["format": .number(Double(SyncWireFormat.version)), "device": .string(device), "token": .string(token),
                 "repository": .string(repository.rawValue)])
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        device = try object.string("device", maxBytes: 64)
        token = try object.string("token", maxBytes: 128)
        repository = try object.replica("repository")
    }
}
