import Basics

/// `POST /sync/v1/devices/token`, sent with the device's current token: replace it by `token`,
/// which the PC proposes (256 random bits, kept until the answer arrives). A retry after a lost
/// answer sends the same pair, and the hub answers it as done; from then on only `token` works.
///
/// ```swift
/// let request = DeviceTokenRotationRequest(token: try store.nextDeviceToken())
/// ```
public struct DeviceTokenRotationRequest: Sendable, Equatable {
    public var token: String

    public init(token: String) { self.token = token }

    public func body() -> [UInt8] {
        JSONValue.object(["format": .number(Double(SyncWireFormat.version)), "token": .string(token)]).canonicalData()
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        token = try object.string("token", maxBytes: 128)
        guard token.utf8.count >= 40, token.utf8.allSatisfy(Base64URL.isAlphabet) else {
            throw object.error("token", "must be at least 40 base64url characters (256 random bits)")
        }
    }
}

/// The hub's answer to a token rotation: the device whose token it now is. Never the token.
public struct DeviceTokenRotationResponse: Sendable, Equatable {
    public var device: String

    public init(device: String) { self.device = device }

    public var json: JSONValue {
        .object(["format": .number(Double(SyncWireFormat.version)), "device": .string(device)])
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        device = try object.string("device", maxBytes: 64)
    }
}
