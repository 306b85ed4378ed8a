import Synchronization
import Basics
import SecurityPrimitives
import SyncEngine

/// An in-memory device for the simulation, keeping `SyncClientStore`'s contract the way walletd's
/// SQLite store does: statements with a local sequence number and an origin (recorded here or
/// pulled from the hub), per learner a push and a pull checkpoint, records as register states with
/// a dirty mark, the catalog version. Each method is one "transaction" under the lock.
///
/// ```swift
/// let device = MemoryDeviceStore(replica: ReplicaID("pc1"))
/// device.addLearner("ana")
/// device.record(learner: "ana", id: id, json: text)
/// _ = try SyncClient(store: device, transport: link).run()
/// ```
final class MemoryDeviceStore: SyncClientStore {
    enum Origin: Equatable { case local, hub }

    struct Statement {
        var seq: Int64
        var learner: String
        var wire: WireStatement
        var origin: Origin
    }

    struct Record: Equatable {
        var state: RegisterState
        var dirty: Bool
    }

    struct Partition {
        var learner: WireLearner
        /// Highest local seq the hub acknowledged.
        var pushed: Int64 = 0
        /// The hub's change sequence up to which this device has stored everything.
        var pulled: Int64 = 0
        /// The hub knows the learner (pushed once, or fetched from it).
        var announced = false
        /// Statements pulled from the hub up to this local seq are sent back (after a new epoch).
        var resendThrough: Int64 = 0
    }

    /// What a device holds, for comparing replicas.
    struct Snapshot: Equatable {
        var statements: [String: String]
        var records: [String: [String: RegisterState]]
        var conflicts: [String: Set<String>]
    }

    struct State {
        var seq: Int64 = 0
        var order: [String] = []
        var partitions: [String: Partition] = [:]
        var statements: [Statement] = []
        var index: [String: Int] = [:]
        /// Other versions of statements this device holds, pulled under the same id.
        var conflicts: [String: Set<String>] = [:]
        var records: [String: [String: Record]] = [:]
        var catalog: String?
        /// Pulls that asked to move a checkpoint backwards (a hub bug if ever non-zero).
        var checkpointRegressions = 0
        var witness: HubWitness?
        var startOvers = 0
        /// Items the hub refused on their own, in the order quarantined.
        var quarantine: [QuarantinedItem] = []
    }

    /// A quarantined item as the tests look at it.
    struct QuarantinedItem: Equatable {
        var learner: String
        var kind: String
        /// The statement id or record key.
        var item: String
        var code: ErrorCode
        /// For a record: the state that was refused (a later write is tried again).
        var state: RegisterState?
    }

    let replica: ReplicaID
    private let state = Mutex(State())

    init(replica: ReplicaID) { self.replica = replica }

    // MARK: - What learners do on this PC

    static func wireLearner(_ id: String) -> WireLearner {
        WireLearner(id: id, name: id, pinSalt: "c2FsdA", pinHash: "aGFzaA", pinCost: ScryptCost(logN: 10), createdMs: 0)
    }

    /// A learner created on this PC: announced to the hub by the first push.
    func addLearner(_ id: String) {
        state.withLock { s in
            guard s.partitions[id] == nil else { return }
            s.order.append(id)
            s.partitions[id] = Partition(learner: Self.wireLearner(id))
        }
    }

    /// A learner brought from the hub with their PIN: the hub knows them; checkpoints start at 0.
    func addFetchedLearner(_ id: String) {
        addLearner(id)
        state.withLock { $0.partitions[id]?.announced = true }
    }

    /// Stores a statement recorded here (as walletd's statement API does); false if the id is held.
    @discardableResult
    func record(learner: String, id: String, json: String) -> Bool {
        state.withLock { s in
            guard s.partitions[learner] != nil, s.index[id] == nil else { return false }
            s.seq += 1
            s.index[id] = s.statements.count
            s.statements.append(Statement(seq: s.seq, learner: learner, wire: WireStatement(id: id, json: json), origin: .local))
            return true
        }
    }

    /// A profile or enrolment write: `seen` is the context the learner was shown (nil: the
    /// current one). Returns what the write had seen and the new state.
    @discardableResult
    func write(learner: String, key: String, value: JSONValue, seen: VersionVector?) -> (seen: VersionVector, state: RegisterState) {
        state.withLock { s in
            let current = s.records[learner]?[key]?.state ?? RegisterState()
            let seen = seen ?? current.context
            let next = current.writing(value, by: replica, seen: seen)
            s.records[learner, default: [:]][key] = Record(state: next, dirty: true)
            return (seen, next)
        }
    }

    // MARK: - Observations

    func register(learner: String, key: String) -> RegisterState { state.withLock { $0.records[learner]?[key]?.state ?? RegisterState() } }
    func isDirty(learner: String, key: String) -> Bool { state.withLock { $0.records[learner]?[key]?.dirty ?? false } }
    func hasDirtyRecords() -> Bool { state.withLock { $0.records.values.contains { $0.values.contains(where: \.dirty) } } }
    func statementTexts() -> [String: String] { state.withLock { Dictionary(uniqueKeysWithValues: $0.statements.map { ($0.wire.id, $0.wire.json) }) } }
    func origin(of id: String) -> Origin? { state.withLock { s in s.index[id].map { s.statements[$0].origin } } }
    func learner(of id: String) -> String? { state.withLock { s in s.index[id].map { s.statements[$0].learner } } }
    func conflicts() -> [String: Set<String>] { state.withLock { $0.conflicts } }
    func checkpoints(_ learner: String) -> (pushed: Int64, pulled: Int64) { state.withLock { ($0.partitions[learner]?.pushed ?? 0, $0.partitions[learner]?.pulled ?? 0) } }
    var checkpointRegressions: Int { state.withLock { $0.checkpointRegressions } }
    var startOvers: Int { state.withLock { $0.startOvers } }
    func quarantined() -> [QuarantinedItem] { state.withLock { $0.quarantine } }
    /// What walletd does when its version changes: every quarantined item is tried again.
    func releaseQuarantine() {
        state.withLock { s in
            for item in s.quarantine where item.kind == "statement" {
                // Rewind the push checkpoint to just before it: what lies between is sent again (duplicates).
                if let i = s.index[item.item], let partition = s.partitions[item.learner] {
                    s.partitions[item.learner]!.pushed = min(partition.pushed, s.statements[i].seq - 1)
                }
            }
            s.quarantine = []
        }
    }
    var catalog: String? { state.withLock { $0.catalog } }

    func snapshot() -> Snapshot {
        state.withLock { s in
            Snapshot(statements: Dictionary(uniqueKeysWithValues: s.statements.map { ($0.wire.id, $0.wire.json) }),
                     records: s.records.mapValues { $0.mapValues(\.state) }, conflicts: s.conflicts)
        }
    }

    // MARK: - SyncClientStore

    func partitions() throws -> [PullRequest.Cursor] {
        state.withLock { s in
            s.order.map { PullRequest.Cursor(learner: $0, since: s.partitions[$0]!.pulled, claim: s.partitions[$0]!.learner.claim?.generation ?? -1) }
        }
    }

    /// Statements recorded here after the push checkpoint, in local order, and dirty records, at
    /// most `limit` of each; nil when there are none (and the hub already knows the learner).
    func pendingBatch(learner: String, limit: Int) throws -> PendingBatch? {
        try pendingBatch(learner: learner, limit: limit, maxBytes: .max)
    }

    /// The same within `maxBytes` of items (at least one), leaving out quarantined items.
    func pendingBatch(learner: String, limit: Int, maxBytes: Int) throws -> PendingBatch? {
        batch(learner: learner, limit: limit, maxBytes: maxBytes, after: nil)
    }

    /// The statements after a batch still on its way, as walletd's store gives them.
    func statementBatch(learner: String, limit: Int, maxBytes: Int, after: Int64) throws -> PendingBatch? {
        batch(learner: learner, limit: limit, maxBytes: maxBytes, after: after)
    }

    private func batch(learner: String, limit: Int, maxBytes: Int, after: Int64?) -> PendingBatch? {
        state.withLock { s in
            guard var partition = s.partitions[learner] else { return nil }
            partition.pushed = max(partition.pushed, after ?? 0)
            let held = s.quarantine.filter { $0.learner == learner }
            var bytes = 0
            var picked: [Statement] = []
            for statement in s.statements where statement.learner == learner && (statement.origin == .local || statement.seq <= partition.resendThrough) && statement.seq > partition.pushed {
                guard picked.count < limit else { break }
                if held.contains(where: { $0.kind == "statement" && $0.item == statement.wire.id }) { continue }
                if bytes + statement.wire.json.utf8.count > maxBytes && !picked.isEmpty { break }
                bytes += statement.wire.json.utf8.count
                picked.append(statement)
            }
            var records: [WireRecord] = []
            if after != nil && picked.isEmpty { return nil }
            for (key, record) in (s.records[learner] ?? [:]).filter(\.value.dirty).sorted(by: { $0.key < $1.key }) where after == nil {
                guard records.count < limit else { break }
                if held.contains(where: { $0.kind == "record" && $0.item == key && $0.state == record.state }) { continue }
                let wire = WireRecord(key: key, state: record.state)
                let size = wire.json.encodedString.utf8.count
                if bytes + size > maxBytes && !(picked.isEmpty && records.isEmpty) { break }
                bytes += size
                records.append(wire)
            }
            guard !picked.isEmpty || !records.isEmpty || !partition.announced else { return nil }
            return PendingBatch(request: PushRequest(replica: replica, learner: partition.learner, statements: picked.map(\.wire), records: records),
                                lastSeq: picked.last?.seq ?? partition.pushed, statementSeqs: picked.map(\.seq))
        }
    }

    func quarantine(_ entry: QuarantineEntry) throws {
        state.withLock { s in
            var state: RegisterState?
            if case .record(let record) = entry.item { state = record.state }
            // One entry per item, as walletd's table keeps it: a record refused again in a newer state replaces it.
            s.quarantine.removeAll { $0.learner == entry.learner && $0.kind == entry.kind && $0.item == entry.key }
            s.quarantine.append(QuarantinedItem(learner: entry.learner, kind: entry.kind, item: entry.key, code: entry.code, state: state))
        }
    }

    /// Moves the push checkpoint to the batch's last seq and clears the dirty mark of every record
    /// whose state is still the one sent (a write made meanwhile stays dirty).
    func acknowledge(_ batch: PendingBatch, response: PushResponse) throws {
        state.withLock { s in
            let learner = batch.request.learner.id
            guard s.partitions[learner] != nil else { return }
            s.partitions[learner]!.pushed = max(s.partitions[learner]!.pushed, batch.lastSeq)
            s.partitions[learner]!.announced = true
            for record in batch.request.records where s.records[learner]?[record.key]?.state == record.state {
                s.records[learner]![record.key]!.dirty = false
            }
        }
    }

    /// One partition's changes, all or nothing: a statement already held with the same text is
    /// ignored, with other text kept aside as a conflict; a new one is stored as from the hub
    /// (never pushed back); a record merges into the local state; the checkpoint becomes `next`.
    func applyPulled(_ partition: PullResponse.Partition) throws {
        state.withLock { s in
            guard let current = s.partitions[partition.learner] else { return }
            // A newer claim (a PIN changed elsewhere), believed as walletd believes it.
            if let claimed = partition.claimed, claimed.id == partition.learner,
               case .replace = LearnerClaimRule.decide(pushed: claimed, storedDID: current.learner.holderKey?.did, storedClaim: current.learner.claim) {
                s.partitions[partition.learner]!.learner = claimed
            }
            for statement in partition.statements {
                if let i = s.index[statement.id] {
                    if !s.statements[i].wire.json.utf8.elementsEqual(statement.json.utf8) { s.conflicts[statement.id, default: []].insert(statement.json) }
                    continue
                }
                s.seq += 1
                s.index[statement.id] = s.statements.count
                s.statements.append(Statement(seq: s.seq, learner: partition.learner, wire: WireStatement(id: statement.id, json: statement.json), origin: .hub))
            }
            for record in partition.records {
                let held = s.records[partition.learner]?[record.key] ?? Record(state: RegisterState(), dirty: false)
                let merged = held.state.merged(with: record.state)
                guard merged.siblings.count <= RegisterState.maxSiblings else { continue }
                s.records[partition.learner, default: [:]][record.key] = Record(state: merged, dirty: held.dirty)
            }
            if partition.next < current.pulled { s.checkpointRegressions += 1 }
            s.partitions[partition.learner]!.pulled = partition.next
        }
    }

    func hubWitness() throws -> HubWitness? { state.withLock { $0.witness } }

    func keep(_ witness: HubWitness) throws {
        state.withLock { s in
            if let kept = s.witness, kept.epoch != witness.epoch || kept.seq >= witness.seq { return }
            s.witness = witness
        }
    }

    /// Everything held becomes pending again, pulled statements too; every checkpoint goes to 0.
    func startOver(at witness: HubWitness) throws {
        state.withLock { s in
            for learner in s.order {
                let newest = s.statements.last { $0.learner == learner }?.seq ?? 0
                s.partitions[learner]!.pushed = 0
                s.partitions[learner]!.pulled = 0
                s.partitions[learner]!.announced = false
                s.partitions[learner]!.resendThrough = newest
            }
            for learner in s.records.keys { for key in s.records[learner]!.keys { s.records[learner]![key]!.dirty = true } }
            s.witness = witness
            s.startOvers += 1
        }
    }

    func catalogVersion() throws -> String? { state.withLock { $0.catalog } }
    func storeCatalog(_ envelope: CatalogEnvelope) throws { state.withLock { $0.catalog = envelope.version } }
}
