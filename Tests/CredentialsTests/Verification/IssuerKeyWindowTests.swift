import Credentials
import Foundation
import Testing
import Basics

/// An awarding body's rotated key: credentials it signed inside its window keep verifying, a
/// proof it dates after its retirement does not, and the body's status list may be signed by any
/// of its keys inside that key's window.
@Suite("Issuer key windows")
struct IssuerKeyWindowTests {
    static let rotated = ExportFactory.now.addingTimeInterval(-5 * 86_400)

    /// The factory's issuer key retired at `rotated` (plus the overlap), a new key current since.
    static func rotatedFactory(newKey: SigningKey) -> ExportFactory {
        var factory = ExportFactory()
        factory.issuerKeyWindows = [
            IssuerKeyWindow(did: factory.issuerKey.didKey.did, validFrom: nil, validUntil: rotated.addingTimeInterval(IssuerKeyWindow.rotationOverlap)),
            IssuerKeyWindow(did: newKey.didKey.did, validFrom: rotated, validUntil: nil),
        ]
        return factory
    }

    @Test func aCredentialSignedByTheOldKeyInsideItsWindowStillVerifies() throws {
        let newKey = SigningKey.generate()
        var factory = Self.rotatedFactory(newKey: newKey)
        factory.issued = Self.rotated.addingTimeInterval(-86_400)
        // After the rotation the repository signs the body's status list with the new key.
        factory.statusListSigner = newKey
        let made = try factory.make()
        let report = ExportVerifier.verify(made.export, options: made.options)
        #expect(report.verdict == .valid, "\(report.text)")
        #expect(report.lines.first { $0.check == "issuer trusted" }?.detail.contains("earlier key") == true)
    }

    @Test func aProofTheRetiredKeyDatesAfterItsRetirementIsRefused() throws {
        let newKey = SigningKey.generate()
        var factory = Self.rotatedFactory(newKey: newKey)
        factory.statusListSigner = newKey
        factory.issued = Self.rotated.addingTimeInterval(IssuerKeyWindow.rotationOverlap + 60)
        let made = try factory.make()
        let why = try #require(ExportVerifierTests.reason(ExportVerifier.verify(made.export, options: made.options)))
        #expect(why.hasPrefix("issuer trusted") && why.contains("a retired key signs nothing new"), "\(why)")
    }

    @Test func theNewKeySignsOnlyFromItsRotation() throws {
        let newKey = SigningKey.generate()
        var factory = Self.rotatedFactory(newKey: newKey)
        factory.issuerKey = newKey
        factory.issued = Self.rotated.addingTimeInterval(3_600)
        factory.issuerKeyWindows[1] = IssuerKeyWindow(did: newKey.didKey.did, validFrom: Self.rotated, validUntil: nil)
        let made = try factory.make()
        #expect(ExportVerifier.verify(made.export, options: made.options).verdict == .valid)

        factory.issued = Self.rotated.addingTimeInterval(-3_600)
        let early = try factory.make()
        let why = ExportVerifierTests.reason(ExportVerifier.verify(early.export, options: early.options))
        #expect(why?.hasPrefix("issuer trusted") == true, "\(why ?? "valid")")
    }

    @Test func aStatusListTheRetiredKeySignsAfterItsRetirementIsNotUsed() throws {
        let newKey = SigningKey.generate()
        var factory = Self.rotatedFactory(newKey: newKey)
        factory.issued = Self.rotated.addingTimeInterval(-86_400)
        // The factory dates the list an hour before it was fetched: well after the retirement.
        factory.statusListFetched = Self.rotated.addingTimeInterval(2 * 86_400)
        let made = try factory.make()
        let report = ExportVerifier.verify(made.export, options: made.options)
        let status = try #require(report.lines.first { $0.check == "status" })
        #expect(status.outcome == .fail && status.detail.contains("at a time its key signs in"), "\(status.detail)")

        // The same list dated inside the old key's window is used.
        factory.statusListFetched = Self.rotated.addingTimeInterval(-3_600)
        let inside = try factory.make()
        #expect(ExportVerifier.verify(inside.export, options: inside.options).verdict == .valid)
    }

    @Test func keysAndWindowsRoundTripThroughTheSignedList() throws {
        let newKey = SigningKey.generate()
        let factory = Self.rotatedFactory(newKey: newKey)
        let made = try factory.make()
        let content = try TrustListContent(json: made.trustList)
        let body = try #require(content.awardingBody(did: made.issuerKey.didKey.did))
        #expect(body.keys == factory.issuerKeyWindows)
        #expect(content.awardingBody(did: newKey.didKey.did)?.slug == body.slug)
        // A list that never rotated has no keys field, byte for byte as before.
        let plain = try ExportFactory().make()
        #expect(!plain.trustList.encodedString.contains("\"keys\""))
    }
}
