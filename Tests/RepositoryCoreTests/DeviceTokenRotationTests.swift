import Foundation
import Testing
import SecurityPrimitives
@testable import RepositoryCore
@testable import SyncEngine

/// Issue 11 item 5: a PC replaces its device token on demand. The old token stops working at
/// once; the same request again after a lost answer is recognised; nothing else gets through.
@Suite("Device token rotation")
struct DeviceTokenRotationTests {
    func enrolled(_ store: SQLiteRepositoryStore, _ replica: ReplicaID, token: String) throws -> EnrolledDevice {
        let code = EnrolmentCode.generate()
        try store.addEnrolmentCode(code, label: nil, nowMs: 0, expiresMs: .max)
        return try #require(try store.enrol(code: code, replica: replica, name: "pc-\(replica.rawValue)", token: token, previousToken: nil, nowMs: 1))
    }

    @Test func theOldTokenStopsWorkingAndTheNewOneIsTheDevices() throws {
        let store = try HubFixtures.store()
        let device = try enrolled(store, HubFixtures.pcA, token: "old-token")
        #expect(try store.rotateDeviceToken(presented: "old-token", proposed: "new-token", nowMs: 50) == .rotated(device))
        #expect(try store.authenticate(token: "old-token") == nil)
        #expect(try store.authenticate(token: "new-token")?.id == device.id)
        #expect(try store.devices().first?.tokenMs == 50)
        let entry = try #require(try store.auditLog().entries.last)
        #expect(entry.kind == AuditEvent.Kind.deviceTokenRotate.rawValue && entry.device == device.id)
    }

    @Test func theSameRequestAgainAfterALostAnswerIsAnsweredAsDoneAndNothingElseIs() throws {
        let store = try HubFixtures.store()
        let device = try enrolled(store, HubFixtures.pcA, token: "old-token")
        _ = try store.rotateDeviceToken(presented: "old-token", proposed: "new-token", nowMs: 50)
        #expect(try store.rotateDeviceToken(presented: "old-token", proposed: "new-token", nowMs: 60) == .repeated(device))
        #expect(try store.devices().first?.tokenMs == 50, "a repeat changes nothing")
        // The replaced token cannot choose a token of its own.
        #expect(try store.rotateDeviceToken(presented: "old-token", proposed: "thief-token", nowMs: 70) == .unknown)
        #expect(try store.authenticate(token: "thief-token") == nil)
        #expect(try store.authenticate(token: "new-token")?.id == device.id)
    }

    @Test func aRevokedDeviceOrATakenTokenIsRefused() throws {
        let store = try HubFixtures.store()
        let a = try enrolled(store, HubFixtures.pcA, token: "token-a")
        _ = try enrolled(store, HubFixtures.pcB, token: "token-b")
        #expect(try store.rotateDeviceToken(presented: "token-a", proposed: "token-b", nowMs: 5) == .unknown)
        #expect(try store.rotateDeviceToken(presented: "token-a", proposed: "token-a", nowMs: 5) == .unknown)
        #expect(try store.rotateDeviceToken(presented: "nobody", proposed: "fresh", nowMs: 5) == .unknown)
        _ = try store.revokeDevice(a.id, nowMs: 6)
        #expect(try store.rotateDeviceToken(presented: "token-a", proposed: "fresh", nowMs: 7) == .revoked)
        #expect(try store.authenticate(token: "fresh") == nil)
    }
}
