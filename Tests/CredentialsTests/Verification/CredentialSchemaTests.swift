import Credentials
import Foundation
import Testing
import Basics

/// Issue 13 item 5: each issued micro-credential names 1EdTech's OB 3.0 AchievementCredential
/// schema (`credentialSchema`) and passes it; credentials issued before the field still verify,
/// in our verifier and in the independent one.
@Suite struct CredentialSchemaTests {
    @Test func anIssuedCredentialNamesTheOB3Schema() throws {
        let credential = try MicroCredentialTests.signedCredential()
        #expect(credential["credentialSchema"] == .array([[
            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
            "type": "1EdTechJsonSchemaValidator2019",
        ]]))
        // The schema named is the one pinned in the fixtures (its `$id` differs only in `json-ld/`).
        let schema = try FixtureFiles.json("schemas/ob_v3p0_achievementcredential_schema.json")
        #expect(schema["$id"]?.stringValue?.replacingOccurrences(of: "/json-ld/", with: "/json/") == CredentialSchemas.achievementCredentialURL)
    }

    /// Each issued credential names the schema and validates against the fixture (Python's
    /// `jsonschema`, Draft 2019-09), and one without it (issued before) still passes everything.
    @Test func withAndWithoutTheSchemaEveryVerifierAccepts() throws {
        for namesSchema in [true, false] {
            var factory = ExportFactory()
            factory.credentialCount = 2
            factory.namesSchema = namesSchema
            let made = try factory.make()
            #expect(made.credentials.allSatisfy { ($0["credentialSchema"] != nil) == namesSchema })
            #expect(ExportVerifier.verify(made.export, options: made.options).verdict == .valid)
            let file = try IndependentVerifierTests.write(made.export.json.encodedString, name: "export.json")
            defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
            let run = try IndependentVerifierTests.python([file.path] + IndependentVerifierTests.common + ["--trust-anchor", made.repositoryKey.didKey.did])
            #expect(run.status == 0, "\(run.output)")
            for number in [1, 2] {
                #expect(run.output.contains("PASS credential \(number) OB 3.0 schema"), "\(run.output)")
                let named = namesSchema ? "PASS credential \(number) credential schema: names the OB 3.0 AchievementCredential schema"
                                        : "PASS credential \(number) credential schema: none named"
                #expect(run.output.contains(named), "\(run.output)")
            }
        }
    }

    /// A 1EdTech schema the offline check does not hold cannot be passed, so it is not.
    @Test func aSchemaTheIndependentCheckDoesNotHoldFails() throws {
        let made = try ExportFactory().make()
        var text = made.export.json.encodedString
        let other = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/some_other_schema.json"
        text = text.replacingOccurrences(of: CredentialSchemas.achievementCredentialURL, with: other)
        let file = try IndependentVerifierTests.write(text, name: "export.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let run = try IndependentVerifierTests.python([file.path] + IndependentVerifierTests.common)
        #expect(run.status == 1)
        #expect(run.output.contains("FAIL credential 1 credential schema: names \(other)"), "\(run.output)")
    }
}
