import Foundation
import Testing
import SecurityPrimitives
@testable import RepositoryCore
@testable import SyncEngine

/// Enrolment codes and device tokens: one use, an expiry, and nothing but hashes on disk.
@Suite("Enrolment codes and device tokens")
struct DeviceEnrolmentTests {
    @Test func codesAreEightyBitsOfUnambiguousCrockfordBase32() {
        var seen = Set<String>()
        for _ in 0..<500 {
            let code = EnrolmentCode.generate()
            #expect(code.count == 19 && code.split(separator: "-").map(\.count) == [4, 4, 4, 4])
            #expect(code.allSatisfy { $0 == "-" || "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) }, "no I, L, O or U")
            seen.insert(code)
        }
        #expect(seen.count == 500)
        #expect(EnrolmentCode.normalized("k7qf 3mzp-xd2a-9wrb") == "K7QF3MZPXD2A9WRB")
        #expect(EnrolmentCode.normalized("O0-Il") == "0011", "what people type for 0 and 1")
    }

    @Test(arguments: StoreKind.allCases) func aCodeWorksOnceAndOnlyBeforeItExpires(kind: StoreKind) async throws {
        try await kind.with { opened in
        let store = opened.store
        try await store.addEnrolmentCode("AAAA-BBBB-CCCC-DDDD", label: "pc-lab-1", nowMs: 0, expiresMs: 10_000)
        #expect(try await store.enrol(code: "AAAA-BBBB-CCCC-DDDD", replica: HubFixtures.pcA, name: "pc", token: "t0", nowMs: 10_000) == nil,
                "expired at its expiry time")
        let device = try #require(try await store.enrol(code: "aaaa bbbb cccc dddd", replica: HubFixtures.pcA, name: "pc-lab-1", token: "t1", nowMs: 9_999))
        #expect(device.replica == HubFixtures.pcA && device.name == "pc-lab-1")
        #expect(try await store.enrol(code: "AAAA-BBBB-CCCC-DDDD", replica: HubFixtures.pcB, name: "pc", token: "t2", nowMs: 1) == nil, "used")
        #expect(try await store.enrol(code: "ZZZZ-ZZZZ-ZZZZ-ZZZZ", replica: HubFixtures.pcB, name: "pc", token: "t3", nowMs: 1) == nil, "unknown")
        #expect(try await store.stats().devices == 1)
        }
    }

    @Test(arguments: StoreKind.allCases) func aTokenAuthenticatesItsDeviceOnly(kind: StoreKind) async throws {
        try await kind.with { opened in
        let store = opened.store
        let tokens = [SessionToken.generate().text, SessionToken.generate().text]
        var devices: [EnrolledDevice] = []
        for (i, token) in tokens.enumerated() {
            let code = EnrolmentCode.generate()
            try await store.addEnrolmentCode(code, label: nil, nowMs: 0, expiresMs: 1_000)
            devices.append(try #require(try await store.enrol(code: code, replica: [HubFixtures.pcA, HubFixtures.pcB][i], name: "pc\(i)", token: token, nowMs: 1)))
        }
        #expect(devices[0].id != devices[1].id)
        #expect(try await store.authenticate(token: tokens[0]) == devices[0])
        #expect(try await store.authenticate(token: tokens[1]) == devices[1])
        #expect(try await store.authenticate(token: SessionToken.generate().text) == nil)
        #expect(try await store.authenticate(token: "") == nil)
        }
    }

    @Test func neitherCodesNorTokensAreOnDisk() throws {
        let folder = try HubFixtures.folder()
        let code = EnrolmentCode.generate()
        let token = SessionToken.generate().text
        do {
            let store = try SQLiteRepositoryStore(directory: folder, durability: .full)
            try store.addEnrolmentCode(code, label: nil, nowMs: 0, expiresMs: 1_000)
            _ = try #require(try store.enrol(code: code, replica: HubFixtures.pcA, name: "pc", token: token, nowMs: 1))
        }
        // The database and its WAL, byte for byte: only SHA-256 digests were written.
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(SQLiteRepositoryStore.fileName) }
        #expect(!files.isEmpty)
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
            for secret in [code, EnrolmentCode.normalized(code), token] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds a secret in clear")
            }
        }
    }

    /// An enrolment whose answer was lost left the PC unable to enrol again: the code was spent
    /// (401) and a new code met its own orphan device (409 replica_in_use). The same request
    /// again — same code, replica and proposed token — now gets the device already made.
    @Test(arguments: StoreKind.allCases) func theSameEnrolmentAgainAfterALostAnswerGetsTheSameDevice(kind: StoreKind) async throws {
        try await kind.with { opened in
        let store = opened.store
        let code = EnrolmentCode.generate()
        try await store.addEnrolmentCode(code, label: nil, nowMs: 0, expiresMs: 1_000)
        let token = SessionToken.generate().text
        let first = try await #require(try await store.enrol(code: code, replica: HubFixtures.pcA, name: "pc", token: token, nowMs: 1))
        let again = try await store.enrol(code: code, replica: HubFixtures.pcA, name: "pc", token: token, nowMs: 5_000)
        #expect(again == first, "even after the code's expiry: it was spent in time")
        #expect(try await store.enrol(code: code, replica: HubFixtures.pcA, name: "pc", token: SessionToken.generate().text, nowMs: 2) == nil,
                "another token: the code stays spent")
        #expect(try await store.enrol(code: code, replica: HubFixtures.pcB, name: "pc", token: token, nowMs: 2) == nil, "another replica")
        #expect(try await store.devices().count == 1)
        }
    }
}
