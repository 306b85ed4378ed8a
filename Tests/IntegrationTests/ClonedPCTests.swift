import Foundation
import Testing
import WalletAPI
import WalletClient

#if canImport(Glibc)
import Glibc
import Basics
#endif

/// Issue 10, item 3: two PCs started from copies of one data folder (a cloned image, a restored
/// backup of another PC). Before walletd noticed the copy, both kept one replica id and one device
/// token: each PC's pull left out the twin's statements as "its own", and concurrent record writes
/// shared a dot, so one of them was silently lost.
@Suite("PCs started from copies of one data folder", .serialized,
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct ClonedPCTests {
    @Test func bothCopiesWorkOfflineThenHoldTheUnionWithSiblings() throws {
        let repository = try Repositoryd(tls: true).start()
        let pc1 = try Walletd(arguments: SyncTests.manualSync).start()
        try pc1.register(with: repository)
        let ana = try pc1.learnerSession(name: "Ana Horvat", pin: "246800")
        var expected = Set(try pc1.record(1, token: ana.token))
        try writeRecord(pc1, ana, key: "profile/email", value: "ana@home.example")
        #expect(try pc1.syncNow()["ok"] == true)

        // The admin copies PC 1's data folder onto PC 2 (walletd stopped: a consistent copy).
        pc1.stop()
        let pc2 = try Walletd(arguments: SyncTests.manualSync)
        try FileManager.default.copyItem(atPath: pc1.dataDirectory, toPath: pc2.dataDirectory)
        try pc1.start()
        try pc2.start()
        let replica1 = try pc1.client.call(Endpoints.device).replica
        let replica2 = try pc2.client.call(Endpoints.device).replica
        #expect(replica1 != replica2, "the copy took a new replica id")
        #expect(try pc2.client.call(Endpoints.device).previousReplicas == [replica1], "and says which one it gave up")
        #expect(try pc1.client.call(Endpoints.device).previousReplicas == nil)
        let ana2 = (ana.id, try pc2.client.call(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800")).token)

        // Both work offline: statements on each, and concurrent edits of one record.
        repository.stop()
        expected.formUnion(try pc1.record(2, token: ana.token))
        expected.formUnion(try pc2.record(2, token: ana2.1))
        try writeRecord(pc1, ana, key: "profile/email", value: "ana@work.example")
        try writeRecord(pc2, ana2, key: "profile/email", value: "ana.h@school.example")

        // The repository comes back; each PC syncs twice.
        try repository.start()
        for _ in 0..<2 {
            let one = try pc1.syncNow()
            #expect(one["ok"] == true, "\(one)")
            let two = try pc2.syncNow()
            #expect(two["ok"] == true, "\(two)")
        }

        #expect(expected.count == 5)
        #expect(try repository.stat("statementsStored") == 5)
        #expect(try pc1.statementIDs(token: ana.token) == expected)
        #expect(try pc2.statementIDs(token: ana2.1) == expected)
        let both: Set = ["ana@work.example", "ana.h@school.example"]
        #expect(Set(try records(pc1, ana)["profile/email"]?.values.compactMap(\.stringValue) ?? []) == both)
        #expect(Set(try records(pc2, ana2)["profile/email"]?.values.compactMap(\.stringValue) ?? []) == both)
        #expect(pc2.log.contains("copied or restored"), "the copy says so in its log")
    }

    /// A PC restored from its own older backup, copied over the live database file (same inode,
    /// same machine): it takes a new replica id, gets its work pushed after the backup back from
    /// the repository, and what it records next is not taken for something it sent before.
    @Test func aPCRestoredFromItsOwnBackupGetsItsWorkBack() throws {
        let repository = try Repositoryd().start()
        let pc = try Walletd(arguments: SyncTests.manualSync).start()
        try pc.register(with: repository)
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        var expected = Set(try pc.record(2, token: ana.token))
        #expect(try pc.syncNow()["ok"] == true)
        pc.stop()
        let database = pc.dataDirectory + "/wallet.sqlite"
        let backup = try Data(contentsOf: URL(fileURLWithPath: database))
        try pc.start()
        let before = try pc.client.call(Endpoints.device).replica
        expected.formUnion(try pc.record(3, token: ana.token))
        #expect(try pc.syncNow()["ok"] == true)
        pc.stop()

        // `cp backup wallet.sqlite`: the same file, older content.
        let handle = try #require(FileHandle(forWritingAtPath: database))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: backup)
        try handle.close()
        try pc.start()
        #expect(try pc.client.call(Endpoints.device).replica != before)
        let token = try pc.client.call(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800")).token
        expected.formUnion(try pc.record(1, token: token))
        let sync = try pc.syncNow()
        #expect(sync["ok"] == true, "\(sync)")
        #expect(try pc.statementIDs(token: token) == expected)
        #expect(try repository.stat("statementsStored") == expected.count)
    }

    /// The same folder reopened where it lives is the same PC: no new replica id.
    @Test func aRestartKeepsTheReplica() throws {
        let pc = try Walletd(arguments: SyncTests.manualSync).start()
        let before = try pc.client.call(Endpoints.device).replica
        pc.stop()
        try pc.start()
        #expect(try pc.client.call(Endpoints.device).replica == before)
    }

    func writeRecord(_ pc: Walletd, _ learner: (id: String, token: String), key: String, value: String) throws {
        let answer = try pc.client.send(Endpoints.writeRecord, learner.id, body: WriteRecordRequest(key: key, value: .string(value), context: nil),
                                        token: learner.token)
        guard answer.status == 200 else { throw HarnessError("write record: \(answer.text)") }
    }

    func records(_ pc: Walletd, _ learner: (id: String, token: String)) throws -> [String: RecordView] {
        let response = try pc.client.call(Endpoints.records, learner.id, query: ["conflicts": "true"], token: learner.token)
        return Dictionary(uniqueKeysWithValues: response.records.map { ($0.key, $0) })
    }
}
