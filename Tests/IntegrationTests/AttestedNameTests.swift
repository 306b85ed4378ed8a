import Foundation
import Testing
import WalletAPI
import Basics

/// Issue 11 item 7 with the real processes: the name on a credential is the one the assessor
/// checked when signing off, not the learner's self-written profile name. The assessor signs off
/// with `--verified-name` and `--identity-checked`; the learner then renames themselves in their
/// profile; the issued credential, the repository's `/verify` page, `credentials show`, the export
/// page and an independent verifier all name the checked person, with who checked them.
@Suite("The credential's name comes from the assessor's check", .serialized)
struct AttestedNameTests {
    /// The helpers of the credential journey (repositoryd commands, its web pages, the Python check).
    let journey = CredentialJourneyTests()

    @Test func theAssessorsCheckedNameSurvivesTheLearnersRenaming() throws {
        let repository = try Repositoryd().start(arguments: ["--catalog", try journey.catalogFixture()])
        let pc = try Walletd(arguments: CredentialJourneyTests.manualSync).start()
        let cli = WalletCLIRunner(pc: pc)
        try pc.register(with: repository)

        #expect(try cli("learner", "add", "--name", "Ana Horvat", "--pin-stdin", stdin: "246800\n").status == 0)
        #expect(try cli("learner", "add", "--name", "Bo Berger", "--pin-stdin", stdin: "135700\n").status == 0)
        let people = try JSONValue(data: Data(try cli("learner", "list", "--json").stdout.utf8))["learners"]?.arrayValue ?? []
        let ana = try #require(people.first { $0["name"] == "Ana Horvat" }?["id"]?.stringValue)
        let boDID = try #require(people.first { $0["name"] == "Bo Berger" }?["did"]?.stringValue)
        let bo = try #require(people.first { $0["name"] == "Bo Berger" }?["id"]?.stringValue)
        _ = try journey.repositoryd(repository, "assessor", "add", "--id", "bo", "--name", "Bo Berger",
                                    "--awarding-body", CredentialJourneyTests.awardingBody, "--did", boDID)
        #expect(try cli("login", ana, "--pin-stdin", stdin: "246800\n").status == 0)
        #expect(try cli("sync").status == 0, "catalog and trust list arrive")

        // The assessor checks Ana's photo ID on the first outcome; the rest are plain sign-offs.
        #expect(try cli("login", bo, "--pin-stdin", stdin: "135700\n").status == 0)
        let half = try cli("assess", "--learner", ana, "--outcome", "pre-use-check", "--result", "passed", "--verified-name", "Ana Pereira")
        #expect(half.status == 64 && half.stderr.contains("--identity-checked"), "a name without how it was checked: \(half)")
        let checked = try cli("assess", "--learner", ana, "--outcome", "pre-use-check", "--result", "passed",
                              "--verified-name", "Ana Pereira", "--identity-checked", "photo ID")
        #expect(checked.status == 0 && checked.stdout.contains("you checked Ana Pereira (photo ID)"), "\(checked)")
        for outcome in CredentialJourneyTests.outcomes.dropFirst() {
            let plain = try cli("assess", "--learner", ana, "--outcome", outcome, "--result", "passed")
            #expect(plain.status == 0 && plain.stdout.contains("identity: not checked"), "\(plain)")
        }

        // Then the learner writes another name into her own profile, before the credential is issued.
        #expect(try cli("login", ana, "--pin-stdin", stdin: "246800\n").status == 0)
        #expect(try cli("profile", "set", "name", "Queen Ana of Everything").status == 0)
        #expect(try cli("sync").status == 0)
        let issued = try JSONValue(data: Data(try journey.repositoryd(repository, "credential", "list", "--json").utf8))
        let credentialID = try #require((issued["credentials"]?.arrayValue ?? issued.arrayValue)?.first?["id"]?.stringValue, "\(issued)")
        #expect(try cli("sync").status == 0, "the credential comes back to the PC")

        // The repository's page for the credential (where the export's QR code lands).
        let landing = try journey.web(repository, .get, "/verify?credential=\(journey.formEncoded(credentialID))")
        #expect(landing.status == 200)
        #expect(landing.text.contains(#"<span class="learner-name">Ana Pereira</span><br><span class="name-checked">identity checked by Bo Berger: photo ID</span>"#),
                "\(landing.text)")
        #expect(!landing.text.contains("Queen Ana") && !landing.text.contains("not checked"))

        // On the PC, in the export page, and to a verifier that is not ours.
        let shown = try cli("credentials", "show", credentialID).stdout
        #expect(shown.contains("Learner:            Ana Pereira") && shown.contains("identity checked by Bo Berger: photo ID"), "\(shown)")
        let json = pc.folder + "/ana-export.json", html = pc.folder + "/ana-export.html"
        #expect(try cli("export", "--credential", credentialID, "--challenge", "job-4711", "--format", "json", "--out", json).status == 0)
        #expect(try cli("export", "--credential", credentialID, "--challenge", "job-4711", "--format", "html", "--out", html).status == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<h1>Micro-credentials of Ana Pereira (identity checked by Bo Berger: photo ID)</h1>"), "\(page.prefix(3000))")
        let independent = try journey.python([CredentialJourneyTests.packageRoot + "/Tests/tools/independent_verify.py", json, "--challenge", "job-4711"])
        #expect(independent.status == 0 && independent.output.contains("PASS credential 1 identity verification: Ana Pereira checked by Bo Berger"),
                "\(independent.output)")

        // Renamed again after issuance: the issued credential does not move.
        #expect(try cli("profile", "set", "name", "Ana Whoever").status == 0)
        #expect(try cli("sync").status == 0)
        let after = try journey.web(repository, .get, "/verify?credential=\(journey.formEncoded(credentialID))").text
        #expect(after.contains(#"<span class="learner-name">Ana Pereira</span>"#) && !after.contains("Ana Whoever"))
        repository.stop()
    }
}
