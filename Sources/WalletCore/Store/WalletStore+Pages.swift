import Foundation
import GRDB
import SecurityPrimitives
import SQLiteStorage
import SyncEngine

/// One page of a list the store keeps growing (learners, credentials, records, the audit log):
/// at most the page's limit of items, and the key to continue after (nil: this was the last page).
///
/// ```swift
/// var page = try store.learners(after: nil, limit: 100)
/// while let next = page.next { page = try store.learners(after: next, limit: 100) }
/// ```
public struct StorePage<Item: Sendable, Key: Sendable>: Sendable {
    public var items: [Item]
    public var next: Key?

    public init(items: [Item], next: Key?) {
        self.items = items
        self.next = next
    }
}

/// Where a page of learners or credentials continues: after this (time, id) in list order.
///
/// ```swift
/// let key = PageKey(ms: learner.createdMs, id: learner.id)
/// ```
public struct PageKey: Sendable, Equatable {
    public var ms: Int64
    public var id: String

    public init(ms: Int64, id: String) {
        self.ms = ms
        self.id = id
    }
}

/// The read routes' pages (issue 14 item 3): each is a range of an index, `limit` rows long,
/// seeking its first row after the previous page's last key, so a page costs the same whether
/// the list holds ten rows or a million. One more row than asked is read to know whether more
/// follow.
extension WalletStore {
    /// Learners in the order they were made on this PC (`learner_created`).
    public func learners(after: PageKey?, limit: Int) throws -> StorePage<Learner, PageKey> {
        try readNow { db in
            let rows = try Row.fetchAll(db, sql: Self.learnerPageSQL, arguments: [after?.ms ?? Int64.min, after?.id ?? "", limit + 1])
            let page = Self.cut(rows, limit: limit) { PageKey(ms: $0["created_ms"], id: $0["id"]) }
            return StorePage(items: page.rows.map(Self.learner(from:)), next: page.next)
        }
    }

    /// A learner's credentials in the order they arrived (`credential_learner_page`). A row whose
    /// JSON no longer reads is left out, as in ``credentials(learnerID:)``.
    public func credentials(learnerID: String, after: PageKey?, limit: Int) throws -> StorePage<HeldCredential, PageKey> {
        try readNow { db in
            let rows = try Row.fetchAll(db, sql: Self.credentialPageSQL, arguments: [learnerID, after?.ms ?? Int64.min, after?.id ?? "", limit + 1])
            let page = Self.cut(rows, limit: limit) { PageKey(ms: $0["received_ms"], id: $0["id"]) }
            return StorePage(items: page.rows.compactMap(Self.heldCredential(from:)), next: page.next)
        }
    }

    /// A learner's records by key (the table's primary key). `conflictsOnly` keeps those with
    /// concurrent values; which those are shows only once a record's state is read, so such a page
    /// reads at most ``conflictScanRows`` records and may hold fewer than `limit` (even none) with
    /// a `next` to go on from: its cost stays bounded however few records are conflicted.
    public func records(learnerID: String, conflictsOnly: Bool, after: String?, limit: Int) throws -> StorePage<(key: String, state: RegisterState), String> {
        try readNow { db in
            let scan = conflictsOnly ? max(limit, Self.conflictScanRows) : limit
            let rows = try Row.fetchAll(db, sql: Self.recordPageSQL, arguments: [learnerID, after ?? "", scan + 1])
            var items: [(key: String, state: RegisterState)] = []
            for (index, row) in rows.prefix(scan).enumerated() {
                let key: String = row["key"]
                let state = try WalletSyncStore.state(row["state_json"])
                guard !conflictsOnly || state.isConflicted else { continue }
                items.append((key, state))
                // Full: go on after this one if anything was left unread.
                if items.count == limit { return StorePage(items: items, next: index + 1 < rows.count ? key : nil) }
            }
            return StorePage(items: items, next: rows.count > scan ? rows[scan - 1]["key"] : nil)
        }
    }

    static let learnerPageSQL = "SELECT * FROM learner WHERE (created_ms, id) > (?, ?) ORDER BY created_ms, id LIMIT ?"
    static let credentialPageSQL = "SELECT * FROM credential WHERE learner_id = ? AND (received_ms, id) > (?, ?) ORDER BY received_ms, id LIMIT ?"
    static let recordPageSQL = "SELECT key, state_json FROM record WHERE learner_id = ? AND key > ? ORDER BY key LIMIT ?"

    /// How many records a conflicts-only page reads at most.
    public static let conflictScanRows = 1_000

    /// The audit log from after entry `after` (0: the first), checked against the chain from that
    /// entry's hash (`AuditLogTable.page`); `next` is the last entry's seq when more follow.
    public func auditLog(after: Int64, limit: Int) throws -> (entries: [AuditEntry], firstBroken: Int64?, next: Int64?) {
        try readNow { db in
            let page = try AuditLogTable.page(after: after, limit: limit, db: db)
            return (page.entries, page.firstBroken, page.more ? page.entries.last?.seq : nil)
        }
    }

    /// The first `limit` of `rows` (read with `limit + 1`), and the key of the last one kept when
    /// the extra row shows more follow.
    static func cut<Key>(_ rows: [Row], limit: Int, key: (Row) -> Key) -> (rows: ArraySlice<Row>, next: Key?) {
        guard rows.count > limit, limit > 0 else { return (rows[...], nil) }
        return (rows.prefix(limit), key(rows[limit - 1]))
    }
}
