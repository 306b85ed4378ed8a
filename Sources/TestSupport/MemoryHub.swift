import SyncEngine
import Basics
import Synchronization

/// An in-memory hub with the exact rules of `SyncHub`: the reference for the deterministic
/// simulation tests and the semantics repositoryd's store must match.
///
/// ```swift
/// let hub = MemoryHub()
/// let ack = try hub.push(request, device: "pc-1")
/// ```
public final class MemoryHub: SyncHub {
    struct StatementEntry {
        var seq: Int64
        var learner: String
        var statement: WireStatement
        var origin: ReplicaID
    }

    struct RecordEntry {
        var seq: Int64
        var state: RegisterState
    }

    struct State {
        var seq: Int64 = 0
        var statements: [StatementEntry] = []
        var byID: [String: String] = [:]
        var conflicts: [String: [String]] = [:]
        var records: [String: [String: RecordEntry]] = [:]
        var batches: [String: PushResponse] = [:]
        var learners: [String: WireLearner] = [:]
        var holders: Set<[String]> = []
        var received = 0
        var epoch = HubWitness.randomToken()
        /// The mark of every push that advanced `seq`, by the seq it reached.
        var heads: [Int64: String] = [:]
        var epochsStarted = 0
    }

    /// Everything the hub holds, as a copy of its database would: see `restore(_:newEpoch:)`.
    public struct Snapshot: Sendable {
        let state: State
    }

    private let state = Mutex(State())
    public let catalogVersion: String?
    /// Kept across restores, as the SQLite store keeps it in its database.
    let witnessKey = HubWitnessKey.random()

    public init(catalogVersion: String? = nil) { self.catalogVersion = catalogVersion }

    /// A copy of everything, as an admin's backup of the folder.
    public func snapshot() -> Snapshot { state.withLock { Snapshot(state: $0) } }

    /// Puts a snapshot back: by hand (`newEpoch: false`, the hub must notice from the witnesses
    /// devices show) or as `repositoryd restore` does (a new epoch at once).
    public func restore(_ snapshot: Snapshot, newEpoch: Bool) {
        state.withLock { s in
            s = snapshot.state
            if newEpoch { Self.startNewEpoch(&s) }
        }
    }

    public var epochsStarted: Int { state.withLock { $0.epochsStarted } }

    static func startNewEpoch(_ s: inout State) {
        s.epoch = HubWitness.randomToken()
        s.epochsStarted += 1
    }

    func witness(_ s: State) -> HubWitness {
        HubWitness.sealed(epoch: s.epoch, seq: s.seq, mark: s.heads[s.seq] ?? "", key: witnessKey)
    }

    public func push(_ request: PushRequest, device: String) throws -> PushResponse {
        try state.withLock { s throws(SyncHubError) in
            // Before anything else: a PC never writes what only the hub issues.
            if let reserved = request.records.first(where: { RecordKey.isReserved($0.key) }) {
                throw SyncHubError.reservedRecord(reserved.key)
            }
            if let shown = request.witness, shown.showsRollback(epoch: s.epoch, key: witnessKey, head: s.seq, markAt: { s.heads[$0] }) {
                Self.startNewEpoch(&s)
            }
            if var earlier = s.batches[request.batch] {
                earlier.replayed = true
                earlier.hub = witness(s)
                return earlier
            }
            let startSeq = s.seq
            // All or nothing: checked before anything changes.
            for record in request.records {
                let current = s.records[request.learner.id]?[record.key]?.state ?? RegisterState()
                guard current.merged(with: record.state).siblings.count <= RegisterState.maxSiblings else {
                    throw SyncHubError.tooManySiblings(record.key)
                }
            }
            // The learner's claim: checked before anything changes, too.
            var claimDecision = LearnerClaimRule.Decision.keep
            if let known = s.learners[request.learner.id] {
                claimDecision = LearnerClaimRule.decide(pushed: request.learner, storedDID: known.holderKey?.did, storedClaim: known.claim)
                if case .refuse(let reason) = claimDecision { throw SyncHubError.learnerClaimRefused(request.learner.id, reason) }
            } else if let refusal = LearnerClaimRule.refusalForNewLearner(request.learner) {
                throw SyncHubError.learnerClaimRefused(request.learner.id, refusal)
            }
            if s.learners[request.learner.id] == nil {
                s.learners[request.learner.id] = request.learner
                s.holders.insert([device, request.learner.id])
            } else if !s.holders.contains([device, request.learner.id]) {
                // Naming a learner is not enough to get their history: fetch them with their PIN
                // (or, in an epoch a restore started, send the PIN hash stored for them).
                guard s.epochsStarted > 0, let known = s.learners[request.learner.id],
                      known.pinSalt == request.learner.pinSalt, known.pinHash == request.learner.pinHash
                else { throw SyncHubError.learnerNotHeld(request.learner.id) }
                s.holders.insert([device, request.learner.id])
            } else if s.learners[request.learner.id]?.holderKey == nil, let key = request.learner.holderKey {
                // A learner created before holder keys existed gets theirs with a later push.
                s.learners[request.learner.id]?.holderKey = key
            }
            if case .replace(let claim) = claimDecision, var known = s.learners[request.learner.id] {
                // A newer claim signed by the learner's key: its PIN hash and sealed key.
                known.pinSalt = request.learner.pinSalt
                known.pinHash = request.learner.pinHash
                known.pinCost = request.learner.pinCost
                known.holderKey = request.learner.holderKey
                known.claim = claim
                s.learners[request.learner.id] = known
            }
            var accepted = 0, duplicates = 0
            var conflicts: [String] = []
            for statement in request.statements {
                s.received += 1
                if let existing = s.byID[statement.id] {
                    if existing == statement.json { duplicates += 1 } else {
                        if !(s.conflicts[statement.id] ?? []).contains(statement.json) { s.conflicts[statement.id, default: []].append(statement.json) }
                        conflicts.append(statement.id)
                    }
                    continue
                }
                s.seq += 1
                s.byID[statement.id] = statement.json
                s.statements.append(StatementEntry(seq: s.seq, learner: request.learner.id, statement: statement, origin: request.replica))
                accepted += 1
            }
            for record in request.records {
                let current = s.records[request.learner.id]?[record.key]?.state ?? RegisterState()
                let merged = current.merged(with: record.state)
                if merged != current {
                    s.seq += 1
                    s.records[request.learner.id, default: [:]][record.key] = RecordEntry(seq: s.seq, state: merged)
                }
            }
            var response = PushResponse(batch: request.batch, accepted: accepted, duplicates: duplicates, conflicts: conflicts,
                                        recordsMerged: request.records.count, replayed: false)
            s.batches[request.batch] = response
            if s.seq > startSeq { s.heads[s.seq] = HubWitness.randomToken() }
            response.hub = witness(s)
            return response
        }
    }

    public func pull(_ request: PullRequest, device: String) throws -> PullResponse {
        state.withLock { s in
            if let shown = request.witness, shown.showsRollback(epoch: s.epoch, key: witnessKey, head: s.seq, markAt: { s.heads[$0] }) {
                Self.startNewEpoch(&s)
            }
            var budget = request.limit
            // Bytes of items per answer: at least one item, then up to the page's byte budget.
            var bytesLeft = SyncWireFormat.maxPageBytes
            var items = 0
            var partitions: [PullResponse.Partition] = []
            for cursor in request.partitions {
                // A device pulls only learners it pushed for or fetched with their PIN; any other
                // comes back refused, never as a silently empty page.
                guard s.holders.contains([device, cursor.learner]) else {
                    partitions.append(PullResponse.Partition(learner: cursor.learner, statements: [], records: [], next: cursor.since, more: false,
                                                             refusal: .learnerNotHeld(cursor.learner)))
                    continue
                }
                // Changes after the checkpoint, in sequence order: statements and records.
                var changes: [(seq: Int64, statement: WireStatement?, record: WireRecord?, fromAsker: Bool)] = []
                for entry in s.statements where entry.learner == cursor.learner && entry.seq > cursor.since {
                    changes.append((entry.seq, entry.statement, nil, entry.origin == request.replica && !cursor.own))
                }
                for (key, entry) in s.records[cursor.learner] ?? [:] where entry.seq > cursor.since {
                    changes.append((entry.seq, nil, WireRecord(key: key, state: entry.state), false))
                }
                changes.sort { $0.seq < $1.seq }
                var part = PullResponse.Partition(learner: cursor.learner, statements: [], records: [], next: cursor.since, more: false)
                if let known = cursor.claim, let learner = s.learners[cursor.learner], let claim = learner.claim, claim.generation > known {
                    part.claimed = learner
                }
                for change in changes {
                    if change.fromAsker { part.next = change.seq; continue }
                    let size = change.statement?.json.utf8.count ?? change.record?.json.encodedString.utf8.count ?? 0
                    if budget == 0 || (size > bytesLeft && items > 0) { part.more = true; break }
                    budget -= 1
                    bytesLeft -= size
                    items += 1
                    if let statement = change.statement { part.statements.append(statement) }
                    if let record = change.record { part.records.append(record) }
                    part.next = change.seq
                }
                partitions.append(part)
            }
            return PullResponse(catalogVersion: catalogVersion, partitions: partitions, hub: witness(s))
        }
    }

    /// A learner was fetched onto `device` with their PIN: it may pull them.
    public func link(device: String, learner: String) {
        _ = state.withLock { $0.holders.insert([device, learner]) }
    }

    // Observations for tests.
    public var statementIDs: Set<String> { state.withLock { Set($0.byID.keys) } }
    public var statementsReceived: Int { state.withLock { $0.received } }
    public func learner(id: String) -> WireLearner? { state.withLock { $0.learners[id] } }
    public func record(learner: String, key: String) -> RegisterState? { state.withLock { $0.records[learner]?[key]?.state } }
    public func conflictVersions(id: String) -> [String] { state.withLock { $0.conflicts[id] ?? [] } }
}
