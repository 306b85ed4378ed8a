import Foundation
import Testing
@testable import WalletCore

/// walletd's half of a device token rotation: the proposal is made once and kept until the
/// repository confirms it (a lost answer asks again with the same one), adopted only as proposed,
/// dropped when refused for good, and forgotten by an enrolment.
@Suite("walletd keeps a proposed device token until the repository confirms it")
struct DeviceTokenStoreTests {
    @Test func theProposalIsKeptAdoptedOnceAndLogged() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try fixture.store.enrol(repository: "https://repo.example", device: "d-1", token: "old", caFile: nil, nowMs: 10)
        let proposed = try fixture.store.nextDeviceToken()
        #expect(try fixture.store.nextDeviceToken() == proposed, "asking again proposes the same token")
        #expect(try fixture.store.syncIdentity().nextToken == proposed)

        try fixture.store.adoptRotatedToken("something else", nowMs: 20)
        #expect(try fixture.store.syncIdentity().token == "old", "only the proposed token is adopted")
        try fixture.store.adoptRotatedToken(proposed, nowMs: 30)
        let identity = try fixture.store.syncIdentity()
        #expect(identity.token == proposed && identity.nextToken == nil && identity.tokenMs == 30)
        let entry = try #require(try fixture.store.auditLog().entries.last)
        #expect(entry.kind == "device_token_rotate" && entry.device == "d-1" && !entry.detail.contains(proposed))
    }

    @Test func aRefusedProposalIsDroppedAndAnEnrolmentForgetsIt() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try fixture.store.enrol(repository: "https://repo.example", device: "d-1", token: "old", caFile: nil, nowMs: 10)
        let first = try fixture.store.nextDeviceToken()
        try fixture.store.dropNextDeviceToken(first)
        #expect(try fixture.store.syncIdentity().nextToken == nil)
        let second = try fixture.store.nextDeviceToken()
        #expect(second != first)
        try fixture.store.enrol(repository: "https://repo.example", device: "d-2", token: "fresh", caFile: nil, nowMs: 40)
        let identity = try fixture.store.syncIdentity()
        #expect(identity.nextToken == nil && identity.token == "fresh" && identity.tokenMs == 40)
    }
}
