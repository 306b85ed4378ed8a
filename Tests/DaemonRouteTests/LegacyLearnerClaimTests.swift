import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
import SecurityPrimitives
import SyncEngine
import WalletAPI
@testable import WalletCore
@testable import WalletDaemon

/// A learner made before claims (random id, no holder key, no claim) gets a holder key and a
/// claim signed with it at their next login, and is announced again so the claim reaches the
/// repository with the next sync even when nothing else is pending.
@Suite("A learner from before claims gets one at login")
struct LegacyLearnerClaimTests {
    @Test func theFirstLoginSignsAClaimAndAnnouncesTheLearnerAgain() async throws {
        let harness = try WalletdHarness.make()
        defer { try? FileManager.default.removeItem(atPath: harness.folder) }
        let id = "0e2c5a4e-9f7b-4d1e-8c3a-6b2d9e0f1a2b"
        let pin = try PINHash.make(pin: "246813", cost: ScryptCost(logN: 4), salt: Data(repeating: 3, count: 16))
        try await harness.store.insertLearner(Learner(id: id, name: "Old", pin: pin, createdMs: 1))
        try harness.store.writeNow { db in
            try db.execute(sql: "INSERT INTO sync_partition (learner_id, announced) VALUES (?, 1)", arguments: [id])
        }
        let sync = try WalletSyncStore(store: harness.store, nowMs: { 2 })
        #expect(try sync.pendingBatch(learner: id, limit: 10) == nil, "announced, nothing pending")
        try await Application(router: harness.router).test(.router) { client in
            let body = try JSONEncoder().encode(CreateSessionRequest(learner: id, pin: "246813"))
            try await client.execute(uri: Endpoints.login.template, method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(bytes: body)) { answer in
                #expect(answer.status == .created)
            }
        }
        let learner = try #require(try await harness.store.learner(id: id))
        let claim = try #require(learner.claim)
        let did = try #require(learner.holderKey?.did)
        #expect(claim.generation == 0)
        #expect(claim.problem(with: WalletSyncStore.wireLearner(learner), holderDID: did) == nil)
        let batch = try #require(try sync.pendingBatch(learner: id, limit: 10), "the claim goes with the next sync")
        #expect(batch.request.learner.claim == claim)
    }
}
