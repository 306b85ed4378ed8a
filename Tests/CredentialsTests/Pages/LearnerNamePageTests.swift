import TestSupport
@testable import CredentialPages
import Credentials
import Foundation
import Testing

/// The employer's pages say whose name an assessor checked and whose the learner wrote
/// themselves (issue 11 item 7), escaped like all text.
@Suite struct LearnerNamePageTests {
    static func made(identity: IdentityVerification?) throws -> ExportFactory.Made {
        var factory = ExportFactory()
        factory.identity = identity
        return try factory.make()
    }

    static func summary(_ made: ExportFactory.Made) throws -> MicroCredentialSummary {
        try MicroCredentialSummary(json: try #require(made.credentials.first))
    }

    @Test func theCredentialPageShowsACheckedNameWithWhoCheckedIt() throws {
        let made = try Self.made(identity: LearnerNameTests.checked())
        let html = VerifyPage.credential(id: "urn:uuid:x", summary: try Self.summary(made), status: "valid")
        #expect(html.contains(#"<span class="learner-name">Ana Pereira</span><br><span class="name-checked">identity checked by Bo Berg: photo ID</span>"#), "\(html)")
        #expect(html.contains("issued this micro-credential to Ana Pereira (identity checked by Bo Berg: photo ID)"))
        #expect(!html.contains("Ana Sousa"), "the learner's own profile name is not on a credential whose name was checked")
        #expect(!html.contains(MicroCredentialSummary.nameNotChecked))
    }

    @Test func theCredentialPageLabelsASelfDeclaredName() throws {
        let made = try Self.made(identity: nil)
        let html = VerifyPage.credential(id: "urn:uuid:x", summary: try Self.summary(made), status: "valid")
        #expect(html.contains(#"<span class="learner-name">Ana Sousa</span><br><span class="name-unchecked">name given by the learner, not checked</span>"#), "\(html)")
        #expect(html.contains("issued this micro-credential to Ana Sousa (name given by the learner, not checked)"))
        #expect(!html.contains("identity checked by"))
    }

    @Test func theResultOfACheckAndTheExportPageSayTheSame() throws {
        for identity in [nil, try LearnerNameTests.checked()] {
            let made = try Self.made(identity: identity)
            let label = identity == nil ? "name given by the learner, not checked" : "identity checked by Bo Berg: photo ID"
            let result = VerifyPage.result(ExportVerifier.verify(made.export, options: made.options), challenge: "job-4711", domain: "jobs.example")
            #expect(result.contains(label), "result page: \(label)")
            let export = ExportPage.html(export: made.export, statuses: [:])
            #expect(export.contains(label), "export page: \(label)")
            let name = identity == nil ? "Ana Sousa" : "Ana Pereira"
            #expect(export.contains("<h1>Micro-credentials of \(name) (\(label))</h1>"), "export heading")
        }
    }

    @Test func namesAndAssessorsThatLookLikeMarkupAreEscaped() throws {
        let hostile = try IdentityVerification(verifiedName: "Ana <script>alert(1)</script>", identityCheck: "photo <b>ID</b>")
            .attributed(to: LearnerNameTests.assessorDID, name: "Bo <img src=x onerror=alert(2)>", attestation: "urn:uuid:1")
        let made = try Self.made(identity: hostile)
        let pages = [VerifyPage.credential(id: "urn:uuid:x", summary: try Self.summary(made), status: "valid"),
                     VerifyPage.result(ExportVerifier.verify(made.export, options: made.options)),
                     ExportPage.html(export: made.export, statuses: [:]).components(separatedBy: "<script type=\"application/json\"")[0]]
        for html in pages {
            #expect(!html.contains("<script>alert") && !html.contains("<img") && !html.contains("<b>ID"))
            #expect(html.contains("Ana &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("identity checked by Bo &lt;img src=x onerror=alert(2)&gt;: photo &lt;b&gt;ID&lt;/b&gt;"))
        }
    }
}
