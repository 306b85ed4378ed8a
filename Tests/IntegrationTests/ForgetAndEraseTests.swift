import Foundation
import Testing
import WalletAPI
import WalletClient
import Basics

/// "Forget me on this PC" (`wallet-cli forget`) and the right to erasure at the repository
/// (`repositoryd learner erase`), on real processes, down to the bytes of the data folders.
@Suite("Forget on a PC, erase at the repository", .serialized)
struct ForgetAndEraseTests {
    static let manualSync = ["--sync-interval", "86400", "--sync-debounce-ms", "600000"]

    /// The files under `folder` (recursively) whose bytes contain `needle`.
    static func filesHolding(_ needle: String, under folder: String) throws -> [String] {
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return try files.filter { name in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue else { return false }
            return try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)).range(of: Data(needle.utf8)) != nil
        }
    }

    /// The sealed holder key stored with `did` (`{"did":…,"salt":…,"sealed":"…"}` in the learner row).
    static func sealedBlob(of did: String, under folder: String) throws -> String? {
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for name in files {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name), let start = data.range(of: Data(did.utf8)) else { continue }
            // The key's fields in any order around the DID.
            let window = data[max(data.startIndex, start.lowerBound - 400)..<min(data.endIndex, start.upperBound + 400)]
            guard let key = window.range(of: Data("\"sealed\":\"".utf8)) else { continue }
            let value = data[key.upperBound...].prefix { $0 != UInt8(ascii: "\"") }
            return String(decoding: value, as: UTF8.self)
        }
        return nil
    }

    func catalogFixture() throws -> String {
        guard let url = Bundle.module.url(forResource: "sample-catalog", withExtension: "json", subdirectory: "Fixtures/catalog") else {
            throw HarnessError("sample catalog fixture missing")
        }
        return url.path
    }

    @Test func forgetRemovesEveryByteOfOneLearnerFromThePCAndTheOtherKeepsSyncing() throws {
        let marker = "forget-me-" + UUID().uuidString.prefix(8).lowercased()
        let repository = try Repositoryd().start(arguments: ["--catalog", try catalogFixture()])
        let pc = try Walletd(arguments: Self.manualSync).start()
        let cli = WalletCLIRunner(pc: pc)

        // Ana, on a PC not enrolled yet: everything is pending, a plain forget is refused.
        #expect(try cli("learner", "add", "--name", "Ana Marker", "--pin-stdin", stdin: "246800\n").status == 0)
        let list = try JSONValue(data: Data(try cli("learner", "list", "--json").stdout.utf8))
        let ana = try #require(list["learners"]?.arrayValue?.first?["id"]?.stringValue)
        let did = try #require(list["learners"]?.arrayValue?.first?["did"]?.stringValue)
        #expect(try cli("login", ana, "--pin-stdin", stdin: "246800\n").status == 0)
        for n in 0..<3 { #expect(try cli("record", "--activity", "https://vet.example.eu/\(marker)/\(n)", "--verb", "passed").status == 0) }
        let notEnrolled = try cli("forget")
        #expect(notEnrolled.status == 65 && notEnrolled.stderr.contains("not enrolled") && notEnrolled.stderr.contains("3 statements"), "\(notEnrolled)")

        // Enrolling syncs at once; two more statements then wait for the next sync.
        try pc.register(with: repository)
        _ = try pc.syncNow()
        let ben = try pc.learnerSession(name: "Ben", pin: "135700")
        _ = try pc.record(4, token: ben.token, activity: "https://vet.example.eu/ben-stays")
        let sealed = try #require(try Self.sealedBlob(of: did, under: pc.dataDirectory))
        #expect(sealed.count > 40)
        for n in 3..<5 { #expect(try cli("record", "--activity", "https://vet.example.eu/\(marker)/\(n)", "--verb", "passed").status == 0) }

        // Enrolled but not synced: refused with what is pending and what to do.
        let pending = try cli("forget")
        #expect(pending.status == 65 && pending.stderr.contains("2 statements of Ana Marker's have not reached the repository yet")
                && pending.stderr.contains("wallet-cli sync"), "\(pending)")
        let wrongPIN = try cli("forget", "--force", "--pin-stdin", stdin: "000000\n")
        #expect(wrongPIN.status == 77 && wrongPIN.stderr.contains("Wrong PIN"), "\(wrongPIN)")

        // Synced, then one more statement: --force with the right PIN says what is lost.
        #expect(try cli("sync").status == 0)
        #expect(try cli("record", "--activity", "https://vet.example.eu/\(marker)/late", "--verb", "passed").status == 0)
        let forced = try cli("forget", "--force", "--pin-stdin", stdin: "246800\n")
        #expect(forced.status == 0 && forced.stdout.contains("Forgot Ana Marker") && forced.stdout.contains("Lost for good (never reached the repository): 1 statement"),
                "\(forced)")
        #expect(forced.stderr.contains("1 statement of Ana Marker's has not reached the repository"), "the PIN prompt came after what would be lost: \(forced)")
        #expect(try cli("progress").status == 77, "the session ended with the learner")
        let learners = try pc.client.call(Endpoints.listLearners).learners.map(\.id)
        #expect(learners == [ben.id])

        // Every file of the data folder, as bytes: nothing of Ana.
        pc.stop()
        for needle in [marker, ana, did, sealed] {
            let holding = try Self.filesHolding(needle, under: pc.dataDirectory)
            #expect(holding.isEmpty, "\(needle) is still in \(holding)")
        }
        #expect(try Self.filesHolding("ben-stays", under: pc.dataDirectory).isEmpty == false)

        // Ben is intact and still syncs; a sync does not bring Ana back; her PIN does.
        try pc.start()
        let benAgain = try pc.client.call(Endpoints.login, body: CreateSessionRequest(learner: ben.id, pin: "135700"))
        #expect(try pc.statementIDs(token: benAgain.token).count == 4)
        _ = try pc.record(1, token: benAgain.token, activity: "https://vet.example.eu/ben-stays")
        let run = try pc.syncNow()
        #expect(run["ok"]?.boolValue == true && run["pushedStatements"]?.doubleValue == 1, "\(run)")
        #expect(try pc.client.call(Endpoints.listLearners).learners.map(\.id) == [ben.id], "a sync does not bring a forgotten learner back")
        let fetched = try cli("learner", "fetch", ana, "--pin-stdin", stdin: "246800\n")
        #expect(fetched.status == 0 && fetched.stdout.contains("Ana Marker is now on this PC"), "\(fetched)")
        _ = try pc.syncNow()
        let anaAgain = try pc.client.call(Endpoints.login, body: CreateSessionRequest(learner: ana, pin: "246800"))
        #expect(try pc.statementIDs(token: anaAgain.token).count == 5, "what reached the repository comes back, this PC's own pushes too")
    }

    @Test func eraseAtTheRepositoryLeavesNoStatementForAnyDeviceAndNoByteOfTheMarker() throws {
        let marker = "erase-me-" + UUID().uuidString.prefix(8).lowercased()
        let repository = try Repositoryd().start(arguments: ["--catalog", try catalogFixture()])
        let pc1 = try Walletd(arguments: Self.manualSync).start(), pc2 = try Walletd(arguments: Self.manualSync).start()
        try pc1.register(with: repository)
        try pc2.register(with: repository)
        let ana = try pc1.learnerSession(name: "Ana", pin: "246800")
        let ben = try pc1.learnerSession(name: "Ben", pin: "135700")
        _ = try pc1.record(5, token: ana.token, activity: "https://vet.example.eu/\(marker)")
        _ = try pc1.record(2, token: ben.token)
        _ = try pc1.syncNow()
        let fetched = try WalletCLIRunner(pc: pc2)("learner", "fetch", ana.id, "--pin-stdin", stdin: "246800\n")
        #expect(fetched.status == 0, "\(fetched)")
        _ = try pc2.syncNow()
        let onPC2 = try pc2.client.call(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800"))
        #expect(try pc2.statementIDs(token: onPC2.token).count == 5)
        #expect(try Self.filesHolding(marker, under: repository.dataDirectory).isEmpty == false)

        // Erased beside the running server.
        let erase = try Repositoryd.run(try Walletd.binary("repositoryd"), ["learner", "erase", ana.id, "--data-dir", repository.dataDirectory, "--json"])
        let erased = try JSONValue(data: Data(erase.utf8))
        #expect(erased["statements"]?.doubleValue == 5 && erased["deviceLinks"]?.doubleValue == 2 && erased["compacted"]?.boolValue == true, "\(erase)")

        // No device gets a statement of hers: both are refused her partition, a new PC cannot fetch her.
        for pc in [pc1, pc2] {
            let run = try pc.syncNow()
            #expect(run["pulledStatements"]?.doubleValue == 0, "\(run)")
            let held = run["heldBack"]?.arrayValue?.compactMap { $0["learner"]?.stringValue } ?? []
            #expect(held.contains(ana.id), "\(run)")
        }
        let pc3 = try Walletd(arguments: Self.manualSync).start()
        try pc3.register(with: repository)
        let again = try WalletCLIRunner(pc: pc3)("learner", "fetch", ana.id, "--pin-stdin", stdin: "246800\n")
        #expect(again.status == 66, "\(again)")
        // Ben is untouched and still syncs.
        _ = try pc1.record(1, token: ben.token)
        let benRun = try pc1.syncNow()
        #expect(benRun["ok"]?.boolValue == true && benRun["pushedStatements"]?.doubleValue == 1, "\(benRun)")

        repository.stop()
        let holding = try Self.filesHolding(marker, under: repository.dataDirectory)
        #expect(holding.isEmpty, "the marker is still in \(holding)")
    }
}
