/// `GET /v1/audit` answer (admin): a page of this PC's audit log, oldest first (`Paging`), and
/// whether its hash chain holds from the entry before the page through its last entry.
/// `firstBroken` is the seq of the first entry that was changed, removed or moved since it was
/// written (absent when `verified`). Pages joined (``append(page:)``) check the whole log.
///
/// ```swift
/// let log: AuditLogResponse = try client.call(Endpoints.audit, token: adminToken)
/// if !log.verified { print("changed from entry \(log.firstBroken ?? 0) on") }
/// ```
public struct AuditLogResponse: PagedAnswer, Equatable {
    public var entries: [AuditLogLine]
    public var verified: Bool
    public var firstBroken: Int64?
    /// What the repository said at this walletd's last anchoring (absent before the first since
    /// walletd started, or on a PC not enrolled).
    public var anchor: AuditAnchorView?
    /// The next page's path (absent on the last page).
    public var next: String?

    public init(entries: [AuditLogLine], verified: Bool, firstBroken: Int64?, anchor: AuditAnchorView? = nil, next: String? = nil) {
        self.entries = entries
        self.verified = verified
        self.firstBroken = firstBroken
        self.anchor = anchor
        self.next = next
    }

    /// The chain holds when it holds on every page; the first break is the earliest page's.
    public mutating func append(page: AuditLogResponse) {
        entries += page.entries
        verified = verified && page.verified
        firstBroken = firstBroken ?? page.firstBroken
        anchor = page.anchor ?? anchor
        next = page.next
    }
}

/// The last anchoring of this PC's audit log at the repository: entries up to `seq` are fixed
/// there; `broken` when the repository found that the entry it had anchored before was no longer
/// the same here (entries were changed or cut off; its own log records it).
///
/// ```swift
/// AuditAnchorView(seq: 41, atMs: 1_760_000_000_000, broken: false)
/// ```
public struct AuditAnchorView: Codable, Sendable, Equatable {
    public var seq: Int64
    public var atMs: Int64
    public var broken: Bool

    public init(seq: Int64, atMs: Int64, broken: Bool) {
        self.seq = seq
        self.atMs = atMs
        self.broken = broken
    }
}

/// One audit-log entry as the API shows it: `detail` is the stored JSON object text, `hash` the
/// chain hash in lowercase hex.
///
/// ```swift
/// AuditLogLine(seq: 1, atMs: 1_760_000_000_000, kind: "login", learnerHash: "3c9a…", device: nil, detail: "{}", hash: "9f…")
/// ```
public struct AuditLogLine: Codable, Sendable, Equatable {
    public var seq: Int64
    public var atMs: Int64
    public var kind: String
    /// SHA-256 (lowercase hex) of the learner's id: the log keeps no plain id (forget must remove it).
    public var learnerHash: String?
    public var device: String?
    public var detail: String
    public var hash: String

    public init(seq: Int64, atMs: Int64, kind: String, learnerHash: String?, device: String?, detail: String, hash: String) {
        self.seq = seq
        self.atMs = atMs
        self.kind = kind
        self.learnerHash = learnerHash
        self.device = device
        self.detail = detail
        self.hash = hash
    }
}
