import Crypto
import Foundation

/// The hash chain of an audit log: each entry's hash covers the previous entry's hash, so changing,
/// removing or reordering any entry breaks every hash from there on. Pure: the stores keep the
/// rows, this says whether they still form the chain they were written as.
///
/// What it does not prove: that nobody cut entries off the end, or rewrote the whole chain from
/// some entry on (anyone with the file can recompute SHA-256). The SQLite triggers stop honest
/// code and bugs; a PC's head is anchored at the repository after each sync (`AuditAnchor`).
///
/// ```swift
/// let hash = AuditChain.hash(previous: AuditChain.genesis, seq: 1, atMs: now, event: event)
/// AuditChain.firstBroken(entries)   // nil: every entry is where it was written
/// ```
public enum AuditChain {
    /// The "previous hash" of the first entry.
    public static let genesis = Data(repeating: 0, count: 32)

    public static func hash(previous: Data, seq: Int64, atMs: Int64, event: AuditEvent) -> Data {
        hash(previous: previous, entry: AuditEntry(seq: seq, atMs: atMs, kind: event.kind.rawValue, learner: event.learner,
                                                   device: event.device, detail: event.detail, hash: Data()))
    }

    /// The hash `entry` should carry after `previous` (its own `hash` field is not read).
    public static func hash(previous: Data, entry: AuditEntry) -> Data {
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: entry.canonicalEncoding)
        return Data(hasher.finalize())
    }

    /// The seq of the first entry that is not where it was written (its hash does not follow, or
    /// the sequence skips or repeats), or nil when the whole chain holds. Entries in seq order,
    /// starting at 1 (an empty log verifies).
    public static func firstBroken(_ entries: [AuditEntry]) -> Int64? {
        firstBroken(entries, previous: genesis, nextSeq: 1)
    }

    /// ``firstBroken(_:)`` for a page of the log: `entries` must follow the entry whose hash is
    /// `previous` and start at `nextSeq`. Pages checked one after another, each from the hash of
    /// the last entry before it, check exactly what the whole log checked at once does.
    ///
    /// ```swift
    /// AuditChain.firstBroken(page, previous: entry40.hash, nextSeq: 41)   // nil: the page holds
    /// ```
    public static func firstBroken(_ entries: [AuditEntry], previous start: Data, nextSeq: Int64) -> Int64? {
        var previous = start
        var expectedSeq = nextSeq
        for entry in entries {
            guard entry.seq == expectedSeq, entry.hash == hash(previous: previous, entry: entry) else { return entry.seq }
            previous = entry.hash
            expectedSeq += 1
        }
        return nil
    }
}
