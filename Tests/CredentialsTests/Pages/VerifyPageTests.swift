import TestSupport
@testable import CredentialPages
import Credentials
import Foundation
import Testing

@Suite struct VerifyPageTests {
    static func formBody(_ fields: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return Array(fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&").utf8)
    }

    @Test func theFormPostsThePastedOrUploadedDocument() {
        let html = VerifyPage.form(challenge: "job-4711", domain: nil)
        for part in [#"<form method="post" action="/verify""#, #"<textarea id="document" name="document""#, #"<input type="file""#,
                     #"name="challenge" value="job-4711""#, #"name="domain" value="""#, "file.text()"] {
            #expect(html.contains(part), "\(part)")
        }
    }

    @Test func aPostedExportGetsItsVerdictInPlainWords() throws {
        let made = try ExportFactory().make()
        func post(_ document: String, challenge: String = "job-4711") -> String {
            VerifyPage.respond(toForm: Self.formBody([("document", document), ("challenge", challenge), ("domain", "jobs.example")]),
                               trustList: made.trustList, trustAnchor: made.repositoryKey.didKey.did, statusLists: [], now: ExportFactory.now)
        }
        let valid = post(made.export.json.encodedString)
        #expect(valid.contains(#"<div class="verdict valid">Valid</div>"#))
        #expect(valid.contains(ExportFactory.course.title))
        #expect(valid.contains(#"<li class="pass"><strong>presentation proof</strong>"#))
        // A whole export page pasted or uploaded works too.
        #expect(post(ExportPage.html(export: made.export, statuses: [:])).contains(#"<div class="verdict valid">Valid</div>"#))
        let wrong = post(made.export.json.encodedString, challenge: "job-1")
        #expect(wrong.contains(#"<div class="verdict invalid">Not valid: presentation proof: the presentation was not made for challenge &#39;job-1&#39;"#))
        #expect(post("not json").contains("not a JSON export"))
        let empty = VerifyPage.respond(toForm: Self.formBody([("challenge", "x")]), trustList: nil, trustAnchor: nil, statusLists: [], now: ExportFactory.now)
        #expect(empty.contains("paste the export file"))
    }

    @Test func revokedAndSuspendedResultsSaySo() throws {
        var factory = ExportFactory()
        factory.statuses = [0: .revoked]
        let made = try factory.make()
        let html = VerifyPage.result(ExportVerifier.verify(made.export, options: made.options))
        #expect(html.contains(#"<div class="verdict revoked">Revoked</div>"#))
        #expect(html.contains("has revoked a credential"))
    }

    /// Before, a file checked without a challenge just said "Valid", as if it was made for you.
    @Test func withoutAChallengeThePageSaysTheFileIsNotBoundToYourRequest() throws {
        var factory = ExportFactory()
        factory.challenge = nil
        factory.domain = nil
        let made = try factory.make()
        let unbound = VerifyPage.result(ExportVerifier.verify(made.export, options: made.options))
        #expect(unbound.contains(#"<div class="verdict valid">"#))
        #expect(unbound.contains("not bound to your request"))
        let bound = try ExportFactory().make()
        let page = VerifyPage.result(ExportVerifier.verify(bound.export, options: bound.options), challenge: "job-4711", domain: "jobs.example")
        #expect(!page.contains("not bound to your request"))
    }

    /// The page's one script is the one its Content-Security-Policy allows by hash.
    @Test func theContentSecurityPolicyAllowsThePagesOwnScriptOnly() {
        let policy = PageSecurityHeaders.contentSecurityPolicy
        #expect(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'") && !policy.contains("script-src 'unsafe-inline'"))
        #expect(VerifyPage.form().contains("<script>\(VerifyPage.fileReaderScript)</script>"))
        #expect(PageSecurityHeaders.fields.contains { $0.name == "X-Content-Type-Options" && $0.value == "nosniff" })
    }

    @Test func aCredentialLookedUpByIdSaysWhatItIsAndItsStatus() throws {
        let made = try ExportFactory().make()
        let summary = try MicroCredentialSummary(json: made.credentials[0])
        let page = VerifyPage.credential(id: summary.id, summary: summary, status: "revoked")
        #expect(page.contains(#"<div class="verdict revoked">Revoked</div>"#))
        #expect(page.contains("Berufsbildungszentrum Logistik Steiermark issued this micro-credential to Ana Sousa (name given by the learner, not checked) on 2026-11-08"))
        #expect(VerifyPage.credential(id: summary.id, summary: summary, status: "valid").contains("Issued and not revoked"))
        let unknown = VerifyPage.credential(id: "<script>x</script>", summary: nil, status: nil)
        #expect(unknown.contains("Not known here") && unknown.contains("&lt;script&gt;x&lt;/script&gt;") && !unknown.contains("<script>x"))
        let erased = VerifyPage.erasedCredential(id: "urn:uuid:<b>")
        #expect(erased.contains(#"<div class="verdict revoked">Revoked</div>"#) && erased.contains("erased") && erased.contains("urn:uuid:&lt;b&gt;"))
    }

    @Test func formBodiesAreDecodedAndBounded() throws {
        let fields = try FormBody.parse(Array("document=%7B%22a%22%3A1%7D&challenge=job+4711&name=%C3%BC&empty=&flag&challenge=second".utf8))
        #expect(fields == ["document": #"{"a":1}"#, "challenge": "job 4711", "name": "ü", "empty": "", "flag": ""])
        for bad in ["a=%4", "a=%zz", "a=%", "a=%FF"] {
            #expect(throws: FormBody.Invalid.self, "\(bad)") { try FormBody.parse(Array(bad.utf8)) }
        }
        let many = (0...FormBody.maximumFields).map { "f\($0)=1" }.joined(separator: "&")
        #expect(throws: FormBody.Invalid.self) { try FormBody.parse(Array(many.utf8)) }
        #expect(throws: FormBody.Invalid.self) { try FormBody.parse(Array((String(repeating: "n", count: 65) + "=1").utf8)) }
        #expect(throws: FormBody.Invalid.self) { try FormBody.parse([UInt8](repeating: 0x61, count: FormBody.maximumBytes + 1)) }
        // Any text survives encoding and decoding.
        var rng = SplitMix(seed: 1867)
        for _ in 0..<300 {
            let text = String((0..<Int.random(in: 0...30, using: &rng)).map { _ in "aZ9 +%&=é€\n\"<>".randomElement(using: &rng) ?? "a" })
            #expect(try FormBody.parse(Self.formBody([("document", text)]))["document"] == text)
        }
    }
}
