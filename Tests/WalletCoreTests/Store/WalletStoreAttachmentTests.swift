import Foundation
import GRDB
import Testing
import Basics
@testable import WalletCore

/// Attachment data in the store: written with its statements, read back only through the
/// learner's own statements, kept once per sha2, and gone after `forget` when no remaining
/// statement names it.
@Suite("Wallet store: attachment data")
struct WalletStoreAttachmentTests {
    static func attached(_ parts: [XAPIAttachmentPart], fileUrl: Bool = false) -> JSONValue {
        guard case .object(var fields) = Statements.make() else { return .null }
        fields["attachments"] = .array(parts.map { part in
            var attachment: [String: JSONValue] = ["usageType": "http://example.org/usage", "display": ["en": "file"],
                                                   "contentType": .string(part.contentType ?? "text/plain"),
                                                   "length": .number(Double(part.data.count)), "sha2": .string(part.sha2)]
            if fileUrl { attachment["fileUrl"] = "https://example.org/file" }
            return .object(attachment)
        })
        return .object(fields)
    }

    func dataRows(_ store: WalletStore) throws -> Int {
        try store.readNow { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attachment") ?? -1 }
    }

    @Test func dataIsStoredOnceReadByItsLearnerAndForgottenWithTheLastStatementNamingIt() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let shared = XAPIAttachmentPart(contentType: "text/plain", data: Array("shared\r\n--bytes".utf8))
        let anaOnly = XAPIAttachmentPart(contentType: "image/png", data: [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF])
        try await fixture.store.insertStatements([Self.attached([shared, anaOnly])], learnerID: fixture.ana,
                                                 authority: fixture.authority(fixture.ana), version: "2.0.0", nowMs: 1_700_000_000_000,
                                                 attachments: [shared, anaOnly])
        try await fixture.store.insertStatements([Self.attached([shared])], learnerID: fixture.ben,
                                                 authority: fixture.authority(fixture.ben), version: "2.0.0", nowMs: 1_700_000_000_001,
                                                 attachments: [shared])
        #expect(try dataRows(fixture.store) == 2)
        #expect(try await fixture.store.attachments([anaOnly.sha2, shared.sha2], learnerID: fixture.ana) == [anaOnly, shared])
        #expect(try await fixture.store.attachments([anaOnly.sha2, shared.sha2], learnerID: fixture.ben) == [shared],
                "Ben's statements name only the shared data")

        _ = try fixture.store.forgetLearner(id: fixture.ana, force: true)
        #expect(try dataRows(fixture.store) == 1)
        #expect(try await fixture.store.attachments([shared.sha2], learnerID: fixture.ben) == [shared])
        _ = try fixture.store.forgetLearner(id: fixture.ben, force: true)
        #expect(try dataRows(fixture.store) == 0)
    }

    @Test func aStatementWithoutItsDataHereReadsAsNoPart() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let elsewhere = XAPIAttachmentPart(contentType: "text/plain", data: Array("on another PC".utf8))
        let statement = Self.attached([elsewhere])
        try await fixture.insert([statement], for: fixture.ana)   // as a pull stores it: JSON only
        #expect(try await fixture.store.attachments([elsewhere.sha2], learnerID: fixture.ana).isEmpty)

        // The same statement sent again with its data: nothing new is stored but the data.
        try await fixture.store.insertStatements([statement], learnerID: fixture.ana, authority: fixture.authority(fixture.ana),
                                                 version: "2.0.0", nowMs: 1_700_000_000_000, attachments: [elsewhere])
        #expect(try await fixture.store.attachments([elsewhere.sha2], learnerID: fixture.ana) == [elsewhere])
        #expect(try await fixture.store.activeStatements(learnerID: fixture.ana).count == 1)
    }

    @Test func aRefusedBatchLeavesNoData() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let part = XAPIAttachmentPart(contentType: "text/plain", data: Array("refused".utf8))
        let first = Statements.make()
        try await fixture.insert([first], for: fixture.ana)
        guard case .object(var changed) = first else { return }
        changed["verb"] = ["id": "http://adlnet.gov/expapi/verbs/failed"]
        await #expect(throws: StatementWriteError.self) {
            try await fixture.store.insertStatements([Self.attached([part]), .object(changed)], learnerID: fixture.ana,
                                                     authority: fixture.authority(fixture.ana), version: "2.0.0", nowMs: 1_700_000_000_000,
                                                     attachments: [part])
        }
        #expect(try dataRows(fixture.store) == 0)
    }
}
