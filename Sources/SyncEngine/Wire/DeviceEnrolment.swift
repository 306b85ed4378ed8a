import Basics

/// `POST /sync/v1/devices`: a one-time enrolment code made by the repository's admin, exchanged
/// for a device token.
///
/// ```swift
/// let request = DeviceEnrolmentRequest(code: "K7QF-3MZP-XD2A-9WLB", replica: me, name: "pc-lab-2")
/// ```
public struct DeviceEnrolmentRequest: Sendable, Equatable {
    public var code: String
    public var replica: ReplicaID
    public var name: String

    public init(code: String, replica: ReplicaID, name: String) {
        self.code = code
        self.replica = replica
        self.name = name
    }

    public func body() -> [UInt8] {
        JSONValue.object(["format": .number(Double(SyncWireFormat.version)), "code": .string(code),
                          "replica": .string(replica.rawValue), "name": .string(name)]).canonicalData()
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        code = try object.string("code", maxBytes: 64)
        replica = try object.replica("replica")
        name = try object.string("name", maxBytes: 200)
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
