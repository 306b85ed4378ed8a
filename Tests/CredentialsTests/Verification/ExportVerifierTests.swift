import TestSupport
import Credentials
import Foundation
import Testing
import Basics

@Suite struct ExportVerifierTests {
    /// The failed check the verdict names, or nil when the verdict is not `.invalid`.
    static func reason(_ report: VerificationReport) -> String? {
        if case .invalid(let why) = report.verdict { return why }
        return nil
    }

    /// The presentation with credential `index` changed by `change`, signed again by the holder so
    /// that only the credential's own proof can notice.
    static func withCredential(_ made: ExportFactory.Made, _ index: Int = 0, change: (inout [String: JSONValue]) -> Void) throws -> WalletExport {
        guard case .object(var vp) = made.export.presentation, var list = vp["verifiableCredential"]?.arrayValue,
              case .object(var credential) = list[index] else { throw CredentialError.invalid("no credential") }
        change(&credential)
        list[index] = .object(credential)
        vp["verifiableCredential"] = .array(list)
        vp["proof"] = nil
        var export = made.export
        export.presentation = try DataIntegrity.sign(.object(vp), key: made.holderKey, purpose: .authentication,
                                                     created: ExportFactory.now, challenge: made.options.challenge, domain: made.options.domain)
        return export
    }

    @Test func aCompleteExportIsValidWithOneLinePerCheck() throws {
        var factory = ExportFactory()
        factory.credentialCount = 2
        let made = try factory.make()
        let report = ExportVerifier.verify(made.export, options: made.options)
        #expect(report.verdict == .valid, "\(report.text)")
        #expect(report.verdict.exitCode == 0)
        #expect(report.lines.allSatisfy { $0.outcome == .pass }, "\(report.text)")
        let checks = report.lines.map(\.check)
        #expect(Array(checks.prefix(3)) == ["presentation", "presentation proof", "trust list"])
        #expect(checks.filter { $0 == "credential proof" }.count == 2)
        for check in ["credential type", "holder is subject", "validity dates", "status", "issuer trusted"] {
            #expect(checks.filter { $0 == check }.count == 2, "\(check)")
        }
        #expect(report.credentials.map(\.status) == ["valid", "valid"])
        #expect(report.credentials.first?.title == ExportFactory.course.title)
        #expect(report.credentials.first?.issuerName == ExportFactory.course.awardingBody.name)
        #expect(report.credentials.first?.learnerName == "Ana Sousa")
        #expect(report.credentials.first?.summary?.eqfLevel == 3)
        let status = try #require(report.lines.first { $0.check == "status" })
        #expect(status.detail.contains("fetched 3 days ago"), "\(status.detail)")
        let trust = try #require(report.lines.first { $0.check == "issuer trusted" })
        #expect(trust.detail.contains("Berufsbildungszentrum Logistik Steiermark (AT)"))
        // The same file as text, and a bare presentation with the lists given by the verifier.
        #expect(ExportVerifier.verify(data: made.export.json.encoded(), options: made.options).verdict == .valid)
        var bare = made.options
        bare.statusLists = [made.statusList]
        bare.trustList = made.trustList
        #expect(ExportVerifier.verify(json: made.export.presentation, options: bare).verdict == .valid)
    }

    @Test func aChangedCredentialFieldIsCaughtByTheCredentialProof() throws {
        let made = try ExportFactory().make()
        let export = try Self.withCredential(made) { fields in
            fields["name"] = "Safe operation of counterbalance forklift trucks!"
        }
        let report = ExportVerifier.verify(export, options: made.options)
        let why = try #require(Self.reason(report))
        #expect(why.hasPrefix("credential proof"), "\(why)")
        #expect(why.contains("signature does not match"))
        #expect(report.verdict.exitCode == 1)
        // Unsigned again: now the presentation proof is the first to notice.
        var raw = made.export
        guard case .object(var vp) = raw.presentation, var list = vp["verifiableCredential"]?.arrayValue,
              case .object(var credential) = list[0] else { Issue.record("shape"); return }
        credential["validFrom"] = "2026-11-08T00:00:01Z"
        list[0] = .object(credential)
        vp["verifiableCredential"] = .array(list)
        raw.presentation = .object(vp)
        let rawWhy = try #require(Self.reason(ExportVerifier.verify(raw, options: made.options)))
        #expect(rawWhy.hasPrefix("presentation proof"), "\(rawWhy)")
    }

    @Test func aChangedPresentationIsCaught() throws {
        let made = try ExportFactory().make()
        var export = made.export
        guard case .object(var vp) = export.presentation else { Issue.record("shape"); return }
        vp["id"] = "urn:uuid:0b5e7a3c-1111-4000-8000-000000000002"
        export.presentation = .object(vp)
        let why = try #require(Self.reason(ExportVerifier.verify(export, options: made.options)))
        #expect(why.hasPrefix("presentation proof") && why.contains("signature does not match"), "\(why)")
    }

    @Test func someoneElsesCredentialsAreRefused() throws {
        // Mallory presents Ana's credential in a presentation Mallory signs as holder.
        let made = try ExportFactory().make()
        let mallory = SigningKey.generate()
        let vp = Presentation.unsigned(id: "urn:uuid:x", holder: mallory.didKey, credentials: made.credentials)
        var export = made.export
        export.presentation = try DataIntegrity.sign(vp, key: mallory, purpose: .authentication, created: ExportFactory.now,
                                                     challenge: made.options.challenge, domain: made.options.domain)
        let why = try #require(Self.reason(ExportVerifier.verify(export, options: made.options)))
        #expect(why.hasPrefix("holder is subject") && why.contains("presented by someone else"), "\(why)")
        // Ana's holder DID written in, Mallory's signature: the signer is not the holder.
        var factory = ExportFactory()
        factory.presentationSigner = mallory
        let swapped = try factory.make()
        let swappedWhy = try #require(Self.reason(ExportVerifier.verify(swapped.export, options: swapped.options)))
        #expect(swappedWhy.hasPrefix("presentation proof") && swappedWhy.contains("the holder did not sign it"), "\(swappedWhy)")
    }

    @Test func theChallengeAndDomainMustBeTheOnesAskedFor() throws {
        let made = try ExportFactory().make()
        var options = made.options
        options.challenge = "job-9999"
        let why = try #require(Self.reason(ExportVerifier.verify(made.export, options: options)))
        #expect(why.hasPrefix("presentation proof") && why.contains("challenge 'job-9999'"), "\(why)")
        options = made.options
        options.domain = "other.example"
        let domainWhy = try #require(Self.reason(ExportVerifier.verify(made.export, options: options)))
        #expect(domainWhy.hasPrefix("presentation proof") && domainWhy.contains("domain 'other.example'"), "\(domainWhy)")
        options = made.options
        options.challenge = nil
        let noneWhy = try #require(Self.reason(ExportVerifier.verify(made.export, options: options)))
        #expect(noneWhy.contains("pass the challenge"), "\(noneWhy)")
    }

    @Test func datesOutsideTheValidityPeriodAreRefused() throws {
        var factory = ExportFactory()
        factory.validUntil = ExportFactory.now.addingTimeInterval(-86_400)
        let expired = try factory.make()
        let why = try #require(Self.reason(ExportVerifier.verify(expired.export, options: expired.options)))
        #expect(why.hasPrefix("validity dates") && why.contains("expired on 2026-11-17"), "\(why)")
        factory = ExportFactory()
        factory.issued = ExportFactory.now.addingTimeInterval(86_400)
        let early = try factory.make()
        let earlyWhy = try #require(Self.reason(ExportVerifier.verify(early.export, options: early.options)))
        #expect(earlyWhy.hasPrefix("validity dates") && earlyWhy.contains("not valid before"), "\(earlyWhy)")
        factory = ExportFactory()
        factory.validUntil = ExportFactory.now.addingTimeInterval(86_400)
        let current = try factory.make()
        #expect(ExportVerifier.verify(current.export, options: current.options).verdict == .valid)
    }

    @Test func theIssuerMustBeOnATrustListSignedByTheAnchor() throws {
        var factory = ExportFactory()
        factory.issuerOnTrustList = false
        let unlisted = try factory.make()
        let why = try #require(Self.reason(ExportVerifier.verify(unlisted.export, options: unlisted.options)))
        #expect(why.hasPrefix("issuer trusted") && why.contains("not an awarding body on the repository's trust list"), "\(why)")

        factory = ExportFactory()
        factory.trustListSigner = SigningKey.generate()
        let forged = try factory.make()
        let forgedWhy = try #require(Self.reason(ExportVerifier.verify(forged.export, options: forged.options)))
        #expect(forgedWhy.hasPrefix("trust list") && forgedWhy.contains("not by the trust anchor"), "\(forgedWhy)")

        let made = try ExportFactory().make()
        var options = made.options
        options.trustAnchor = nil
        let report = ExportVerifier.verify(made.export, options: options)
        let anchorWhy = try #require(Self.reason(report))
        #expect(anchorWhy.hasPrefix("trust list") && anchorWhy.contains("pass --trust-anchor"), "\(anchorWhy)")
        #expect(report.lines.first { $0.check == "issuer trusted" }?.outcome == .fail)

        // A trust list the verifier gives replaces the bundled one.
        options = forged.options
        options.trustList = try ExportFactory.signedTrustList(issuer: forged.issuerKey, repository: forged.repositoryKey)
        #expect(ExportVerifier.verify(forged.export, options: options).verdict == .valid)
    }

    @Test func theStatusListMustBeSignedByTheIssuer() throws {
        var factory = ExportFactory()
        factory.statusListSigner = SigningKey.generate()
        let made = try factory.make()
        let why = try #require(Self.reason(ExportVerifier.verify(made.export, options: made.options)))
        #expect(why.hasPrefix("status") && why.contains("not by the credential's issuer"), "\(why)")
    }

    @Test func withoutAStatusListRevocationCannotBeChecked() throws {
        var factory = ExportFactory()
        factory.bundleStatusList = false
        let made = try factory.make()
        let report = ExportVerifier.verify(made.export, options: made.options)
        let why = try #require(Self.reason(report))
        #expect(why.contains("cannot check revocation offline: no status list for \(ExportFactory.listURL); pass --status-list FILE"), "\(why)")
        #expect(report.credentials.first?.status == "unknown")
        var options = made.options
        options.statusLists = [made.statusList]
        let given = ExportVerifier.verify(made.export, options: options)
        #expect(given.verdict == .valid, "\(given.text)")
        #expect(given.lines.first { $0.check == "status" }?.detail.contains("status list you gave") == true)
    }

    @Test func revokedAndSuspendedCredentialsSaySo() throws {
        var factory = ExportFactory()
        factory.credentialCount = 2
        factory.statuses = [1: .revoked]
        let revoked = try factory.make()
        let report = ExportVerifier.verify(revoked.export, options: revoked.options)
        #expect(report.verdict == .revoked)
        #expect(report.verdict.exitCode == 2)
        #expect(report.credentials.map(\.status) == ["valid", "revoked"])
        factory.statuses = [0: .suspended]
        let suspended = try factory.make()
        let suspendedReport = ExportVerifier.verify(suspended.export, options: suspended.options)
        #expect(suspendedReport.verdict == .suspended)
        #expect(suspendedReport.verdict.exitCode == 3)
        #expect(suspendedReport.verdict.headline == "Suspended")
        // Revoked wins over suspended; a broken proof wins over both.
        factory.statuses = [0: .suspended, 1: .revoked]
        let both = try factory.make()
        #expect(ExportVerifier.verify(both.export, options: both.options).verdict == .revoked)
        var options = both.options
        options.challenge = "other"
        #expect(Self.reason(ExportVerifier.verify(both.export, options: options)) != nil)
    }

    @Test func aNewerStatusListGivenByTheVerifierWinsAndAnOlderOneDoesNot() throws {
        let made = try ExportFactory().make()
        var bits = StatusBitstring()
        bits[100] = .revoked
        let url = ExportFactory.listURL
        let later = try DataIntegrity.sign(StatusListCredential.unsigned(url: url, issuer: made.issuerKey.didKey, validFrom: ExportFactory.now, bitstring: bits),
                                           key: made.issuerKey, purpose: .assertionMethod, created: ExportFactory.now)
        var options = made.options
        options.statusLists = [later]
        #expect(ExportVerifier.verify(made.export, options: options).verdict == .revoked)
        let earlier = try DataIntegrity.sign(
            StatusListCredential.unsigned(url: url, issuer: made.issuerKey.didKey, validFrom: ExportFactory.now.addingTimeInterval(-30 * 86_400), bitstring: bits),
            key: made.issuerKey, purpose: .assertionMethod, created: ExportFactory.now)
        options.statusLists = [earlier]
        #expect(ExportVerifier.verify(made.export, options: options).verdict == .valid)
        // The repository's own lists are the live status: the file's newer-looking copy (here
        // without the revocation) never replaces them.
        options.statusListsAreLive = true
        #expect(ExportVerifier.verify(made.export, options: options).verdict == .revoked)
    }

    @Test func anOldStatusListCopyIsAWarningNotAFailure() throws {
        var factory = ExportFactory()
        factory.statusListFetched = ExportFactory.now.addingTimeInterval(-45 * 86_400)
        let made = try factory.make()
        let report = ExportVerifier.verify(made.export, options: made.options)
        #expect(report.verdict == .valid)
        let warning = try #require(report.lines.first { $0.outcome == .warn })
        #expect(warning.detail.contains("45 days old"), "\(warning.detail)")
    }

    @Test func oversizedAndMalformedFilesAreRefusedInWords() throws {
        var factory = ExportFactory()
        factory.credentialCount = ExportVerifier.maximumCredentials + 1
        let many = try factory.make()
        #expect(Self.reason(ExportVerifier.verify(many.export, options: many.options))?.contains("at most 100") == true)
        let options = VerificationOptions(now: ExportFactory.now)
        #expect(Self.reason(ExportVerifier.verify(data: Data("{".utf8), options: options))?.contains("not valid JSON") == true)
        #expect(Self.reason(ExportVerifier.verify(json: ["type": "Something"], options: options))?.contains("neither") == true)
    }

    /// Flipping any one character inside a signed document of the export text never gives `.valid`.
    @Test func flippingAnyCharacterOfASignedPartNeverVerifies() throws {
        var factory = ExportFactory()
        factory.credentialCount = 2
        let made = try factory.make()
        let text = Array(made.export.json.encodedString)
        // The signed parts appear verbatim in the canonical text of the whole export.
        var ranges: [Range<Int>] = []
        for part in [made.export.presentation, made.statusList, made.trustList] {
            let needle = Array(part.encodedString)
            let start = try #require(Self.firstIndex(of: needle, in: text))
            ranges.append(start..<(start + needle.count))
        }
        let alphabet = Array("abcdefxyzABCXYZ0123456789\"\\{}[]:,.-_ éz")
        var rng = SplitMix(seed: 8785)
        var parsed = 0
        for round in 0..<300 {
            let range = ranges[round % ranges.count]
            let position = Int.random(in: range, using: &rng)
            var flipped = text
            var replacement = alphabet.randomElement(using: &rng) ?? "x"
            while replacement == flipped[position] { replacement = alphabet.randomElement(using: &rng) ?? "x" }
            flipped[position] = replacement
            let report = ExportVerifier.verify(data: Data(String(flipped).utf8), options: made.options)
            if report.lines.first?.check != "file" { parsed += 1 }
            #expect(report.verdict != .valid, "flipping character \(position) to '\(replacement)' still verified")
        }
        // Enough flips produced JSON that reached the signature checks for the test to mean something.
        #expect(parsed > 100, "only \(parsed) flips parsed")
    }

    static func firstIndex(of needle: [Character], in haystack: [Character]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return start }
        }
        return nil
    }
}
