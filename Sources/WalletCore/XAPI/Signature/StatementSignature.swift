import Foundation
import Crypto
import _CryptoExtras
import Basics

/// The LRS side of xAPI signed statements (Data 2.6): a statement whose attachment has usageType
/// `http://adlnet.gov/expapi/attachments/signature` carries, in that attachment's data, a JWS
/// whose payload is the statement as it was before the signature was added.
///
/// What is checked (2.6.s5): the attachment's contentType is application/octet-stream; its data
/// came with the request; it is a compact JWS with `alg` RS256, RS384 or RS512 and no `crit`;
/// its payload is the statement without the signature attachment, compared as 409 conflicts
/// compare (`StatementEquivalence`); and when the header has `x5c`, the signature verifies with
/// the first certificate's RSA key (PKCS #1 v1.5). Without `x5c` there is no key to verify with
/// and the spec asks for none: the statement is stored with its signature unverified (clients
/// "MUST NOT assume a signature is valid simply because an LRS has accepted it").
///
/// ```swift
/// let parts = Dictionary(body.attachments.map { ($0.sha2, $0) }, uniquingKeysWith: { a, _ in a })
/// try StatementSignature.check(statement, parts: parts)   // throws StatementSignatureError
/// ```
public enum StatementSignature {
    public static let usageType = "http://adlnet.gov/expapi/attachments/signature"

    /// Returns whether the statement is signed; throws when its signature is malformed.
    @discardableResult
    public static func check(_ statement: JSONValue, parts: [String: XAPIAttachmentPart]) throws(StatementSignatureError) -> Bool {
        guard case .object(var fields) = statement, let attachments = fields["attachments"]?.arrayValue else { return false }
        let signatures = attachments.filter { $0["usageType"]?.stringValue == usageType }
        guard let signature = signatures.first else { return false }
        guard signatures.count == 1 else { throw .severalSignatures }
        let contentType = signature["contentType"]?.stringValue ?? ""
        guard MultipartContentType.essence(contentType) == "application/octet-stream" else { throw .wrongContentType(contentType) }
        let sha2 = signature["sha2"]?.stringValue?.lowercased() ?? ""
        guard let part = parts[sha2] else { throw .noSignatureData(sha2: sha2) }

        let jws = try CompactJWS.parse(part.data)
        let algorithm = jws.header["alg"]?.stringValue ?? ""
        guard ["RS256", "RS384", "RS512"].contains(algorithm) else {
            throw .unsupportedAlgorithm(jws.header["alg"].map { $0.stringValue ?? $0.encodedString } ?? "(none)")
        }
        guard jws.header["crit"] == nil else { throw .criticalHeader }
        // Even unverified (no x5c) an RSA signature has the modulus' length: 1024 bits at least.
        guard jws.signature.count >= 128 else {
            throw .notCompactJWS("its signature has \(jws.signature.count) bytes, too few for an RSA signature")
        }

        let unsigned = attachments.filter { $0["usageType"]?.stringValue != usageType }
        fields["attachments"] = unsigned.isEmpty ? nil : .array(unsigned)
        guard StatementEquivalence.isSame(jws.payload, as: .object(fields)) else { throw .payloadDiffers }

        if let chain = jws.header["x5c"] {
            try verify(jws, algorithm: algorithm, chain: chain)
        }
        return true
    }

    /// RFC 7515 4.1.6: `x5c` is an array of base64 (not base64url) DER certificates, the signer's first.
    private static func verify(_ jws: CompactJWS, algorithm: String, chain: JSONValue) throws(StatementSignatureError) {
        guard let first = chain.arrayValue?.first?.stringValue else {
            throw .unreadableCertificate("x5c must be an array of base64 DER certificates, the signing one first")
        }
        guard let der = Data(base64Encoded: first) else { throw .unreadableCertificate("the first x5c entry is not base64") }
        guard let info = X509PublicKeyInfo.der(ofCertificate: Array(der)) else {
            throw .unreadableCertificate("the first x5c entry is not a DER X.509 certificate")
        }
        let key: _RSA.Signing.PublicKey
        do {
            // 1024 bits and up: the check catches mistakes (Data 2.6), and the spec's own example uses 1024.
            key = try _RSA.Signing.PublicKey(unsafeDERRepresentation: info)
        } catch {
            throw .unreadableCertificate("its public key is not an RSA key of 1024 bits or more")
        }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: jws.signature)
        let valid = switch algorithm {
        case "RS384": key.isValidSignature(signature, for: SHA384.hash(data: jws.signingInput), padding: .insecurePKCS1v1_5)
        case "RS512": key.isValidSignature(signature, for: SHA512.hash(data: jws.signingInput), padding: .insecurePKCS1v1_5)
        default: key.isValidSignature(signature, for: SHA256.hash(data: jws.signingInput), padding: .insecurePKCS1v1_5)
        }
        guard valid else { throw .signatureInvalid(algorithm: algorithm) }
    }
}
