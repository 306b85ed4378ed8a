import Foundation
import Testing
import WalletAPI
import WalletClient

#if canImport(Glibc)
import Glibc
import Basics
#endif

/// The repository goes back in time, as a centre admin makes it do: its folder restored from an
/// older copy (by hand, or with `repositoryd restore`). The PCs still hold everything; after they
/// sync, so does the repository, and no PC skips what was written after the restore.
@Suite("A repository restored from an older copy", .serialized,
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct RestoredRepositoryTests {
    static let manualSync = SyncTests.manualSync

    /// Reproduced before the fix with the real binaries: the repository held 5 of 8 statements
    /// after PC 2 synced (the 3 it had lost were never resent), and PC 1 never pulled the 2
    /// statements written after the restore (their change numbers were ones it had passed).
    @Test func aFolderCopiedBackIsRefilledByThePCs() throws {
        let repository = try Repositoryd(tls: true).start()
        let pc1 = try Walletd(arguments: Self.manualSync).start()
        let pc2 = try Walletd(arguments: Self.manualSync).start()
        try pc1.register(with: repository)
        try pc2.register(with: repository)

        let ana = try pc1.learnerSession(name: "Ana Horvat", pin: "246800")
        var expected = Set(try pc1.record(3, token: ana.token))
        #expect(try pc1.syncNow()["ok"] == true)
        #expect(try pc2.client.send(Endpoints.fetchLearner, body: FetchLearnerRequest(learner: ana.id, pin: "246800")).status == 201)
        #expect(try pc2.syncNow()["ok"] == true)

        // The admin copies the repository's folder while it is stopped: the backup.
        repository.stop()
        let backup = repository.folder + "/backup"
        try Self.copyFolder(repository.dataDirectory, to: backup)
        try repository.start()

        // Three more statements reach the repository and PC 2, then the copy is put back.
        expected.formUnion(try pc1.record(3, token: ana.token))
        #expect(try pc1.syncNow()["ok"] == true)
        #expect(try pc2.syncNow()["ok"] == true)
        #expect(try repository.stat("statementsStored") == 6)
        repository.stop()
        try FileManager.default.removeItem(atPath: repository.dataDirectory)
        try Self.copyFolder(backup, to: repository.dataDirectory)
        try repository.start()
        #expect(try repository.stat("statementsStored") == 3)

        // PC 1 is away; PC 2 records two statements and syncs. The repository is whole again:
        // PC 2 resent what it had pulled as well as its own.
        pc1.stop()
        let ana2 = try SyncTests().login(pc2, ana.id, pin: "246800")
        expected.formUnion(try pc2.record(2, token: ana2))
        #expect(try pc2.syncNow()["ok"] == true)
        #expect(try pc2.syncNow()["ok"] == true)
        #expect(try repository.stat("statementsStored") == 8)

        // PC 1 comes back and gets PC 2's two, although their change numbers were reused.
        try pc1.start()
        #expect(try pc1.syncNow()["ok"] == true)
        #expect(try pc1.syncNow()["ok"] == true)
        let ana1 = try SyncTests().login(pc1, ana.id, pin: "246800")
        #expect(expected.count == 8)
        #expect(try pc1.statementIDs(token: ana1) == expected)
        #expect(try pc2.statementIDs(token: ana2) == expected)
        #expect(try repository.stat("statementsStored") == 8)
    }

    /// The documented path: `repositoryd backup` while it runs, `repositoryd restore` once stopped.
    @Test func backupAndRestoreCommandsStartANewEpoch() throws {
        let repository = try Repositoryd(tls: true).start()
        let pc = try Walletd(arguments: Self.manualSync).start()
        try pc.register(with: repository)
        let ana = try pc.learnerSession(name: "Ana Horvat", pin: "246800")
        var expected = Set(try pc.record(3, token: ana.token))
        #expect(try pc.syncNow()["ok"] == true)

        let backup = repository.folder + "/backup-1"
        let repositoryd = try Walletd.binary("repositoryd")
        let made = try Repositoryd.run(repositoryd, ["backup", backup, "--data-dir", repository.dataDirectory])
        #expect(made.contains("Backed up 3 statements"), "\(made)")
        #expect(throws: HarnessError.self, "a backup never overwrites") {
            try Repositoryd.run(repositoryd, ["backup", backup, "--data-dir", repository.dataDirectory])
        }
        expected.formUnion(try pc.record(3, token: ana.token))
        #expect(try pc.syncNow()["ok"] == true)

        do {
            try Repositoryd.run(repositoryd, ["restore", backup, "--data-dir", repository.dataDirectory])
            Issue.record("a restore under a running server must be refused")
        } catch let error as HarnessError {
            #expect(error.description.contains("Stop it first"), "\(error)")
        }
        #expect(try repository.stat("statementsStored") == 6, "the refused restore changed nothing")
        repository.stop()
        let restored = try Repositoryd.run(repositoryd, ["restore", backup, "--data-dir", repository.dataDirectory])
        #expect(restored.contains("New epoch"), "\(restored)")
        try repository.start()
        #expect(try repository.stat("statementsStored") == 3)

        expected.formUnion(try pc.record(1, token: ana.token))
        #expect(try pc.syncNow()["ok"] == true)
        #expect(try repository.stat("statementsStored") == 7)
        #expect(try pc.statementIDs(token: ana.token) == expected)
    }

    static func copyFolder(_ source: String, to destination: String) throws {
        try Repositoryd.run("/bin/cp", ["-a", source, destination])
    }
}
