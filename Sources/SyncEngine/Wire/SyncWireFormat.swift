import Foundation
import Basics

/// The version of the sync wire format and the limits every message is checked against.
///
/// ```swift
/// let object = try SyncWireFormat.envelope(try JSONValue(data: body))   // checks "format"
/// ```
public enum SyncWireFormat {
    public static let version = 1
    /// Statements or records per push batch or pull answer.
    public static let maxBatchItems = 1_000
    /// Bytes of statements and records per push batch or pull answer, besides the count: well
    /// under the repository's request body limit (64 MiB by default) and walletd's answer limit
    /// (256 MiB), so a batch of large statements never becomes a message no one can take. A batch
    /// or page always carries at least one item, and one statement is at most
    /// `StatementLimits.maxBytes`, so progress never stops.
    public static let maxPageBytes = 8 << 20
    /// Partitions per pull request the hub reads.
    public static let maxPartitions = 10_000
    /// Partitions a device names per pull request: more are asked in further requests.
    public static let maxPartitionsPerPull = 1_000
    public static let mediaType = "application/json"

    /// The body's top-level object after checking its `format`.
    public static func envelope(_ value: JSONValue) throws(SyncWireError) -> WireObject {
        guard case .object(let fields) = value else {
            throw SyncWireError(path: "", message: "a sync message is a JSON object")
        }
        let object = WireObject(fields: fields, path: "")
        guard let format = fields["format"] else {
            throw SyncWireError(path: "format", message: "missing: every sync message says \"format\": \(version)")
        }
        guard format == .number(Double(version)) else {
            throw SyncWireError.unsupportedFormat(JSONValueDescription(text: format.encodedString))
        }
        return object
    }

    public static func envelope(data: some Collection<UInt8>) throws(SyncWireError) -> WireObject {
        let value: JSONValue
        do {
            value = try JSONValue(data: Data(data))
        } catch {
            throw SyncWireError(path: "", message: "the body is not JSON: \(error)")
        }
        return try envelope(value)
    }
}

