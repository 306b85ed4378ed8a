import Credentials
import Foundation
import GRDB
import SyncEngine
import WalletAPI
import SecurityPrimitives
import SQLiteStorage
import Basics

/// A credential as this PC holds it: the signed JSON verbatim and what the check on arrival found.
///
/// ```swift
/// for held in try store.credentials(learnerID: ana) { print(held.id, held.problem ?? "verified") }
/// ```
public struct HeldCredential: Sendable, Equatable {
    public var id: String
    public var learnerID: String
    public var json: JSONValue
    public var issuer: String
    public var statusList: String?
    public var receivedMs: Int64
    public var problem: String?
}

/// A cached signed list (trust list or status list) and when this PC fetched it.
public struct CachedList: Sendable, Equatable {
    public var json: JSONValue
    public var fetchedMs: Int64
}

extension WalletStore {
    /// Files the credentials the repository wrote into a learner's partition (records under
    /// `credential/`), checking each on arrival. Called inside the pull's transaction.
    static func storeArrivedCredentials(_ values: [JSONValue], learnerID: String, nowMs: Int64, db: Database) throws {
        guard !values.isEmpty else { return }
        let holderDID = try String.fetchOne(db, sql: "SELECT holder_key FROM learner WHERE id = ?", arguments: [learnerID])
            .flatMap { try? WireHolderKey(storedJSON: $0) }?.did
        let trust = try cachedTrustList(db: db).flatMap { try? TrustListContent(json: $0.json) }
        for value in values {
            guard let checked = CredentialArrival.check(value, learnerDID: holderDID, trustList: trust) else { continue }
            try db.execute(sql: """
                INSERT INTO credential (id, learner_id, json, issuer, status_list, received_ms, problem) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING
                """, arguments: [checked.id, learnerID, value.encodedString, checked.issuer, checked.statusList, nowMs, checked.problem])
        }
    }

    public func credentials(learnerID: String) throws -> [HeldCredential] {
        try readNow { db in
            try Row.fetchAll(db, sql: "SELECT * FROM credential WHERE learner_id = ? ORDER BY received_ms, id", arguments: [learnerID])
                .compactMap(Self.heldCredential(from:))
        }
    }

    public func credential(id: String, learnerID: String) throws -> HeldCredential? {
        try readNow { db in
            try Row.fetchOne(db, sql: "SELECT * FROM credential WHERE id = ? AND learner_id = ?", arguments: [id, learnerID])
                .flatMap(Self.heldCredential(from:))
        }
    }

    /// Every status list URL a held credential points at.
    public func statusListURLs() throws -> [String] {
        try readNow { db in try String.fetchAll(db, sql: "SELECT DISTINCT status_list FROM credential WHERE status_list IS NOT NULL ORDER BY 1") }
    }

    public func trustList() throws -> (anchor: String, version: Int, list: CachedList)? {
        try readNow { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT anchor, version, json, fetched_ms FROM trust_list") else { return nil }
            guard let json = try? JSONValue(data: Data((row["json"] as String).utf8)) else { return nil }
            return (row["anchor"], row["version"], CachedList(json: json, fetchedMs: row["fetched_ms"]))
        }
    }

    /// Keeps a verified trust list. The first list pins its signer; a later one must come from
    /// the same key, or from a key the pinned one handed over to through the list's chain of
    /// signed successions (`TrustAnchorSuccession`; the new key is pinned then, and the audit log
    /// says so), or from any key once after an enrolment (`repin`), and must not be older
    /// (`TrustListError`) — unless the repository started a
    /// new epoch since the held one came (`hubEpoch`: restored from an older copy, its list went
    /// back with it; the key is still the pinned one).
    public func storeTrustList(_ json: JSONValue, signer: String, version: Int, hubEpoch: String?, nowMs: Int64) throws {
        try writeNow { db in
            let text = json.encodedString
            if let row = try Row.fetchOne(db, sql: "SELECT anchor, version, json, hub_epoch, repin FROM trust_list") {
                let anchor: String = row["anchor"]
                let repin = (row["repin"] as Int) != 0
                if anchor != signer, repin {
                    // Enrolled again since: the admin's word replaces the pin.
                    try AuditLogTable.append([AuditEvent(.keyRotate, detail: ["key": "trust-anchor", "previous": anchor, "next": signer, "by": "enrolment"])],
                                             atMs: nowMs, db: db)
                } else if anchor != signer {
                    // The repository's key rotated: follow only an unbroken chain of hand-overs,
                    // each signed by the key before, from the pinned key; then pin the new one.
                    let successions = (try? TrustListContent(json: json))?.successions ?? []
                    guard case .reached = TrustAnchorSuccession.follow(from: anchor, to: signer, statements: successions) else {
                        throw TrustListError.otherSigner(pinned: anchor, found: signer)
                    }
                    try AuditLogTable.append([AuditEvent(.keyRotate, detail: ["key": "trust-anchor", "previous": anchor, "next": signer])],
                                             atMs: nowMs, db: db)
                }
                let restored = hubEpoch != nil && row["hub_epoch"] != hubEpoch
                guard version >= row["version"] as Int || restored || repin else { throw TrustListError.older(held: row["version"], found: version) }
                // The same list again (most syncs): only its age changes.
                if row["json"] as String == text {
                    try db.execute(sql: "UPDATE trust_list SET fetched_ms = ?, hub_epoch = ?, repin = 0", arguments: [nowMs, hubEpoch])
                    return
                }
            }
            try db.execute(sql: """
                INSERT INTO trust_list (singleton, anchor, version, json, fetched_ms, hub_epoch) VALUES (1, ?, ?, ?, ?, ?)
                ON CONFLICT (singleton) DO UPDATE SET anchor = excluded.anchor, version = excluded.version, json = excluded.json,
                  fetched_ms = excluded.fetched_ms, hub_epoch = excluded.hub_epoch, repin = 0
                """, arguments: [signer, version, text, nowMs, hubEpoch])
            // Credentials that arrived before the first list are checked against it now; and one
            // that arrived before the list naming its issuer (the first credential signed with an
            // awarding body's new key comes with the same sync run that brings the list listing
            // that key) is cleared: its other checks passed on arrival.
            if let trust = try? TrustListContent(json: json) {
                for row in try Row.fetchAll(db, sql: "SELECT id, issuer, problem FROM credential WHERE problem IS NULL OR problem = ?",
                                            arguments: [CredentialArrival.notOnTrustList]) {
                    let issuer: String = row["issuer"]
                    let listed = trust.awardingBody(did: issuer) != nil
                    let problem: String? = row["problem"]
                    if listed == (problem == nil) { continue }
                    try db.execute(sql: "UPDATE credential SET problem = ? WHERE id = ?",
                                   arguments: [listed ? nil : CredentialArrival.notOnTrustList, row["id"] as String])
                }
            }
        }
    }

    public func statusList(url: String) throws -> CachedList? {
        try readNow { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT json, fetched_ms FROM status_list WHERE url = ?", arguments: [url]),
                  let json = try? JSONValue(data: Data((row["json"] as String).utf8))
            else { return nil }
            return CachedList(json: json, fetchedMs: row["fetched_ms"])
        }
    }

    public func storeStatusList(url: String, json: JSONValue, nowMs: Int64) throws {
        try writeNow { db in
            try db.execute(sql: """
                INSERT INTO status_list (url, json, fetched_ms) VALUES (?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET json = excluded.json, fetched_ms = excluded.fetched_ms
                """, arguments: [url, json.encodedString, nowMs])
        }
    }

    static func cachedTrustList(db: Database) throws -> CachedList? {
        guard let row = try Row.fetchOne(db, sql: "SELECT json, fetched_ms FROM trust_list"),
              let json = try? JSONValue(data: Data((row["json"] as String).utf8))
        else { return nil }
        return CachedList(json: json, fetchedMs: row["fetched_ms"])
    }

    static func heldCredential(from row: Row) -> HeldCredential? {
        guard let json = try? JSONValue(data: Data((row["json"] as String).utf8)) else { return nil }
        return HeldCredential(id: row["id"], learnerID: row["learner_id"], json: json, issuer: row["issuer"],
                              statusList: row["status_list"], receivedMs: row["received_ms"], problem: row["problem"])
    }
}

/// A trust list this PC will not take.
public enum TrustListError: Error, Equatable, CustomStringConvertible {
    case otherSigner(pinned: String, found: String)
    case older(held: Int, found: Int)

    public var description: String {
        switch self {
        case .otherSigner(let pinned, let found):
            "the repository's trust list is signed by \(found), but this PC pinned \(pinned) when it first synced and no chain of key successions signed by the pinned key leads to it; this PC keeps its list. If the repository's key really changed without a hand-over (`repositoryd trust-anchor rotate` makes one), the centre admin enrols the PC again with a new code (`wallet-cli device enrol`), which pins the next list's key afresh"
        case .older(let held, let found):
            "the repository sent trust list version \(found), older than version \(held) held here, without starting a new epoch; if it was restored from a backup, restore it with `repositoryd restore` (which starts one), then sync again"
        }
    }
}
