import Foundation
import PostgresNIO
import SyncEngine

extension PostgresRepositoryStore {
    public func startNewEpoch(reason: String) async throws -> String {
        let now = nowMs()
        return try await database.transaction { tx in try await Self.startNewEpoch(reason: reason, nowMs: now, tx: tx) }
    }

    /// A new epoch and a new replica id, as in the SQLite store (`SQLiteRepositoryStore.startNewEpoch`).
    static func startNewEpoch(reason: String, nowMs: Int64, tx: PostgresTransaction) async throws -> String {
        let epoch = HubWitness.randomToken()
        // hub_meta's row lock makes two instances that both saw the rollback start one epoch each,
        // one after the other: harmless, a device then sends all again once more.
        try await tx.execute("UPDATE hub_meta SET epoch = \(epoch), replica = \(UUID().uuidString.lowercased())")
        let head = try await head(tx).seq
        try await tx.execute("""
            INSERT INTO hub_epoch (epoch, started_ms, change_seq, reason) VALUES (\(epoch), \(nowMs), \(head), \(String(reason.prefix(500))))
            """)
        return epoch
    }

    /// The newest committed witness mark: with several writers the head is the highest mark any
    /// committed transaction left, not the sequence (which also counts numbers still in flight).
    static func head(_ tx: PostgresTransaction) async throws -> (seq: Int64, mark: String) {
        try await tx.optional("SELECT seq, mark FROM hub_head ORDER BY seq DESC LIMIT 1", as: (Int64, String).self) ?? (0, "")
    }

    func currentWitness(_ tx: PostgresTransaction) async throws -> HubWitness {
        let epoch = try await tx.one("SELECT epoch FROM hub_meta", as: String.self)
        let head = try await Self.head(tx)
        return HubWitness.sealed(epoch: epoch, seq: head.seq, mark: head.mark, key: witnessKey)
    }

    /// Leaves the push's mark at the highest change number it took, then answers the witness.
    func markHead(in push: PostgresPushTransaction) async throws -> HubWitness {
        if push.highestSeq > 0 {
            try await push.tx.execute("""
                INSERT INTO hub_head (seq, mark, created_ms) VALUES (\(push.highestSeq), \(HubWitness.randomToken()), \(push.nowMs))
                """)
        }
        return try await currentWitness(push.tx)
    }

    func startNewEpochIfWitnessShowsRollback(_ witness: HubWitness?, device: String, nowMs: Int64,
                                             tx: PostgresTransaction) async throws -> (epoch: String, reason: String)? {
        guard let witness, try await showsRollback(witness, tx) else { return nil }
        let reason = "device \(device) had seen change \(witness.seq), which this database no longer holds as it was"
        return (try await Self.startNewEpoch(reason: reason, nowMs: nowMs, tx: tx), reason)
    }

    /// Outside a push (a pull): in a transaction of its own, checked again there.
    func startNewEpochIfWitnessShowsRollback(_ witness: HubWitness?, device: String) async throws {
        guard let witness, try await database.read({ tx in try await self.showsRollback(witness, tx) }) else { return }
        let now = nowMs()
        let started = try await database.transaction { tx in
            try await self.startNewEpochIfWitnessShowsRollback(witness, device: device, nowMs: now, tx: tx)
        }
        if let started { onNewEpoch?(started.epoch, started.reason) }
    }

    func showsRollback(_ witness: HubWitness, _ tx: PostgresTransaction) async throws -> Bool {
        let (epoch, keptFrom) = try await tx.one("SELECT epoch, marks_kept_from FROM hub_meta", as: (String, Int64).self)
        let head = try await Self.head(tx).seq
        // The one mark the check may ask for, read before it asks (the check itself is synchronous).
        let mark = witness.seq < keptFrom ? witness.mark
            : try await tx.optional("SELECT mark FROM hub_head WHERE seq = \(witness.seq)", as: String.self)
        return witness.showsRollback(epoch: epoch, key: witnessKey, head: head) { _ in mark }
    }
}
