import Foundation
import Testing
import TestSupport

/// Issue 13 item 6: the learner's journeys through the wallet page in a real browser. A real
/// repositoryd with the sample catalog, a real walletd enrolled with it (serving the page on a
/// loopback port), the real wallet-cli, and Debian's chromium driven by
/// `Tests/browser/wallet_journeys.py` (Selenium with Debian's chromedriver). The journeys and what
/// each checks are listed in that file. `WALLET_SCREENSHOTS=DIR` keeps a screenshot of each page
/// (how docs/screenshots was made).
@Suite("Wallet page in a real browser", .serialized)
struct BrowserJourneyTests {
    @Test func aLearnerGoesFromANewProfileToAVerifiedExportInTheBrowser() throws {
        let journey = CredentialJourneyTests()
        let repository = try Repositoryd().start(arguments: ["--catalog", try journey.catalogFixture()])
        let pc = try Walletd(arguments: CredentialJourneyTests.manualSync + ["--http", "127.0.0.1:0"]).start()
        try pc.register(with: repository)
        _ = try pc.syncNow()
        // The centre admin imports the course's lessons (the sample cmi5 package) on this PC.
        let imported = try WalletCLIRunner(pc: pc)("content", "import", try SampleCoursePackage.zipWithScript(into: pc.folder))
        #expect(imported.status == 0, "\(imported)")
        let anchor = try journey.repositoryd(repository, "trust-anchor").trimmingCharacters(in: .whitespacesAndNewlines)
        var arguments = [CredentialJourneyTests.packageRoot + "/Tests/browser/wallet_journeys.py",
                         "--url", try pc.webAddress(), "--cli", try Walletd.binary("wallet-cli"), "--socket", pc.socket,
                         "--trust-anchor", anchor]
        if let folder = ProcessInfo.processInfo.environment["WALLET_SCREENSHOTS"] { arguments += ["--screenshots", folder] }
        let result = try journey.python(arguments)
        #expect(result.status == 0, "\(result.output)\n--- walletd log ---\n\((try? String(contentsOfFile: pc.folder + "/walletd.log", encoding: .utf8))?.suffix(3000) ?? "")")
        for step in ["new learner", "wrong PIN, then login", "lessons, progress, sync, credential, export and print page", "Dutch", "logout",
                     "a second learner sees none of the first one's data", "a forged form is refused", "a foreign Host is refused", "keyboard only, at 200 % zoom"] {
            #expect(result.output.contains("ok: \(step)\n"), "journey step: \(step)")
        }
    }
}
