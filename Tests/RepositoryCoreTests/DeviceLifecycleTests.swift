import Foundation
import Testing
@testable import RepositoryCore
@testable import SyncEngine

/// Issue 10: one live device per replica; revoking keeps the row and the learners; a PC proves
/// its old token (or brings an admin's replace code) to keep its learners; a copied PC gets a
/// device of its own with the learners of the one it was copied from.
@Suite("Device lifecycle: one live device per replica, revoke, replace, copies")
struct DeviceLifecycleTests {
    let ana = HubFixtures.learner("ana")

    func enrolled(_ store: any RepositoryStore, _ replica: ReplicaID, token: String, previousToken: String? = nil) async throws -> EnrolledDevice? {
        let code = EnrolmentCode.generate()
        try await store.addEnrolmentCode(code, label: nil, nowMs: 0, expiresMs: .max)
        return try await store.enrol(code: code, replica: replica, name: "pc-\(token)", token: token, previousToken: previousToken, nowMs: 1)
    }

    /// A push of a statement never sent before: an identical batch would be answered from the
    /// batch log, which is looked up by content, whoever sends it.
    func holdsAna(_ store: any RepositoryStore, _ device: EnrolledDevice) async -> Bool {
        let fresh = HubFixtures.statement(Int.random(in: 10_000...1_000_000_000))
        return (try? await store.push(PushRequest(replica: device.replica, learner: ana, statements: [fresh], records: []), device: device.id)) != nil
    }

    /// Failed before: a second enrolment naming a live PC's replica was accepted and took over
    /// that PC's learners (replica ids are visible in records and on the socket).
    @Test(arguments: StoreKind.allCases) func namingALiveReplicaIsRefusedAndOpensNoLearner(kind: StoreKind) async throws {
        try await kind.with { opened in
        let store = opened.store
        let pc = try await #require(try enrolled(store, HubFixtures.pcA, token: "t1"))
        _ = try await store.push(PushRequest(replica: HubFixtures.pcA, learner: ana, statements: HubFixtures.statements(0..<2), records: []), device: pc.id)
        let code = EnrolmentCode.generate()
        try await store.addEnrolmentCode(code, label: nil, nowMs: 0, expiresMs: .max)
        await #expect(throws: DeviceLifecycleError.replicaInUse(device: pc.id, name: "pc-t1")) {
            _ = try await store.enrol(code: code, replica: HubFixtures.pcA, name: "intruder", token: "t2", previousToken: "wrong", nowMs: 1)
        }
        // The refused enrolment left the code unspent.
        #expect(try await store.enrol(code: code, replica: HubFixtures.pcB, name: "pc-b", token: "t3", previousToken: nil, nowMs: 1) != nil)
        #expect(try await store.authenticate(token: "t1")?.revokedMs == nil, "the PC keeps its device")
        }
    }

    /// Failed before: the documented revoke (delete the row, enrol again) left the PC without
    /// its learners (403 learner_not_held) and its pulls empty.
    @Test(arguments: StoreKind.allCases) func aRevokedPCEnrolledAgainWithItsOldTokenKeepsItsLearners(kind: StoreKind) async throws {
        try await kind.with { opened in
        let store = opened.store
        let pc = try await #require(try enrolled(store, HubFixtures.pcA, token: "t1"))
        _ = try await store.push(PushRequest(replica: HubFixtures.pcA, learner: ana, statements: HubFixtures.statements(0..<3), records: []), device: pc.id)
        let revoked = try await store.revokeDevice(pc.id, nowMs: 5)
        #expect(revoked.status == "revoked" && revoked.learners == 1)
        #expect(try await store.authenticate(token: "t1")?.revokedMs == 5, "the token now names a revoked device")

        let again = try await #require(try enrolled(store, HubFixtures.pcA, token: "t2", previousToken: "t1"))
        #expect(await holdsAna(store, again))
        let pulled = try await store.pull(PullRequest(replica: HubFixtures.pcB, limit: 100, partitions: [.init(learner: "ana", since: 0)]), device: again.id)
        #expect(pulled.partitions.first?.statements.count ?? 0 >= 3)

        // Without the old token a fresh enrolment of that replica starts with no learners.
        _ = try await store.revokeDevice(again.id, nowMs: 6)
        let stranger = try await #require(try enrolled(store, HubFixtures.pcA, token: "t3"))
        #expect(await !holdsAna(store, stranger))
        }
    }

    @Test(arguments: StoreKind.allCases) func theSamePCEnrolledAgainReplacesItsLiveDevice(kind: StoreKind) async throws {
        try await kind.with { opened in
        let store = opened.store
        let pc = try await #require(try enrolled(store, HubFixtures.pcA, token: "t1"))
        _ = try await store.push(PushRequest(replica: HubFixtures.pcA, learner: ana, statements: [], records: []), device: pc.id)
        let again = try await #require(try enrolled(store, HubFixtures.pcA, token: "t2", previousToken: "t1"))
        #expect(await holdsAna(store, again))
        let old = try #require(try await store.devices().first { $0.id == pc.id })
        #expect(old.status == "replaced" && old.replacedBy == again.id)
        }
    }

    @Test(arguments: StoreKind.allCases) func aReplaceCodePassesTheLearnersOnAndRevokesTheOldPC(kind: StoreKind) async throws {
        try await kind.with { opened in
        let store = opened.store
        let old = try await #require(try enrolled(store, HubFixtures.pcA, token: "t1"))
        _ = try await store.push(PushRequest(replica: HubFixtures.pcA, learner: ana, statements: [], records: []), device: old.id)
        let code = EnrolmentCode.generate()
        #expect(try await store.addReplaceCode(code, replacing: "pc-t1", nowMs: 0, expiresMs: .max) == old.id)
        let new = try #require(try await store.enrol(code: code, replica: HubFixtures.pcB, name: "new", token: "t2", previousToken: nil, nowMs: 2))
        #expect(await holdsAna(store, new))
        #expect(try await store.authenticate(token: "t1")?.revokedMs == 2)
        await #expect(throws: DeviceLifecycleError.alreadyRevoked(old.id)) { try await store.addReplaceCode(EnrolmentCode.generate(), replacing: old.id, nowMs: 3, expiresMs: .max) }
        }
    }

    @Test(arguments: StoreKind.allCases) func aCopiedPCGetsADeviceOfItsOwnAndTheOriginalKeepsItsOwn(kind: StoreKind) async throws {
        try await kind.with { opened in
        let store = opened.store
        let original = try await #require(try enrolled(store, HubFixtures.pcA, token: "t1"))
        _ = try await store.push(PushRequest(replica: HubFixtures.pcA, learner: ana, statements: [], records: []), device: original.id)
        let copy = try await store.enrolCopy(of: original, replica: HubFixtures.pcB, name: "copy", token: "t2", nowMs: 3)
        #expect(await holdsAna(store, copy))
        #expect(await holdsAna(store, original))
        #expect(try await store.devices().first { $0.id == copy.id }?.copiedFrom == original.id)
        // The answer was lost and the copy asks again with the token it proposed: the same device.
        #expect(try await store.enrolCopy(of: original, replica: HubFixtures.pcB, name: "copy", token: "t2", nowMs: 4).id == copy.id)
        await #expect(throws: DeviceLifecycleError.replicaInUse(device: copy.id, name: "copy")) {
            _ = try await store.enrolCopy(of: original, replica: HubFixtures.pcB, name: "copy", token: "other", nowMs: 4)
        }
        await #expect(throws: DeviceLifecycleError.replicaInUse(device: original.id, name: "pc-t1")) {
            _ = try await store.enrolCopy(of: copy, replica: HubFixtures.pcA, name: "again", token: "t3", nowMs: 4)
        }
        }
    }
}
