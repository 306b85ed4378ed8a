import Credentials
import Foundation
import Testing
@testable import RepositoryCore

@Suite("Issuer and repository keys on disk")
struct IssuerKeyringTests {
    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test("keys are 0600 in 0700 folders, and read back with the same DID")
    func modesAndStableDID() throws {
        let data = try HubFixtures.folder()
        let first = IssuerKeyring.inDataDirectory(data)
        let body = try first.issuerKey(slug: "gastro-akademie-rheinland")
        let repository = try first.repositoryKey()
        #expect(body.didKey != repository.didKey)
        #expect(try Self.mode(data + "/keys") == 0o700)
        #expect(try Self.mode(data + "/keys/issuers") == 0o700)
        #expect(try Self.mode(data + "/keys/issuers/gastro-akademie-rheinland.key") == 0o600)
        #expect(try Self.mode(data + "/keys/repository.key") == 0o600)
        // A restart: a new keyring reads the same keys.
        let again = IssuerKeyring.inDataDirectory(data)
        #expect(try again.issuerKey(slug: "gastro-akademie-rheinland").didKey == body.didKey)
        #expect(try again.repositoryKey().didKey == repository.didKey)
        let text = try String(contentsOfFile: data + "/keys/repository.key", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.count == 43, "32 bytes in base64url without padding")
        #expect(throws: KeyringError.self) { try again.issuerKey(slug: "../repository") }
    }

    @Test("a damaged key file is reported, never replaced")
    func damagedKey() throws {
        let data = try HubFixtures.folder()
        try FileManager.default.createDirectory(atPath: data + "/keys", withIntermediateDirectories: true)
        try "not a key".write(toFile: data + "/keys/repository.key", atomically: true, encoding: .utf8)
        #expect(throws: KeyringError.self) { try IssuerKeyring.inDataDirectory(data).repositoryKey() }
        #expect(try String(contentsOfFile: data + "/keys/repository.key", encoding: .utf8) == "not a key")
    }

    @Test("slugs are lowercase ASCII letters, digits and hyphens", arguments: [
        ("Gastro-Akademie Rheinland", "gastro-akademie-rheinland"),
        ("Centro de Formação Profissional para a Energia", "centro-de-formacao-profissional-para-a-energia"),
        ("  Straße & Söhne GmbH ", "strasse-sohne-gmbh"),
        ("ÉCOLE  N°1", "ecole-n-1"),
    ])
    func slugs(name: String, slug: String) {
        #expect(IssuerKeyring.slug(for: name) == slug)
        #expect(IssuerKeyring.isValidSlug(IssuerKeyring.slug(for: name)))
    }
}
