import Foundation

/// One line of an audit log as stored: its place in the chain, when, what, and the chain hash
/// `SHA-256(previous hash ‖ canonical encoding of the other fields)` (``AuditChain``).
///
/// ```swift
/// let entries = try AuditLogTable.entries(db: db)
/// if let broken = AuditChain.firstBroken(entries) { print("entry \(broken) was changed") }
/// ```
public struct AuditEntry: Sendable, Equatable, Codable {
    public var seq: Int64
    public var atMs: Int64
    public var kind: String
    /// The learner as `AuditEvent.learnerReference` (SHA-256 hex of the id), never the plain id.
    public var learner: String?
    public var device: String?
    public var detail: String
    /// 32 bytes.
    public var hash: Data

    public init(seq: Int64, atMs: Int64, kind: String, learner: String?, device: String?, detail: String, hash: Data) {
        self.seq = seq
        self.atMs = atMs
        self.kind = kind
        self.learner = learner
        self.device = device
        self.detail = detail
        self.hash = hash
    }

    /// The bytes the hash covers besides the previous hash: fixed-width integers and
    /// length-prefixed texts, so no two different entries encode alike (a field's end cannot be
    /// moved into the next one), and an absent id differs from an empty one.
    public var canonicalEncoding: Data {
        var out = Data()
        Self.append(UInt64(bitPattern: seq), to: &out)
        Self.append(UInt64(bitPattern: atMs), to: &out)
        Self.append(text: kind, to: &out)
        for optional in [learner, device] {
            if let value = optional {
                out.append(1)
                Self.append(text: value, to: &out)
            } else {
                out.append(0)
            }
        }
        Self.append(text: detail, to: &out)
        return out
    }

    static func append(_ value: UInt64, to out: inout Data) {
        withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
    }

    static func append(text: String, to out: inout Data) {
        let bytes = Array(text.utf8)
        append(UInt64(bytes.count), to: &out)
        out.append(contentsOf: bytes)
    }
}
