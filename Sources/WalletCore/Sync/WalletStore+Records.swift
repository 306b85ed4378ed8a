import Foundation
import GRDB
import SyncEngine
import WalletAPI
import Basics

extension WalletStore {
    /// A learner's mutable records (profile fields, enrolments), optionally only those with
    /// concurrent values.
    public func records(learnerID: String, conflictsOnly: Bool) throws -> [(key: String, state: RegisterState)] {
        try readNow { db in
            try Row.fetchAll(db, sql: "SELECT key, state_json FROM record WHERE learner_id = ? ORDER BY key", arguments: [learnerID])
                .map { (key: $0["key"] as String, state: try WalletSyncStore.state($0["state_json"])) }
                .filter { !conflictsOnly || $0.state.isConflicted }
        }
    }

    /// Writes a record on this replica. `seen` is the context the writer was shown (nil: all
    /// this PC knows, i.e. a plain overwrite). The record becomes dirty until pushed.
    public func writeRecord(learnerID: String, key: String, value: JSONValue, seen: VersionVector?, replica: ReplicaID) throws -> RegisterState {
        try writeNow { db in
            let current = try String.fetchOne(db, sql: "SELECT state_json FROM record WHERE learner_id = ? AND key = ?",
                                              arguments: [learnerID, key]).map(WalletSyncStore.state) ?? RegisterState()
            let next = current.writing(value, by: replica, seen: seen ?? current.context)
            guard next.siblings.count <= RegisterState.maxSiblingsAfterLocalWrite else {
                throw RecordWriteError.tooManyValues(count: current.siblings.count)
            }
            try db.execute(sql: """
                INSERT INTO record (learner_id, key, state_json, dirty) VALUES (?, ?, ?, 1)
                ON CONFLICT (learner_id, key) DO UPDATE SET state_json = excluded.state_json, dirty = 1
                """, arguments: [learnerID, key, next.json.encodedString])
            return next
        }
    }
}

/// The opaque context token of the record API: base64url of the version vector's canonical JSON.
///
/// ```swift
/// let token = RecordContext.token(for: state.context)
/// let vector = try RecordContext.vector(from: token)
/// ```
public enum RecordContext {
    public static func token(for vector: VersionVector) -> String {
        let json = JSONValue.object(Dictionary(uniqueKeysWithValues: vector.counters.map { ($0.key.rawValue, JSONValue.number(Double($0.value))) }))
        return Base64URL.encode(Data(json.canonicalData()))
    }

    public static func vector(from token: String) -> VersionVector? {
        guard token.utf8.count <= 16_384, let data = Base64URL.decode(token), let value = try? JSONValue(data: data),
              case .object(let fields) = value
        else { return nil }
        var counters: [ReplicaID: UInt64] = [:]
        for (key, count) in fields {
            guard let replica = ReplicaID(validating: key), let d = count.doubleValue, d >= 0, d <= 9_007_199_254_740_992, d.rounded(.towardZero) == d
            else { return nil }
            counters[replica] = UInt64(d)
        }
        return VersionVector(counters)
    }
}

/// A record write walletd refuses.
public enum RecordWriteError: Error, Equatable {
    /// The record already holds this many concurrent values; the write would add one more.
    case tooManyValues(count: Int)
}
