import CurlClient
import Foundation
import Testing
import TestSupport
import WalletAPI
import Basics

/// Issue 4 end to end with the real processes: a supervised course done offline on one PC, an
/// assessor signs off each outcome there, sync, the repository issues the micro-credential, it
/// arrives on the learner's other PC, the learner exports it, and an employer verifies the file
/// offline — with our verifier and with an independent one (Python `cryptography` + `rfc8785` +
/// the OB 3.0 JSON Schema). Then a tampered file, a wrong challenge, and a revocation.
@Suite("Micro-credentials: assess, issue, sync, export, verify", .serialized)
struct CredentialJourneyTests {
    static let manualSync = ["--sync-interval", "86400", "--sync-debounce-ms", "600000"]
    static let forklift = "https://catalog.vet-centre.example/courses/forklift-safety"
    static let outcomes = ["pre-use-check", "load-stability", "stacking", "pedestrian-safety"]
    static let awardingBody = "Berufsbildungszentrum Logistik Steiermark"

    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    func catalogFixture() throws -> String {
        guard let url = Bundle.module.url(forResource: "sample-catalog", withExtension: "json", subdirectory: "Fixtures/catalog") else {
            throw HarnessError("sample catalog fixture missing")
        }
        return url.path
    }

    func repositoryd(_ repository: Repositoryd, _ arguments: String...) throws -> String {
        try Repositoryd.run(try Walletd.binary("repositoryd"), arguments + ["--data-dir", repository.dataDirectory])
    }

    func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let python = Self.packageRoot + "/.build-py/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw HarnessError("no \(python): run scripts/install-test-tools.sh (make test does)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func web(_ repository: Repositoryd, _ method: HTTPMethod, _ path: String, form: String? = nil) throws -> (status: Int, text: String) {
        let connection = CurlConnection(caFile: repository.certificate)
        let request = HTTPRequest(method: method, url: repository.url + path,
                                  headers: form == nil ? [:] : ["Content-Type": "application/x-www-form-urlencoded"],
                                  body: form.map { Data($0.utf8) })
        let response = try connection.perform(request)
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ""
    }

    @Test func aSupervisedCourseBecomesACredentialAnEmployerVerifiesOffline() throws {
        var repository = try Repositoryd().start(arguments: ["--catalog", try catalogFixture()])
        let pc1 = try Walletd(arguments: Self.manualSync).start()
        let pc2 = try Walletd(arguments: Self.manualSync).start()
        let cli1 = WalletCLIRunner(pc: pc1), cli2 = WalletCLIRunner(pc: pc2)
        try pc1.register(with: repository)
        try pc2.register(with: repository)

        // A learner and an assessor account on the centre PC; the admin registers the assessor.
        #expect(try cli1("learner", "add", "--name", "Ana Horvat", "--pin-stdin", stdin: "246800\n").status == 0)
        #expect(try cli1("learner", "add", "--name", "Bo Berger", "--pin-stdin", stdin: "135700\n").status == 0)
        let people = try JSONValue(data: Data(try cli1("learner", "list", "--json").stdout.utf8))["learners"]?.arrayValue ?? []
        let ana = try #require(people.first { $0["name"] == "Ana Horvat" }?["id"]?.stringValue)
        let bo = try #require(people.first { $0["name"] == "Bo Berger" }?["id"]?.stringValue)
        let boDID = try #require(people.first { $0["name"] == "Bo Berger" }?["did"]?.stringValue)
        #expect(boDID.hasPrefix("did:key:z6Mk"))
        _ = try repositoryd(repository, "assessor", "add", "--id", "bo", "--name", "Bo Berger", "--awarding-body", Self.awardingBody, "--did", boDID)
        #expect(try repositoryd(repository, "assessor", "list").contains("Bo Berger"))

        #expect(try cli1("login", ana, "--pin-stdin", stdin: "246800\n").status == 0)
        #expect(try cli1("sync").status == 0, "catalog and trust list arrive")

        // Offline from here: the course and its sign-off happen with the repository down.
        repository.stop()
        for outcome in Self.outcomes {
            #expect(try cli1("record", "--activity", "\(Self.forklift)/outcomes/\(outcome)", "--verb", "passed", "--score", "0.9").status == 0)
        }
        // Her own passes do not achieve a supervised course: it waits for the assessor.
        let waiting = try cli1("courses").stdout
        #expect(waiting.contains("Safe operation of counterbalance forklift trucks  (0/4 outcomes achieved)") && waiting.contains("○ "), "\(waiting)")
        let selfAssess = try cli1("assess", "--learner", bo, "--outcome", "stacking", "--result", "passed")
        #expect(selfAssess.status == 77 && selfAssess.stderr.contains("not registered as an assessor"), "Ana is no assessor: \(selfAssess)")
        #expect(try cli1("login", bo, "--pin-stdin", stdin: "135700\n").status == 0)
        for outcome in Self.outcomes {
            let signed = try cli1("assess", "--learner", ana, "--outcome", outcome, "--result", "passed", "--score", "0.85", "--note", "observed on site")
            #expect(signed.status == 0 && signed.stdout.contains("Signed off for Ana Horvat"), "\(signed)")
        }
        let unknown = try cli1("assess", "--learner", ana, "--outcome", "juggling", "--result", "passed")
        #expect(unknown.status == 66 && unknown.stderr.contains("wallet-cli courses"), "\(unknown)")
        // Signed off by a registered assessor: achieved on the PC, by the rule the repository issues by.
        #expect(try cli1("login", ana, "--pin-stdin", stdin: "246800\n").status == 0)
        let achieved = try cli1("courses").stdout
        #expect(achieved.contains("Safe operation of counterbalance forklift trucks  (4/4 outcomes achieved)"), "\(achieved)")

        // Back online: one sync pushes the evidence; the repository issues; the credential comes back.
        repository = try repository.start(arguments: ["--catalog", try catalogFixture()])
        #expect(try cli1("sync").status == 0)
        let issued = try JSONValue(data: Data(try repositoryd(repository, "credential", "list", "--json").utf8))
        let credentialID = try #require((issued["credentials"]?.arrayValue ?? issued.arrayValue)?.first?["id"]?.stringValue, "\(issued)")
        #expect(try cli1("sync").status == 0, "issued once: a second sync issues nothing new")
        let again = try JSONValue(data: Data(try repositoryd(repository, "credential", "list", "--json").utf8))
        #expect((again["credentials"]?.arrayValue ?? again.arrayValue)?.count == 1)
        // The credential authority's event hook counts it (this repositoryd process started before the syncs).
        let metrics = PrometheusSamples(text: try web(repository, .get, "/metrics").text)
        #expect(metrics.value("repositoryd_credentials_issued_total") == 1 && metrics.value("repositoryd_issuance_failures_total") == 0)
        // Where the printed page's QR code lands: the repository's page for that credential.
        let landing = try web(repository, .get, "/verify?credential=\(formEncoded(credentialID))")
        #expect(landing.status == 200 && landing.text.contains("Issued and not revoked") && landing.text.contains("Safe operation"), "\(landing.text)")

        // Her other PC: fetch with the PIN, sync, the credential is there and verified.
        #expect(try cli2("learner", "fetch", ana, "--pin-stdin", stdin: "246800\n").status == 0)
        #expect(try cli2("sync").status == 0)
        #expect(try cli2("login", ana, "--pin-stdin", stdin: "246800\n").status == 0)
        let listed = try cli2("credentials")
        #expect(listed.status == 0 && listed.stdout.contains(credentialID) && listed.stdout.contains("valid"), "\(listed)")
        #expect(listed.stdout.contains(Self.awardingBody))
        let shown = try cli2("credentials", "show", credentialID)
        for words in ["EQF level:          3", "2 ECTS", "2 ECVET points", "Assessment:         supervised", "Learner:            Ana Horvat",
                      "Awarding body:      \(Self.awardingBody), AT", "Learning outcomes:", "Quality assurance:"] {
            #expect(shown.stdout.contains(words), "credentials show lacks \(words): \(shown.stdout)")
        }

        // Export for an employer (JSON and HTML), then check it with the repository down.
        let json = pc2.folder + "/ana-export.json", html = pc2.folder + "/ana-export.html"
        let export = try cli2("export", "--credential", credentialID, "--challenge", "job-4711", "--domain", "hr.example.com", "--format", "json", "--out", json)
        #expect(export.status == 0, "\(export)")
        #expect(try cli2("export", "--credential", credentialID, "--challenge", "job-4711", "--domain", "hr.example.com", "--format", "html", "--out", html).status == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("Ana Horvat") && page.contains("EQF"), "printable page with a QR code")
        let dutchHTML = pc2.folder + "/ana-nl.html"
        #expect(try cli2("export", "--credential", credentialID, "--format", "html", "--language", "nl", "--out", dutchHTML).status == 0)
        let dutchPage = try String(contentsOfFile: dutchHTML, encoding: .utf8)
        #expect(dutchPage.contains("<html lang=\"nl\">") && dutchPage.contains("Leerresultaten") && dutchPage.contains("Ana Horvat"), "the Dutch printable page")
        #expect(try cli2("export", "--credential", credentialID, "--format", "html", "--language", "fr", "--out", dutchHTML).status != 0, "an unknown language is refused")
        repository.stop()

        let verified = try cli2("verify", json, "--challenge", "job-4711", "--domain", "hr.example.com")
        #expect(verified.status == 0 && verified.stdout.contains("verdict: Valid"), "\(verified)")
        #expect(try cli2("verify", html, "--challenge", "job-4711", "--domain", "hr.example.com").status == 0, "the page's embedded JSON verifies too")
        let wrongChallenge = try cli2("verify", json, "--challenge", "job-9999", "--domain", "hr.example.com")
        #expect(wrongChallenge.status == 1 && wrongChallenge.stdout.contains("job-9999"), "\(wrongChallenge)")

        // Independent implementation and the OB 3.0 schema.
        let independent = try python([Self.packageRoot + "/Tests/tools/independent_verify.py", json, "--challenge", "job-4711", "--domain", "hr.example.com"])
        #expect(independent.status == 0, "independent verifier: \(independent.output)")

        // The bare presentation that generic VC tools take (`--format vp`): signed by the holder for
        // the employer's challenge and domain, and the independent verifier accepts it, given the
        // status list a verifier would fetch (here: the export's copy).
        let vp = pc2.folder + "/ana-presentation.json", statusList = pc2.folder + "/status-list.json"
        let bareExport = try cli2("export", "--credential", credentialID, "--challenge", "job-4711", "--domain", "hr.example.com", "--format", "vp", "--out", vp)
        #expect(bareExport.status == 0, "\(bareExport)")
        let bare = try JSONValue(data: Data(contentsOf: URL(fileURLWithPath: vp)))
        let types = bare["type"]?.arrayValue ?? []
        #expect(types.contains(.string("VerifiablePresentation")), "\(bare)")
        #expect(bare["proof"] != nil && bare["holder"] != nil, "\(bare)")
        #expect(bare["verifiableCredential"]?.arrayValue?.count == 1)
        let walletExport = try JSONValue(data: Data(contentsOf: URL(fileURLWithPath: json)))
        let bundledList = try #require(walletExport["statusLists"]?.arrayValue?.first?["credential"])
        try Data(bundledList.encodedString.utf8).write(to: URL(fileURLWithPath: statusList))
        let independentVP = try python([Self.packageRoot + "/Tests/tools/independent_verify.py", vp, "--challenge", "job-4711", "--domain", "hr.example.com",
                                        "--status-list", statusList])
        #expect(independentVP.status == 0, "independent verifier on the bare presentation: \(independentVP.output)")

        // One byte changed: not valid, and the reason says so.
        let original = try String(contentsOfFile: json, encoding: .utf8)
        let tampered = pc2.folder + "/tampered.json"
        // The name she gave herself (no assessor checked it here: `selfDeclaredName`, docs/CREDENTIALS.md).
        let changed = original.replacingOccurrences(of: "\"selfDeclaredName\":\"Ana Horvat\"", with: "\"selfDeclaredName\":\"Ana Horvbt\"")
        try #require(changed != original)
        try changed.write(toFile: tampered, atomically: true, encoding: .utf8)
        let broken = try cli2("verify", tampered, "--challenge", "job-4711", "--domain", "hr.example.com")
        #expect(broken.status == 1 && broken.stdout.contains("signature") && broken.stdout.contains("verdict: Not valid"), "\(broken)")
        #expect(try python([Self.packageRoot + "/Tests/tools/independent_verify.py", tampered, "--challenge", "job-4711", "--domain", "hr.example.com"]).status != 0)

        // Revoked on the repository; after a status refresh the verifier says revoked.
        repository = try repository.start(arguments: ["--catalog", try catalogFixture()])
        _ = try repositoryd(repository, "credential", "revoke", credentialID)
        #expect(try cli2("sync").status == 0)
        #expect(try cli2("credentials").stdout.contains("revoked"))
        #expect(try cli2("export", "--credential", credentialID, "--format", "json", "--out", json).status == 0)
        // Each export is in the PC's audit log; issuance and revocation in the repository's.
        let exported = try JSONValue(data: Data(try cli2("audit", "--json").stdout.utf8))
        #expect(exported["verified"] == true)
        #expect((exported["entries"]?.arrayValue ?? []).filter { $0["kind"] == "export" }.count == 5, "four exports before (JSON, HTML in English and Dutch, the bare presentation), one after the revocation")
        let issuedLog = try Repositoryd.run(try Walletd.binary("repositoryd"), ["audit", "--json", "--data-dir", repository.dataDirectory])
        #expect(issuedLog.contains("credential_issue") && issuedLog.contains("credential_status") && issuedLog.contains(credentialID))
        let revoked = try cli2("verify", json)
        #expect(revoked.status == 2 && revoked.stdout.contains("verdict: Revoked"), "\(revoked)")
        // The employer's web page says the same, from the repository's live status list.
        let pasted = try web(repository, .post, "/verify", form: "document=" + formEncoded(try String(contentsOfFile: json, encoding: .utf8)))
        #expect(pasted.status == 200 && pasted.text.contains("Revoked"), "\(pasted.text)")
        #expect(try web(repository, .get, "/verify?credential=\(formEncoded(credentialID))").text.contains("Revoked"))

        try checkHolderKeyNeverInTheClear(ana: ana, pin: "246800", folders: [pc1.folder, pc2.folder, repository.folder], walletDB: pc1.dataDirectory + "/wallet.sqlite")

        // Erased at the repository: the page the QR code lands on still says revoked, and why.
        _ = try repositoryd(repository, "learner", "erase", ana)
        let afterErasure = try web(repository, .get, "/verify?credential=\(formEncoded(credentialID))")
        #expect(afterErasure.text.contains("Revoked") && afterErasure.text.contains("erased"), "\(afterErasure.text)")
        repository.stop()
    }

    /// Opens Ana's sealed holder key with her PIN (independently, in Python), then searches
    /// every file of both PCs and the repository for the private key in any usual encoding.
    func checkHolderKeyNeverInTheClear(ana: String, pin: String, folders: [String], walletDB: String) throws {
        let script = """
            import sqlite3, json, hashlib, base64, sys
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
            db, learner, pin = sys.argv[1], sys.argv[2], sys.argv[3]
            row = sqlite3.connect(db).execute("SELECT holder_key FROM learner WHERE id = ?", (learner,)).fetchone()
            key = json.loads(row[0])
            b = lambda s: base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
            k = hashlib.scrypt(pin.encode(), salt=b(key["salt"]), n=2 ** key["logN"], r=key["r"], p=key["p"], dklen=32, maxmem=2**28)
            sealed = b(key["sealed"])
            aad = ("learner-wallet holder key v1\\0" + learner + "\\0" + key["did"]).encode()
            print(AESGCM(k).decrypt(sealed[:12], sealed[12:], aad).hex())
            """
        let opened = try python(["-c", script, walletDB, ana, pin])
        #expect(opened.status == 0, "the sealed key opens with the PIN: \(opened.output)")
        let hex = opened.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let seed = Data(stride(from: 0, to: hex.count, by: 2).compactMap { i -> UInt8? in
            let start = hex.index(hex.startIndex, offsetBy: i)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)
        })
        try #require(seed.count == 32)
        let needles: [Data] = [seed, Data(hex.utf8), Data(hex.uppercased().utf8), Data(seed.base64EncodedString().utf8),
                               Data(seed.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                                   .replacingOccurrences(of: "=", with: "").utf8)]
        var searched = 0
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            for case let relative as String in walker {
                let path = folder + "/" + relative
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                searched += 1
                for needle in needles { #expect(data.range(of: needle) == nil, "the holder private key is in the clear in \(path)") }
            }
        }
        #expect(searched > 5, "searched \(searched) files")
    }
}
