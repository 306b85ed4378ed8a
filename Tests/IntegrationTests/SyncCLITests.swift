import Foundation
import Testing
import WalletAPI
import Basics

/// The sync story through the real wallet-cli, as a centre admin and a learner type it.
@Suite("wallet-cli: device, sync, fetch, courses, conflicts", .serialized)
struct SyncCLITests {
    static let manualSync = ["--sync-interval", "86400", "--sync-debounce-ms", "600000"]

    func catalogFixture() throws -> String {
        guard let url = Bundle.module.url(forResource: "sample-catalog", withExtension: "json", subdirectory: "Fixtures/catalog") else {
            throw HarnessError("sample catalog fixture missing")
        }
        return url.path
    }

    @Test func anAdminRegistersPCsAndALearnerSyncsAcrossThem() throws {
        let repository = try Repositoryd().start(arguments: ["--catalog", try catalogFixture()])
        let pc1 = try Walletd(arguments: Self.manualSync).start()
        let pc2 = try Walletd(arguments: Self.manualSync).start()
        let cli1 = WalletCLIRunner(pc: pc1), cli2 = WalletCLIRunner(pc: pc2)

        // Not registered yet: sync says what to do.
        let early = try cli1("sync")
        #expect(early.status == 65 && early.stderr.contains("device enrol"), "\(early)")
        // A wrong code is refused with the repository's reason.
        let wrong = try cli1("device", "register", "--repository", repository.url, "--code", "AAAA-BBBB-CCCC-DDDD")
        #expect(wrong.status == 77 && wrong.stderr.contains("enrolment code"), "\(wrong)")
        // Without the admin token, no registration.
        var noAdmin = try cli1("device", "register", "--repository", repository.url, "--code", "x", "--admin-token-file", "/nonexistent")
        #expect(noAdmin.status == 77 && noAdmin.stderr.contains("root"), "\(noAdmin)")
        noAdmin = try cli1("device", "register", "--repository", "http://192.0.2.1:8443", "--code", try repository.enrolmentCode())
        #expect(noAdmin.status == 65 && noAdmin.stderr.contains("TLS"), "plain http off loopback: \(noAdmin)")

        #expect(try cli1("device", "register", "--repository", repository.url, "--code", try repository.enrolmentCode()).status == 0)
        #expect(try cli2("device", "register", "--repository", repository.url, "--code", try repository.enrolmentCode()).status == 0)
        #expect(try cli1("device").stdout.contains("Registered with \(repository.url)"))

        #expect(try cli1("learner", "add", "--name", "Ana Horvat", "--pin-stdin", stdin: "246800\n").status == 0)
        let list = try JSONValue(data: Data(try cli1("learner", "list", "--json").stdout.utf8))
        let ana = try #require(list["learners"]?.arrayValue?.first?["id"]?.stringValue)
        #expect(try cli1("login", ana, "--pin-stdin", stdin: "246800\n").status == 0)
        let sync = try cli1("sync")
        #expect(sync.status == 0 && sync.stdout.contains("Synced"), "\(sync)")

        // The catalog arrived; progress shows per learning outcome. Her own pass achieves a
        // self-assessed outcome; a supervised one waits for a registered assessor's sign-off.
        let outcome = "https://catalog.vet-centre.example/courses/forklift-safety/outcomes/pre-use-check"
        let hygiene = "https://catalog.vet-centre.example/courses/food-hygiene-haccp/outcomes/personal-hygiene"
        #expect(try cli1("record", "--activity", outcome, "--verb", "passed", "--score", "0.9").status == 0)
        #expect(try cli1("record", "--activity", hygiene, "--verb", "passed").status == 0)
        let courses = try cli1("courses")
        #expect(courses.stdout.contains("Safe operation of counterbalance forklift trucks  (0/4 outcomes achieved)"), "\(courses.stdout)")
        #expect(courses.stdout.contains("○ Carries out and records the daily pre-use inspection"))
        #expect(courses.stdout.contains("Food hygiene and HACCP for kitchen staff  (1/4 outcomes achieved)"))
        #expect(courses.stdout.contains("✓ Follows the kitchen's personal hygiene rules"))
        #expect(try cli1("profile", "set", "email", "ana@home.example").status == 0)
        #expect(try cli1("sync").status == 0)

        // Fetched onto PC 2 with the PIN (a wrong PIN first).
        let badPIN = try cli2("learner", "fetch", ana, "--pin-stdin", stdin: "000000\n")
        #expect(badPIN.status == 77 && badPIN.stderr.contains("Wrong PIN"), "\(badPIN)")
        let fetched = try cli2("learner", "fetch", ana, "--pin-stdin", stdin: "246800\n")
        #expect(fetched.status == 0 && fetched.stdout.contains("Ana Horvat is now on this PC"), "\(fetched)")
        #expect(try cli2("sync").status == 0)
        #expect(try cli2("login", ana, "--pin-stdin", stdin: "246800\n").status == 0)
        let there = try cli2("courses").stdout
        #expect(there.contains("Food hygiene and HACCP for kitchen staff  (1/4 outcomes achieved)"), "her history followed her: \(there)")
        #expect(there.contains("○ Carries out and records the daily pre-use inspection"))

        // Both PCs change the email before syncing: a conflict, shown and resolved.
        #expect(try cli1("profile", "set", "email", "ana@work.example").status == 0)
        #expect(try cli2("profile", "set", "email", "ana@school.example").status == 0)
        for cli in [cli1, cli2, cli1] { #expect(try cli("sync").status == 0) }
        let conflicts = try cli1("conflicts")
        #expect(conflicts.stdout.contains("profile/email was changed on two PCs"), "\(conflicts.stdout)")
        #expect(conflicts.stdout.contains("ana@work.example") && conflicts.stdout.contains("ana@school.example"))
        #expect(try cli2("conflicts").stdout.contains("profile/email"))
        #expect(try cli1("resolve", "profile/email", "ana@school.example").status == 0)
        for cli in [cli1, cli2] { #expect(try cli("sync").status == 0) }
        #expect(try cli2("conflicts").stdout.contains("No conflicts."))
        #expect(try cli2("profile").stdout.contains("profile/email: ana@school.example"))
        #expect(try cli1("resolve", "profile/email", "--pick", "1").status == 66, "nothing left to resolve")

        // Status for the learner, and the unreachable exit code.
        #expect(try cli1("sync", "status").stdout.contains("Waiting:       0 statements"))
        repository.stop()
        #expect(try cli1("record", "--activity", outcome, "--verb", "completed").status == 0)
        let down = try cli1("sync")
        #expect(down.status == 69 && down.stderr.contains("Nothing is lost"), "\(down)")
        #expect(try cli1("sync", "status").stdout.contains("Waiting:       1 statements"))
    }
}
