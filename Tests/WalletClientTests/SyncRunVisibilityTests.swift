import Foundation
import Testing
import WalletAPI

/// Failed before (found by the route audit): a finished run named every held-back learner and
/// every conflicting statement id to anyone on the socket.
@Suite("A sync run as each caller may see it")
struct SyncRunVisibilityTests {
    static let run = SyncRunResult(run: 3, ok: true, error: nil, finished: "2026-12-02T05:00:00Z", durationMs: 12, requests: 2, pushBatches: 1,
                                   pushedStatements: 4, pushedRecords: 0, duplicates: 0, conflicts: ["stmt-ana", "stmt-ben"], pulledStatements: 0,
                                   pulledRecords: 0, catalogUpdated: false, quarantined: 1,
                                   heldBack: [HeldBackLearner(learner: "ana", phase: "push", code: "learner_not_held", message: "…"),
                                              HeldBackLearner(learner: "ben", phase: "pull", code: "learner_not_held", message: "…")])

    @Test func theAdminSeesAllALearnerTheirOwnAnyoneTheTotals() {
        #expect(Self.run.visible(toLearner: nil, admin: true) == Self.run)
        let ana = Self.run.visible(toLearner: "ana", admin: false)
        #expect(ana.heldBack?.map(\.learner) == ["ana"] && ana.conflicts.isEmpty && ana.conflictCount == 2)
        let anyone = Self.run.visible(toLearner: nil, admin: false)
        #expect(anyone.heldBack == [] && anyone.conflicts.isEmpty && anyone.conflictCount == 2 && anyone.pushedStatements == 4)
        let old = SyncRunResult(run: 1, ok: true, error: nil, finished: "x", durationMs: 1, requests: 1, pushBatches: 0, pushedStatements: 0,
                                pushedRecords: 0, duplicates: 0, conflicts: [], pulledStatements: 0, pulledRecords: 0, catalogUpdated: false)
        #expect(old.visible(toLearner: nil, admin: false).heldBack == nil, "an older walletd's nil stays nil")
    }
}
