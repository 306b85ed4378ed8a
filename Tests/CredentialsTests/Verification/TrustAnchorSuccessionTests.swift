import Credentials
import Foundation
import Testing
import Basics

/// The trust-list key's hand-overs: a verifier who pinned an older key follows only an unbroken
/// chain of statements, each signed by the key it hands over from, to the list's signer.
@Suite("Trust-anchor succession")
struct TrustAnchorSuccessionTests {
    static let at = ExportFactory.now.addingTimeInterval(-30 * 86_400)

    /// k0 → k1 → … → k(count), each statement signed by the key before.
    static func chain(_ count: Int) throws -> (keys: [SigningKey], statements: [JSONValue]) {
        let keys = (0...count).map { _ in SigningKey.generate() }
        let statements = try (0..<count).map { try TrustAnchorSuccession.sign(previous: keys[$0], next: keys[$0 + 1].didKey, at: at) }
        return (keys, statements)
    }

    @Test func anUnbrokenChainLeadsFromThePinnedKeyToTheSigner() throws {
        let (keys, statements) = try Self.chain(3)
        let path = keys.map(\.didKey.did)
        #expect(TrustAnchorSuccession.follow(from: path[0], to: path[3], statements: statements) == .reached(path: path))
        // Order on the list does not matter; a key in the middle is a pin too.
        #expect(TrustAnchorSuccession.follow(from: path[0], to: path[3], statements: statements.reversed()) == .reached(path: path))
        #expect(TrustAnchorSuccession.follow(from: path[1], to: path[3], statements: statements) == .reached(path: Array(path[1...])))
        // Nobody follows backwards: a newer pin does not lead to an older signer.
        guard case .refused = TrustAnchorSuccession.follow(from: path[3], to: path[0], statements: statements) else {
            Issue.record("followed a succession backwards"); return
        }
    }

    @Test func aMissingLinkBreaksTheChain() throws {
        let (keys, statements) = try Self.chain(3)
        let broken = [statements[0], statements[2]]
        guard case .refused(let why) = TrustAnchorSuccession.follow(from: keys[0].didKey.did, to: keys[3].didKey.did, statements: broken) else {
            Issue.record("a chain with a gap was followed"); return
        }
        #expect(why.contains("no chain of key successions"), "\(why)")
    }

    @Test func aStatementSignedByAnyoneButTheKeyItHandsOverFromIsNoStep() throws {
        let pinned = SigningKey.generate(), thief = SigningKey.generate()
        // The thief writes "pinned hands over to me" and signs it with their own key.
        let forged = try DataIntegrity.sign(.object([
            "type": .string(TrustAnchorSuccession.type), "previous": .string(pinned.didKey.did),
            "next": .string(thief.didKey.did), "validFrom": "2026-11-01T00:00:00Z",
        ]), key: thief, purpose: .assertionMethod, created: Self.at)
        guard case .refused(let why) = TrustAnchorSuccession.follow(from: pinned.didKey.did, to: thief.didKey.did, statements: [forged]) else {
            Issue.record("a succession signed by its own successor was followed"); return
        }
        #expect(why.contains("not by the key it hands over from"), "\(why)")

        // A real statement whose `next` was changed after signing is no step either.
        let real = try TrustAnchorSuccession.sign(previous: pinned, next: SigningKey.generate().didKey, at: Self.at)
        guard case .object(var fields) = real else { Issue.record("not an object"); return }
        fields["next"] = .string(thief.didKey.did)
        guard case .refused = TrustAnchorSuccession.follow(from: pinned.didKey.did, to: thief.didKey.did, statements: [.object(fields)]) else {
            Issue.record("an altered succession was followed"); return
        }
    }

    @Test func aLoopEndsWithoutReachingAnyoneElse() throws {
        let a = SigningKey.generate(), b = SigningKey.generate(), stranger = SigningKey.generate()
        let loop = [try TrustAnchorSuccession.sign(previous: a, next: b.didKey, at: Self.at),
                    try TrustAnchorSuccession.sign(previous: b, next: a.didKey, at: Self.at)]
        guard case .refused = TrustAnchorSuccession.follow(from: a.didKey.did, to: stranger.didKey.did, statements: loop) else {
            Issue.record("a loop led to a stranger"); return
        }
        #expect(TrustAnchorSuccession.follow(from: a.didKey.did, to: b.didKey.did, statements: loop) == .reached(path: [a.didKey.did, b.didKey.did]))
    }

    @Test func theChainIsBoundedInLength() throws {
        let limit = TrustAnchorSuccession.maximumChainLength
        let (keys, statements) = try Self.chain(limit + 1)
        let longest = Array(statements.prefix(limit))
        guard case .reached(let path) = TrustAnchorSuccession.follow(from: keys[0].didKey.did, to: keys[limit].didKey.did, statements: longest) else {
            Issue.record("a chain of \(limit) was not followed"); return
        }
        #expect(path.count == limit + 1)
        guard case .refused(let why) = TrustAnchorSuccession.follow(from: keys[0].didKey.did, to: keys[limit + 1].didKey.did, statements: statements) else {
            Issue.record("more than \(limit) successions were followed"); return
        }
        #expect(why.contains("at most \(limit)"), "\(why)")
        // A trust list carrying more cannot even be read.
        var content = TrustListContent(version: 1, verificationPage: "https://repo.example/verify", awardingBodies: [], assessors: [])
        content.successions = statements
        let signed = try DataIntegrity.sign(content.unsignedCredential(id: "https://repo.example/trust-list", issuer: keys[limit + 1].didKey, validFrom: Self.at),
                                            key: keys[limit + 1], purpose: .assertionMethod, created: Self.at)
        #expect(throws: CredentialError.self) { try TrustListContent(json: signed) }
    }

    @Test func anExportSignedByASuccessorVerifiesAgainstTheOldAnchorOnlyThroughTheChain() throws {
        let old = SigningKey.generate(), new = SigningKey.generate()
        var factory = ExportFactory()
        factory.repositoryKey = old
        factory.trustListSigner = new
        factory.trustListSuccessions = [try TrustAnchorSuccession.sign(previous: old, next: new.didKey, at: Self.at)]
        let followed = try factory.make()
        let report = ExportVerifier.verify(followed.export, options: followed.options)
        #expect(report.verdict == .valid, "\(report.text)")
        #expect(report.lines.first { $0.check == "trust list" }?.detail.contains("successor of the trust anchor") == true)
        // The content round-trips: the statements are on the list as signed.
        #expect(try TrustListContent(json: followed.trustList).successions == factory.trustListSuccessions)

        factory.trustListSuccessions = []
        let unchained = try factory.make()
        let why = try #require(ExportVerifierTests.reason(ExportVerifier.verify(unchained.export, options: unchained.options)))
        #expect(why.hasPrefix("trust list") && why.contains("not by the trust anchor"), "\(why)")
    }
}
