import CredentialPages
import Credentials
import Foundation
import Testing

@Suite struct ExportPageTests {
    @Test func theEmbeddedJSONRoundTripsToTheSameExport() throws {
        var factory = ExportFactory()
        factory.credentialCount = 2
        let made = try factory.make()
        let ids = made.credentials.compactMap { $0["id"]?.stringValue }
        let html = ExportPage.html(export: made.export, statuses: [ids[0]: "valid", ids[1]: "suspended"])
        #expect(try ExportPage.embeddedExport(in: html) == made.export)
        // What the page says, element by element.
        let course = ExportFactory.course
        for words in [course.title, "Ana Sousa", course.learningOutcomes[0].text, "2 ECTS credits", "2.5 ECVET points", "about 50 hours",
                      "level 3 of the European Qualifications Framework", "Berufsbildungszentrum Logistik Steiermark (AT)",
                      "supervised: an assessor", "on site", "EQAVET audited", "Issued</dt><dd>2026-11-08", "valid at export time", "suspended at export time"] {
            #expect(html.contains(HTMLText.escape(words)) || html.contains(words), "missing: \(words)")
        }
        // One QR code per credential, opening the trust list's verification page for it.
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.contains("https://repo.example/verify?credential=urn%3Auuid%3A6f1c1d2e-0000-4000-8000-000000000000"))
        // Self-contained: nothing is fetched.
        for fetch in ["src=", "<link", "@import", "url("] { #expect(!html.contains(fetch), "\(fetch)") }
    }

    @Test func textThatLooksLikeMarkupIsEscapedEverywhere() throws {
        var factory = ExportFactory()
        factory.learnerName = "Ana </script><script>alert(1)</script> <!-- <b>"
        factory.course.title = "Forklifts & <i>pallets</i>"
        let made = try factory.make()
        let html = ExportPage.html(export: made.export, statuses: [:])
        let parts = html.components(separatedBy: "<script type=\"application/json\" id=\"wallet-export\">")
        try #require(parts.count == 2)
        let readable = parts[0], embedded = parts[1].components(separatedBy: "</script>")[0]
        #expect(!readable.contains("<script>alert"))
        #expect(!readable.contains("<i>pallets"))
        #expect(!html.contains("<!--"))
        #expect(!embedded.contains("</"))
        #expect(html.contains("Ana &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Forklifts &amp; &lt;i&gt;pallets&lt;/i&gt;"))
        // The embedded copy cannot end its script element early, and still reads back whole.
        #expect(html.components(separatedBy: "</script>").count - 1 == 1)
        let again = try ExportPage.embeddedExport(in: html)
        #expect(again == made.export)
        #expect(try MicroCredentialSummary(json: again.presentation["verifiableCredential"]?.arrayValue?.first ?? .null).learnerName == factory.learnerName)
        #expect(ExportVerifier.verify(again, options: made.options).verdict == .valid)
    }

    @Test func aPageWithoutAnExportSaysSo() {
        #expect(throws: CredentialError.self) { try ExportPage.embeddedExport(in: "<html><body>nothing</body></html>") }
    }
}
