import Synchronization
import WalletAPI
@testable import SyncEngine

/// An in-memory device for the simulation, following `SyncClientStore`'s contract exactly as
/// walletd's SQLite store does: local statements in sequence order after the push checkpoint,
/// pulled statements never pushed back, dirty records until acknowledged.
final class MemoryDeviceStore: SyncClientStore {
    struct Statement { var seq: Int64; var learner: String; var wire: WireStatement; var local: Bool }
    struct Record { var state: RegisterState; var dirty: Bool }
    struct State {
        var seq: Int64 = 0
        var learners: [String: WireLearner] = [:]
        var statements: [Statement] = []
        var byID: [String: String] = [:]
        var conflicts: [String: Set<String>] = [:]
        var pushed: [String: Int64] = [:]
        var announced: Set<String> = []
        var pulled: [String: Int64] = [:]
        var records: [String: [String: Record]] = [:]
        var catalog: String?
    }

    let replica: ReplicaID
    private let state = Mutex(State())

    init(replica: ReplicaID) { self.replica = replica }

    // MARK: - What the learner does

    func addLearner(_ id: String) {
        state.withLock { $0.learners[id] = WireLearner(id: id, name: id, pinSalt: "c2FsdA", pinHash: "aGFzaA", logN: 10, blockSize: 8, parallelism: 1, createdMs: 0) }
    }

    func addFetchedLearner(_ id: String) {
        addLearner(id)
        _ = state.withLock { $0.announced.insert(id) }
    }

    func record(learner: String, id: String, content: String) {
        let json = JSONValue.object(["id": .string(id), "actor": ["mbox": .string("mailto:\(learner)@x.example")], "verb": ["id": "http://adlnet.gov/expapi/verbs/completed"],
                                     "object": ["id": .string("https://x.example/\(content)")], "stored": "2026-01-01T00:00:00Z", "authority": ["mbox": "mailto:w@x.example"]])
        state.withLock { s in
            guard s.byID[id] == nil else { return }
            s.seq += 1
            s.byID[id] = json.encodedString
            s.statements.append(Statement(seq: s.seq, learner: learner, wire: WireStatement(id: id, json: json.encodedString), local: true))
        }
    }

    func write(learner: String, key: String, value: JSONValue, seen: VersionVector?) {
        state.withLock { s in
            let current = s.records[learner]?[key]?.state ?? RegisterState()
            s.records[learner, default: [:]][key] = Record(state: current.writing(value, by: replica, seen: seen ?? current.context), dirty: true)
        }
    }

    func register(learner: String, key: String) -> RegisterState { state.withLock { $0.records[learner]?[key]?.state ?? RegisterState() } }
    func statementContents() -> [String: String] { state.withLock { $0.byID } }

    // MARK: - SyncClientStore

    func partitions() throws -> [PullRequest.Cursor] {
        state.withLock { s in s.learners.keys.sorted().map { PullRequest.Cursor(learner: $0, since: s.pulled[$0] ?? 0) } }
    }

    func pendingBatch(learner: String, limit: Int) throws -> PendingBatch? {
        state.withLock { s in
            guard let wireLearner = s.learners[learner] else { return nil }
            let after = s.pushed[learner] ?? 0
            let statements = s.statements.filter { $0.learner == learner && $0.local && $0.seq > after }.prefix(limit)
            let records = (s.records[learner] ?? [:]).filter(\.value.dirty).sorted { $0.key < $1.key }.prefix(limit)
                .map { WireRecord(key: $0.key, state: $0.value.state) }
            guard !statements.isEmpty || !records.isEmpty || !s.announced.contains(learner) else { return nil }
            return PendingBatch(request: PushRequest(replica: replica, learner: wireLearner, statements: statements.map(\.wire), records: Array(records)),
                                lastSeq: statements.last?.seq ?? after)
        }
    }

    func acknowledge(_ batch: PendingBatch, response: PushResponse) throws {
        state.withLock { s in
            let learner = batch.request.learner.id
            s.pushed[learner] = max(s.pushed[learner] ?? 0, batch.lastSeq)
            s.announced.insert(learner)
            for record in batch.request.records where s.records[learner]?[record.key]?.state == record.state {
                s.records[learner]?[record.key]?.dirty = false
            }
        }
    }

    func applyPulled(_ partition: PullResponse.Partition) throws {
        state.withLock { s in
            guard s.learners[partition.learner] != nil else { return }
            for statement in partition.statements {
                if let held = s.byID[statement.id] {
                    if held != statement.json { s.conflicts[statement.id, default: []].insert(statement.json) }
                    continue
                }
                s.seq += 1
                s.byID[statement.id] = statement.json
                s.statements.append(Statement(seq: s.seq, learner: partition.learner, wire: statement, local: false))
            }
            for record in partition.records {
                let current = s.records[partition.learner]?[record.key] ?? Record(state: RegisterState(), dirty: false)
                s.records[partition.learner, default: [:]][record.key] = Record(state: current.state.merged(with: record.state), dirty: current.dirty)
            }
            s.pulled[partition.learner] = max(s.pulled[partition.learner] ?? 0, partition.next)
        }
    }

    func catalogVersion() throws -> String? { state.withLock { $0.catalog } }
    func storeCatalog(_ envelope: CatalogEnvelope) throws { state.withLock { $0.catalog = envelope.version } }
}
