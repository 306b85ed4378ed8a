import TestSupport
@testable import CredentialPages
import Credentials
import Foundation
import PageText
import Testing

/// Issue 13 item 1: the export page and the /verify pages in English and Dutch, `<html lang>`
/// following the language, a link to the other language, and every text still escaped.
@Suite struct DutchPageTests {
    static func summary(_ made: ExportFactory.Made) throws -> MicroCredentialSummary {
        try MicroCredentialSummary(json: try #require(made.credentials.first))
    }

    static func expectDutch(_ html: String, _ phrases: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(html.contains("<html lang=\"nl\">"), sourceLocation: sourceLocation)
        for phrase in phrases {
            #expect(html.contains(HTMLText.escape(phrase)) || html.contains(phrase), "missing: \(phrase)", sourceLocation: sourceLocation)
        }
        // Words only the English pages use.
        for english in ["Learning outcomes", "Awarding body", "at export time", "Issued and not revoked", "Check another file", "Upload the file"] {
            #expect(!html.contains(english), "English on a Dutch page: \(english)", sourceLocation: sourceLocation)
        }
    }

    @Test func theExportPageIsDutchWhenAskedAndEnglishByDefault() throws {
        var factory = ExportFactory()
        factory.credentialCount = 2
        let made = try factory.make()
        let ids = made.credentials.compactMap { $0["id"]?.stringValue }
        let statuses = [ids[0]: "valid", ids[1]: "suspended"]
        let dutch = ExportPage.html(export: made.export, statuses: statuses, language: .dutch)
        // The readable part: the embedded signed export keeps the issuer's own words.
        let readable = dutch.components(separatedBy: "<script type=\"application/json\"")[0]
        Self.expectDutch(readable, ["<h1>Microcredentials van Ana Sousa (naam opgegeven door de lerende, niet gecontroleerd)</h1>",
                                 "Geëxporteerd op", "geldig bij het exporteren", "geschorst bij het exporteren", "Leerresultaten",
                                 "Uitreikende instantie", "niveau 3 van het Europees kwalificatiekader", "2 ECTS-studiepunten",
                                 "ongeveer 50 uur studie", "op locatie", "Scan om te controleren"])
        // The same signed export inside, and the same QR codes (they name no language).
        #expect(try ExportPage.embeddedExport(in: dutch) == made.export)
        let english = ExportPage.html(export: made.export, statuses: statuses)
        #expect(english.contains("<html lang=\"en\">") && english.contains("valid at export time"))
        #expect(dutch.components(separatedBy: "<svg").dropFirst().map { $0.prefix(200) } == english.components(separatedBy: "<svg").dropFirst().map { $0.prefix(200) })
    }

    @Test func theVerifyPagesAreDutchWhenAsked() throws {
        let made = try ExportFactory().make()
        let summary = try Self.summary(made)
        let form = VerifyPage.form(language: .dutch)
        Self.expectDutch(form, ["<h1>Een microcredential controleren</h1>", "Upload het bestand dat de lerende u gaf", "Controleren</button>",
                                #"<input type="hidden" name="lang" value="nl">"#, #"<a href="/verify?lang=en" hreflang="en" lang="en">English</a>"#])
        #expect(VerifyPage.form().contains(#"<a href="/verify?lang=nl" hreflang="nl" lang="nl">Nederlands</a>"#))

        let result = VerifyPage.result(ExportVerifier.verify(made.export, options: made.options), language: .dutch)
        Self.expectDutch(result, ["Resultaat van de controle", #"<div class="verdict valid">Geldig</div>"#, "Elke handtekening klopt",
                                  "niet aan uw verzoek gebonden", "Alle controles", "Een ander bestand controleren"])

        let page = VerifyPage.credential(id: summary.id, summary: summary, status: "revoked", language: .dutch)
        Self.expectDutch(page, [#"<div class="verdict revoked">Ingetrokken</div>"#,
                                "Berufsbildungszentrum Logistik Steiermark heeft deze microcredential op 2026-11-08 uitgereikt aan Ana Sousa (naam opgegeven door de lerende, niet gecontroleerd).",
                                "hij geldt niet meer", "<strong>ingetrokken</strong>",
                                "/verify?credential=\(CredentialWords.queryValue(summary.id))&amp;lang=en"])
        Self.expectDutch(VerifyPage.credential(id: "urn:uuid:x", summary: nil, status: nil, language: .dutch), ["Hier niet bekend"])
        Self.expectDutch(VerifyPage.erasedCredential(id: "urn:uuid:x", language: .dutch), ["Ingetrokken microcredential", "op diens verzoek werden gewist"])
    }

    /// The form's `lang` field (the language it was shown in) chooses the result's language.
    @Test func thePostedFormKeepsItsLanguage() throws {
        let made = try ExportFactory().make()
        func post(_ fields: [(String, String)], language: PageLanguage = .english) -> String {
            VerifyPage.respond(toForm: VerifyPageTests.formBody(fields), trustList: made.trustList, trustAnchor: made.repositoryKey.didKey.did,
                               statusLists: [made.statusList], now: ExportFactory.now, language: language)
        }
        let document = made.export.json.encodedString
        let dutch = post([("document", document), ("challenge", "job-4711"), ("domain", "jobs.example"), ("lang", "nl")])
        #expect(dutch.contains("<html lang=\"nl\">") && dutch.contains(#"<div class="verdict valid">Geldig</div>"#), "\(dutch)")
        #expect(post([("challenge", "x"), ("lang", "nl")]).contains("plak de inhoud van het exportbestand"))
        // No field: the language the route negotiated.
        #expect(post([("challenge", "x")], language: .dutch).contains("<html lang=\"nl\">"))
        #expect(post([("challenge", "x"), ("lang", "en")], language: .dutch).contains("paste the export file"))
    }

    @Test func everyTextIsStillEscapedInDutch() throws {
        let hostile = try IdentityVerification(verifiedName: "Ana <script>alert(1)</script> {date}", identityCheck: "photo <b>ID</b>")
            .attributed(to: LearnerNameTests.assessorDID, name: "Bo <img src=x onerror=alert(2)>", attestation: "urn:uuid:1")
        var factory = ExportFactory()
        factory.identity = hostile
        factory.course.title = "Heftrucks & <i>pallets</i>"
        let made = try factory.make()
        let summary = try Self.summary(made)
        let pages = [VerifyPage.credential(id: "urn:uuid:<b>x</b>", summary: summary, status: "valid", language: .dutch),
                     VerifyPage.credential(id: "urn:uuid:<b>x</b>", summary: nil, status: nil, language: .dutch),
                     VerifyPage.erasedCredential(id: "urn:uuid:<b>x</b>", language: .dutch),
                     VerifyPage.result(ExportVerifier.verify(made.export, options: made.options), language: .dutch),
                     VerifyPage.form(document: "</textarea><script>alert(3)</script>", message: "<i>oops</i>", language: .dutch),
                     ExportPage.html(export: made.export, statuses: [:], language: .dutch).components(separatedBy: "<script type=\"application/json\"")[0]]
        for html in pages {
            #expect(html.contains("<html lang=\"nl\">"))
            for raw in ["<script>alert", "<img", "<b>", "<i>"] { #expect(!html.contains(raw), "unescaped \(raw)") }
        }
        #expect(pages[0].contains("identiteit gecontroleerd door Bo &lt;img src=x onerror=alert(2)&gt;: photo &lt;b&gt;ID&lt;/b&gt;"))
        // A name holding a placeholder is shown as written, never filled in.
        #expect(pages[0].contains("Ana &lt;script&gt;alert(1)&lt;/script&gt; {date}"))
        #expect(pages[1].contains("urn:uuid:&lt;b&gt;x&lt;/b&gt;") && pages[2].contains("urn:uuid:&lt;b&gt;x&lt;/b&gt;"))
        #expect(pages[5].contains("Heftrucks &amp; &lt;i&gt;pallets&lt;/i&gt;"))
    }

    /// Every text the credential pages use is in both catalogues with the same placeholders
    /// (`Catalogue.problems()`, which the WalletPagesTests also run).
    @Test func theCataloguesAreComplete() {
        #expect(Catalogue.problems().isEmpty, "\(Catalogue.problems())")
    }
}
