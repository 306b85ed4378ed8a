import Foundation
import Testing
import SecurityPrimitives
@testable import RepositoryCore
@testable import SyncEngine

/// Issue 11 item 5: a PC replaces its device token on demand. The old token stops working at
/// once; the same request again after a lost answer is recognised; nothing else gets through.
@Suite("Device token rotation")
struct DeviceTokenRotationTests {
    func enrolled(_ store: any RepositoryStore, _ replica: ReplicaID, token: String) async throws -> EnrolledDevice {
        let code = EnrolmentCode.generate()
        try await store.addEnrolmentCode(code, label: nil, nowMs: 0, expiresMs: .max)
        return try await #require(try store.enrol(code: code, replica: replica, name: "pc-\(replica.rawValue)", token: token, previousToken: nil, nowMs: 1))
    }

    @Test(arguments: StoreKind.allCases) func theOldTokenStopsWorkingAndTheNewOneIsTheDevices(kind: StoreKind) async throws {
        try await kind.with { opened in
        let store = opened.store
        let device = try await enrolled(store, HubFixtures.pcA, token: "old-token")
        #expect(try await store.rotateDeviceToken(presented: "old-token", proposed: "new-token", nowMs: 50) == .rotated(device))
        #expect(try await store.authenticate(token: "old-token") == nil)
        #expect(try await store.authenticate(token: "new-token")?.id == device.id)
        #expect(try await store.devices().first?.tokenMs == 50)
        let entry = try #require(try await store.auditLog().entries.last)
        #expect(entry.kind == AuditEvent.Kind.deviceTokenRotate.rawValue && entry.device == device.id)
        }
    }

    @Test(arguments: StoreKind.allCases) func theSameRequestAgainAfterALostAnswerIsAnsweredAsDoneAndNothingElseIs(kind: StoreKind) async throws {
        try await kind.with { opened in
        let store = opened.store
        let device = try await enrolled(store, HubFixtures.pcA, token: "old-token")
        _ = try await store.rotateDeviceToken(presented: "old-token", proposed: "new-token", nowMs: 50)
        #expect(try await store.rotateDeviceToken(presented: "old-token", proposed: "new-token", nowMs: 60) == .repeated(device))
        #expect(try await store.devices().first?.tokenMs == 50, "a repeat changes nothing")
        // The replaced token cannot choose a token of its own.
        #expect(try await store.rotateDeviceToken(presented: "old-token", proposed: "thief-token", nowMs: 70) == .unknown)
        #expect(try await store.authenticate(token: "thief-token") == nil)
        #expect(try await store.authenticate(token: "new-token")?.id == device.id)
        }
    }

    @Test(arguments: StoreKind.allCases) func aRevokedDeviceOrATakenTokenIsRefused(kind: StoreKind) async throws {
        try await kind.with { opened in
        let store = opened.store
        let a = try await enrolled(store, HubFixtures.pcA, token: "token-a")
        _ = try await enrolled(store, HubFixtures.pcB, token: "token-b")
        #expect(try await store.rotateDeviceToken(presented: "token-a", proposed: "token-b", nowMs: 5) == .unknown)
        #expect(try await store.rotateDeviceToken(presented: "token-a", proposed: "token-a", nowMs: 5) == .unknown)
        #expect(try await store.rotateDeviceToken(presented: "nobody", proposed: "fresh", nowMs: 5) == .unknown)
        _ = try await store.revokeDevice(a.id, nowMs: 6)
        #expect(try await store.rotateDeviceToken(presented: "token-a", proposed: "fresh", nowMs: 7) == .revoked)
        #expect(try await store.authenticate(token: "fresh") == nil)
        }
    }
}
