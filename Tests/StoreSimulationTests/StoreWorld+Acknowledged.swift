import GRDB
@testable import WalletCore
@testable import RepositoryCore

/// A step-by-step look for `SIM_DEBUG=1`: the first PC holding statements of its own that the
/// repository acknowledged but no longer has, with the witness it keeps. Right after a copy is
/// put back this is expected; it must not outlive the PC's next start-over.
extension StoreWorld {
    func debugCheck(step: Int) throws -> String? {
        let hubIDs = try hub.current.pool.read { db in Set(try String.fetchAll(db, sql: "SELECT id FROM hub_statement")) }
        for pc in pcs {
            let acked = try pc.store.readNow { db in
                try String.fetchAll(db, sql: """
                    SELECT s.id FROM statement s JOIN sync_partition p ON p.learner_id = s.learner_id WHERE s.origin = 0 AND s.seq <= p.pushed_seq
                    """)
            }
            let missing = acked.filter { !hubIDs.contains($0) }
            if !missing.isEmpty {
                let witness = try pc.sync.hubWitness()
                return "step \(step): pc\(pc.index) has \(missing.count) acknowledged statements the repository lacks "
                    + "(witness \(witness.map { "\($0.epoch) #\($0.seq)" } ?? "none"), repository epoch \(try hub.current.epoch()))"
            }
        }
        return nil
    }
}
