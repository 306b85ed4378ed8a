import Basics
import SyncEngine

/// The sync wire decoders, on both sides of `/sync/v1/…`: every message type reads the same
/// bytes. Each refuses with a `SyncWireError` that names where and why; each message it accepts
/// writes back (its `body()` or `json`) to bytes the same decoder reads to the same message.
enum WireDecoderProperty {
    static func check(_ bytes: [UInt8]) throws(FuzzViolation) {
        try roundTrip("PushRequest", bytes, decode: PushRequest.init(body:), encode: { $0.body() }, same: { $0.body() == $1.body() })
        try roundTrip("PullRequest", bytes, decode: PullRequest.init(body:), encode: { $0.body() }, same: ==)
        try roundTrip("PullResponse", bytes, decode: PullResponse.init(body:), encode: { $0.body() }, same: { $0.body() == $1.body() })
        try roundTrip("PushResponse", bytes, decode: PushResponse.init(body:), encode: { $0.json.canonicalData() }, same: ==)
        try roundTrip("DeviceEnrolmentRequest", bytes, decode: DeviceEnrolmentRequest.init(body:), encode: { $0.body() }, same: ==)
        try roundTrip("DeviceCopyRequest", bytes, decode: DeviceCopyRequest.init(body:), encode: { $0.body() }, same: ==)
        try roundTrip("DeviceTokenRotationRequest", bytes, decode: DeviceTokenRotationRequest.init(body:), encode: { $0.body() }, same: ==)
        try roundTrip("DeviceTokenRotationResponse", bytes, decode: DeviceTokenRotationResponse.init(body:), encode: { $0.json.canonicalData() }, same: ==)
        try roundTrip("DeviceEnrolmentResponse", bytes, decode: DeviceEnrolmentResponse.init(body:), encode: { $0.json.canonicalData() }, same: ==)
        try roundTrip("LearnerFetchRequest", bytes, decode: LearnerFetchRequest.init(body:), encode: { $0.body() }, same: ==)
        try roundTrip("LearnerFetchResponse", bytes, decode: LearnerFetchResponse.init(body:), encode: { $0.json.canonicalData() }, same: ==)
        try roundTrip("LearnerResetRequest", bytes, decode: LearnerResetRequest.init(body:), encode: { $0.body() }, same: ==)
        try roundTrip("AuditAnchorRequest", bytes, decode: AuditAnchorRequest.init(body:), encode: { $0.body() }, same: ==)
        try roundTrip("AuditAnchorResponse", bytes, decode: AuditAnchorResponse.init(body:), encode: { $0.json.canonicalData() }, same: ==)
        try roundTrip("CatalogEnvelope", bytes, decode: CatalogEnvelope.init(body:), encode: { $0.json.canonicalData() }, same: ==)
    }

    private static func roundTrip<Message>(
        _ name: String, _ bytes: [UInt8],
        decode: ([UInt8]) throws(SyncWireError) -> Message,
        encode: (Message) -> [UInt8],
        same: (Message, Message) -> Bool
    ) throws(FuzzViolation) {
        let message: Message
        do {
            message = try decode(bytes)
        } catch {
            try FuzzViolation.requireMessage(error.message, from: "\(name)(body:)")
            return
        }
        let written = encode(message)
        let again: Message
        do {
            again = try decode(written)
        } catch {
            throw FuzzViolation("wire round trip", "\(name) accepted the input but refuses its own encoding: \(error)")
        }
        guard same(message, again) else {
            throw FuzzViolation("wire round trip", "\(name) reads its own encoding back to another message")
        }
    }
}
