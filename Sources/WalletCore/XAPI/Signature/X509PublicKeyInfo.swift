/// The SubjectPublicKeyInfo of an X.509 certificate (RFC 5280 4.1), found by walking the DER of
/// `tbsCertificate` to its seventh field. Nothing else of the certificate is read or trusted:
/// xAPI's signature check only catches mistakes (Data 2.6: "not as a security measure"), so
/// neither the chain, the validity dates nor the issuer's signature matter here.
///
/// ```swift
/// let spki = X509PublicKeyInfo.der(ofCertificate: certificateDER)   // SEQUENCE { algorithm, key }
/// let key = try _RSA.Signing.PublicKey(unsafeDERRepresentation: spki ?? [])
/// ```
enum X509PublicKeyInfo {
    static func der(ofCertificate certificate: [UInt8]) -> ArraySlice<UInt8>? {
        let sequence: UInt8 = 0x30
        var outer = DERReader(certificate[...])
        guard let whole = outer.read(tag: sequence), outer.isAtEnd else { return nil }
        var parts = DERReader(whole.content)
        guard let tbs = parts.read(tag: sequence) else { return nil }
        var fields = DERReader(tbs.content)
        // version [0] EXPLICIT, absent for v1 certificates.
        if fields.nextTag == 0xA0 { _ = fields.read(tag: 0xA0) }
        guard fields.read(tag: 0x02) != nil,          // serialNumber
              fields.read(tag: sequence) != nil,      // signature algorithm
              fields.read(tag: sequence) != nil,      // issuer
              fields.read(tag: sequence) != nil,      // validity
              fields.read(tag: sequence) != nil,      // subject
              let info = fields.read(tag: sequence)   // subjectPublicKeyInfo
        else { return nil }
        return info.whole
    }
}
