import TestSupport
import Testing
@testable import RepositoryCore
@testable import SyncEngine

/// A repository store (SQLite or PostgreSQL) and SyncEngine's reference `MemoryHub` side by
/// side: every operation runs on both, and the answers must be the same (push acknowledgements
/// field by field; pull answers statement text, records, `next`, `more` and any refusal per
/// partition, in order).
///
/// ```swift
/// try await HubPair.with(.postgres) { hubs in
///     try await hubs.push(PushRequest(…), device: "pc-a")
///     let answer = try await hubs.pull(PullRequest(…), device: "pc-a")   // the store's answer, checked
/// }
/// ```
struct HubPair {
    let sqlite: any RepositoryStore
    let memory = MemoryHub()

    /// Runs `body` on a pair with a fresh store of `kind`, closed afterwards.
    static func with(_ kind: StoreKind, _ body: (HubPair) async throws -> Void) async throws {
        try await kind.with(label: "hubpair") { opened in try await body(HubPair(sqlite: opened.store)) }
    }

    @discardableResult
    func push(_ request: PushRequest, device: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> PushResponse {
        // The scenarios push one learner from several PCs: as if each had fetched them.
        try await sqlite.link(device: device, learner: request.learner.id)
        memory.link(device: device, learner: request.learner.id)
        let stored = try await sqlite.push(request, device: device)
        let reference = try memory.push(request, device: device)
        #expect(stored.comparable == reference.comparable, "push answers differ", sourceLocation: sourceLocation)
        return stored
    }

    @discardableResult
    func pull(_ request: PullRequest, device: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> PullResponse {
        let stored = try await sqlite.pull(request, device: device)
        let reference = try memory.pull(request, device: device)
        #expect(Self.summary(stored) == Self.summary(reference), "pull answers differ", sourceLocation: sourceLocation)
        #expect(stored.hub?.seq == reference.hub?.seq, "the hubs stand at different change numbers", sourceLocation: sourceLocation)
        return stored
    }

    /// `replica`'s device starts holding `learner` (an empty push, as a PC's first sync of a
    /// learner it has) so that it may pull them.
    func hold(_ learner: String, on replica: ReplicaID) async throws {
        try await push(PushRequest(replica: replica, learner: HubFixtures.learner(learner), statements: [], records: []), device: replica.rawValue)
    }

    /// What a device sees of a pull answer, comparable.
    struct PartitionSummary: Equatable, CustomStringConvertible {
        var learner: String
        var statements: [String]
        var records: [WireRecord]
        var next: Int64
        var more: Bool
        var refusal: PartitionRefusal?
        var description: String { "\(learner): \(statements.count) statements, \(records.count) records, next \(next), more \(more), refused \(refusal?.code.rawValue ?? "no")" }
    }

    static func summary(_ answer: PullResponse) -> [PartitionSummary] {
        answer.partitions.map { PartitionSummary(learner: $0.learner, statements: $0.statements.map(\.json), records: $0.records, next: $0.next, more: $0.more, refusal: $0.refusal) }
    }
}

extension PushResponse {
    /// The answer with the witness's random parts (epoch, mark, seal) left out: each hub has its
    /// own, but both must stand at the same change number.
    var comparable: PushResponse {
        var copy = self
        copy.hub = hub.map { HubWitness(epoch: "", seq: $0.seq, mark: "", seal: "") }
        return copy
    }
}
