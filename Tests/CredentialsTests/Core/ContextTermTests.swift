import Credentials
import Foundation
import Testing
import Basics

/// Every term a micro-credential uses is defined by a context it names (the pinned VC 2.0 and
/// OB 3.0 contexts, and ours), and our context only grows by new versions: a JSON-LD processor
/// (or a strict verifier) never meets an undefined term, and a document naming v1 reads as it did.
@Suite struct ContextTermTests {
    /// The terms a context defines, type-scoped ones included.
    static func terms(of context: JSONValue) -> Set<String> {
        var found = Set<String>()
        func walk(_ value: JSONValue) {
            guard case .object(let fields) = value else { return }
            for (key, inner) in fields {
                if !key.hasPrefix("@") { found.insert(key) }
                if case .object(let definition) = inner, let scoped = definition["@context"] { walk(scoped) }
            }
        }
        if let top = context["@context"] { walk(top) }
        return found
    }

    static func ourContext(_ document: String) throws -> JSONValue { try JSONValue(data: Data(document.utf8)) }

    static func definedTerms() throws -> Set<String> {
        var terms = Set<String>()
        for file in ["contexts/credentials-v2.jsonld", "contexts/ob-v3p0-context-3.0.3.purl.json", "contexts/data-integrity-v2.jsonld",
                     "contexts/bitstring-status-list-v1.jsonld"] {
            terms.formUnion(Self.terms(of: try FixtureFiles.json(file)))
        }
        return terms.union(Self.terms(of: try Self.ourContext(MicroCredentialContext.document)))
    }

    /// Keys and `type` values under `value` that `defined` lacks.
    static func undefined(in value: JSONValue, defined: Set<String>) -> Set<String> {
        var missing = Set<String>()
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let fields):
                for (key, inner) in fields where !key.hasPrefix("@") {
                    if !defined.contains(key) { missing.insert(key) }
                    if key == "type" {
                        for type in inner.arrayValue ?? [inner] {
                            if let name = type.stringValue, !defined.contains(name) { missing.insert(name) }
                        }
                    } else {
                        walk(inner)
                    }
                }
            case .array(let items):
                items.forEach(walk)
            default:
                break
            }
        }
        walk(value)
        return missing
    }

    @Test func everySubjectTermIsDefinedWithAndWithoutACheckedName() throws {
        let defined = try Self.definedTerms()
        for identity in [nil, try LearnerNameTests.checked()] {
            let credential = try MicroCredentialTests.signedCredential(identity: identity)
            #expect(credential["@context"]?.arrayValue?.compactMap(\.stringValue) == MicroCredential.contexts)
            #expect(MicroCredential.contexts.last == MicroCredentialContext.url)
            let subject = try #require(credential["credentialSubject"])
            #expect(Self.undefined(in: subject, defined: defined).isEmpty, "undefined: \(Self.undefined(in: subject, defined: defined).sorted())")
        }
    }

    @Test func theAttestationsTermsAreDefined() throws {
        let defined = try Self.definedTerms()
        let assessor = SigningKey.generate()
        let attestation = OutcomeAttestation(learnerDID: "did:key:z6Mkholder", learnerID: "ana", course: "https://c.example/c", outcome: "https://c.example/c/lo1",
                                             passed: true, score: 0.5, note: "ok", identity: try IdentityVerification(verifiedName: "Ana", identityCheck: "photo ID"))
            .unsignedCredential(id: "urn:uuid:1", assessor: assessor.didKey, validFrom: Date(timeIntervalSince1970: 0))
        let missing = Self.undefined(in: attestation, defined: defined)
        #expect(missing.isEmpty, "undefined: \(missing.sorted())")
    }

    /// v1 is published: v2 keeps each of its definitions and only adds, and no new term redefines
    /// one the VC or OB context protects.
    @Test func v2IsV1PlusNewTermsThatClashWithNothing() throws {
        let v1 = try #require(try Self.ourContext(MicroCredentialContext.v1Document)["@context"]?.objectValue)
        let v2 = try #require(try Self.ourContext(MicroCredentialContext.document)["@context"]?.objectValue)
        for (term, definition) in v1 { #expect(v2[term] == definition, "\(term) changed in v2") }
        let added = Set(v2.keys).subtracting(v1.keys)
        #expect(added.isSuperset(of: ["identityVerification", "IdentityVerification", "verifiedName", "identityCheck", "verifiedBy",
                                      "verifierName", "attestation", "selfDeclaredName"]))
        var standard = Set<String>()
        for file in ["contexts/credentials-v2.jsonld", "contexts/ob-v3p0-context-3.0.3.purl.json"] {
            standard.formUnion(Self.terms(of: try FixtureFiles.json(file)))
        }
        #expect(added.isDisjoint(with: standard), "clash: \(added.intersection(standard).sorted())")
        #expect(MicroCredentialContext.url.hasSuffix("/v2") && MicroCredentialContext.v1URL.hasSuffix("/v1"))
        #expect(MicroCredentialContext.published.map { $0.path } == ["/contexts/microcredential-v1.jsonld", "/contexts/microcredential-v2.jsonld"])
    }
}
