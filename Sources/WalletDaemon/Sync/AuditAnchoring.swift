import SyncEngine
import WalletAPI
import WalletCore

/// Anchors this PC's audit log at the repository after a sync run (`AuditAnchor`). The chain in
/// the database shows an entry changed in place, but not entries cut off the end or a chain
/// rewritten from some entry on with every hash recomputed: anyone with the disk can do both. So
/// the repository keeps the newest head it was shown, and each run shows it what this PC's log
/// now holds at that number; if that differs, the repository records the break in its own log,
/// out of reach of whoever changed this one.
///
/// ```swift
/// let anchored = try AuditAnchoring(store: store, client: transport).anchor(lastAnchored: previous)
/// ```
struct AuditAnchoring {
    let store: WalletStore
    let client: RepositoryClient

    /// What the repository said, and the head it now keeps; nil for an empty log. When the head
    /// is still the one anchored at the last run since walletd started, nothing is sent: the
    /// repository keeps exactly that entry, so there is nothing new to anchor or to check (a
    /// changed log has another head hash), and a sync with nothing to do stays one request.
    func anchor(lastAnchored: (head: AuditAnchor, view: AuditAnchorView)?) throws -> (head: AuditAnchor, view: AuditAnchorView)? {
        guard let head = try store.auditHead() else { return nil }
        if let lastAnchored, lastAnchored.head == head { return (head, AuditAnchorView(seq: head.seq, atMs: lastAnchored.view.atMs, broken: false)) }
        let kept = try client.auditAnchor().anchor
        if let kept, let atMs = kept.atMs, kept.seq == head.seq, kept.hash == head.hash {
            return (head, AuditAnchorView(seq: kept.seq, atMs: atMs, broken: false))
        }
        // What this log holds now at the number the repository anchored (nil: cut off).
        let since = try kept.flatMap { try store.auditEntry(seq: $0.seq) }
        let answer = try client.anchorAudit(AuditAnchorRequest(head: head, since: since))
        return (head, AuditAnchorView(seq: answer.anchor?.seq ?? head.seq, atMs: answer.anchor?.atMs ?? 0, broken: answer.broken))
    }
}
