import Basics

/// One point of a PC's audit log, kept at the repository: the entry number and that entry's
/// chain hash (lowercase hex SHA-256). Every entry up to it is then fixed: changing, removing or
/// cutting off any of them changes the hash the PC computes for that number.
///
/// ```swift
/// let anchor = AuditAnchor(seq: 41, hash: "9f86d0…", atMs: nil)
/// ```
public struct AuditAnchor: Sendable, Equatable {
    public var seq: Int64
    public var hash: String
    /// When the repository stored it; nil in a request.
    public var atMs: Int64?

    public init(seq: Int64, hash: String, atMs: Int64? = nil) {
        self.seq = seq
        self.hash = hash
        self.atMs = atMs
    }

    public var json: JSONValue {
        var fields: [String: JSONValue] = ["seq": .number(Double(seq)), "hash": .string(hash)]
        if let atMs { fields["atMs"] = .number(Double(atMs)) }
        return .object(fields)
    }

    init(_ object: WireObject) throws(SyncWireError) {
        seq = try object.int64("seq", in: 1...(Int64(1) << 53))
        hash = try object.string("hash", maxBytes: 64)
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw object.error("hash", "must be 64 lowercase hex digits (SHA-256)")
        }
        atMs = object.fields["atMs"] == nil ? nil : try object.int64("atMs")
    }
}

/// `POST /sync/v1/audit/anchor`: the PC's newest audit entry, and `since`: the PC's own entry at
/// the number the repository anchored last (`GET` gives it), as the PC reads it now. When `since`
/// is not what the repository kept, entries were changed or removed since: the repository writes
/// that to its own log and anchors the new head.
///
/// ```swift
/// let request = AuditAnchorRequest(head: AuditAnchor(seq: 57, hash: head), since: AuditAnchor(seq: 41, hash: mine))
/// ```
public struct AuditAnchorRequest: Sendable, Equatable {
    public var head: AuditAnchor
    public var since: AuditAnchor?

    public init(head: AuditAnchor, since: AuditAnchor?) {
        self.head = head
        self.since = since
    }

    public func body() -> [UInt8] {
        var fields: [String: JSONValue] = ["format": .number(Double(SyncWireFormat.version)), "head": head.json]
        if let since { fields["since"] = since.json }
        return JSONValue.object(fields).canonicalData()
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        head = try AuditAnchor(try object.object("head"))
        since = try object.optionalObject("since").map { value throws(SyncWireError) in try AuditAnchor(value) }
    }
}

/// The repository's answer to `GET` and `POST /sync/v1/audit/anchor`: the anchor it keeps for the
/// asking device (none yet: nil), and after a `POST` whether the PC's log broke since the last.
///
/// ```swift
/// let answer = try AuditAnchorResponse(body: bytes)
/// if answer.broken { logger.error("the audit log was changed") }
/// ```
public struct AuditAnchorResponse: Sendable, Equatable {
    public var anchor: AuditAnchor?
    public var broken: Bool

    public init(anchor: AuditAnchor?, broken: Bool) {
        self.anchor = anchor
        self.broken = broken
    }

    public var json: JSONValue {
        var fields: [String: JSONValue] = ["format": .number(Double(SyncWireFormat.version)), "broken": .bool(broken)]
        if let anchor { fields["anchor"] = anchor.json }
        return .object(fields)
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        anchor = try object.optionalObject("anchor").map { value throws(SyncWireError) in try AuditAnchor(value) }
        broken = try object.bool("broken")
    }
}
