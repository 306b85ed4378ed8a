import Basics
/// A sync message that cannot be read: which field and why, for the JSON error answer
/// (`{"error": {"code": "invalid_sync_message", "message": …}}`).
///
/// ```swift
/// throw SyncWireError(path: "statements[3].id", message: "must be a UUID")
/// ```
public struct SyncWireError: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: ErrorCode
    public var path: String
    public var message: String

    public init(code: ErrorCode = .invalidSyncMessage, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    static func unsupportedFormat(_ found: JSONValueDescription) -> SyncWireError {
        SyncWireError(code: .unsupportedFormat, path: "format",
                      message: "sync format \(found.text) is not supported; this side speaks format \(SyncWireFormat.version) (update the older of walletd and repositoryd)")
    }
}

/// A short human rendering of a value in an error message.
struct JSONValueDescription {
    var text: String
}
