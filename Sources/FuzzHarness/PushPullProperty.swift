import Basics
import SyncEngine

/// "Anything walletd's POST accepts survives a push and a pull": each statement as walletd stores
/// it goes into a `PushRequest`, is decoded by the hub side, is served in a `PullResponse` and is
/// decoded by another PC. It must arrive byte-identical to what the first PC stored, and be
/// accepted again by the validator (the other PC indexes it as a statement). Messages go through
/// their wire encoding both ways, as in TestSupport's `FaultyTransport`.
enum PushPullProperty {
    static let replica = ReplicaID("pc-fuzz-1")
    /// With a signed claim, which must still hold after the trip (a hub believes it only then).
    static let learner = ClaimedLearner.make(name: "Fuzz Learner")

    static func check(_ bytes: [UInt8]) throws(FuzzViolation) {
        guard case .stored(let statements) = try StatementAcceptance.post(bytes, version: .v2_0_0), !statements.isEmpty else { return }
        // The PC pushes what it stored (rows from its database: id and text, not parsed).
        let outgoing = statements.map { WireStatement(id: $0.id, json: $0.json) }
        let push = PushRequest(replica: replica, learner: learner, statements: outgoing, records: [])
        let received: PushRequest
        do {
            received = try PushRequest(body: push.body())
        } catch {
            throw FuzzViolation("push survives", "the hub cannot read a push of accepted statements: \(error)")
        }
        guard received.statements.map(\.json) == statements.map(\.json) else {
            throw FuzzViolation("push survives", "the hub reads other statement texts than the PC stored")
        }
        guard received.learner == learner, LearnerClaimRule.refusalForNewLearner(received.learner) == nil else {
            throw FuzzViolation("push survives", "the hub reads another learner, or a claim that no longer holds, than the PC sent")
        }
        // The hub serves the texts it received.
        let served = received.statements.map { WireStatement(id: $0.id, json: $0.json) }
        let pull = PullResponse(catalogVersion: nil, partitions: [
            .init(learner: learner.id, statements: served, records: [], next: Int64(served.count), more: false, claimed: received.learner),
        ])
        let answer: PullResponse
        do {
            answer = try PullResponse(body: pull.body())
        } catch {
            throw FuzzViolation("pull survives", "another PC cannot read the pull answer: \(error)")
        }
        if let unreadable = answer.unreadable.first {
            throw FuzzViolation("pull survives", "the pull answer's partition is unreadable: \(unreadable.error)")
        }
        guard let partition = answer.partitions.first, partition.statements.count == statements.count else {
            throw FuzzViolation("pull survives", "the pull answer lost statements")
        }
        guard let claimed = partition.claimed, claimed == learner,
              claimed.claim?.problem(with: claimed, holderDID: learner.holderKey?.did ?? "") == nil
        else { throw FuzzViolation("pull survives", "the learner's claim did not arrive intact with the pull") }
        for (arrived, original) in zip(partition.statements, statements) {
            guard arrived.id == original.id, arrived.json == original.json else {
                throw FuzzViolation("byte-identical", "statement \(original.id) arrived as other bytes:\n stored  \(original.json.prefix(300))\n arrived \(arrived.json.prefix(300))")
            }
            guard case .stored = try StatementAcceptance.post(Array(arrived.json.utf8), version: .v2_0_0) else {
                throw FuzzViolation("accepted again", "the arrived statement \(original.id) is refused by the validator")
            }
        }
    }
}
