import Foundation
import Crypto
import _CryptoExtras
import Basics
@testable import WalletCore

/// Signed statements made in the test with swift-crypto's RSA: a JWS over a statement, the
/// statement with its signature attachment, and a minimal X.509-shaped certificate around the
/// public key for `x5c` (walletd reads only the key out of it; nothing else of it is checked).
enum SignedStatementFixture {
    /// One key for the whole suite: RSA key generation is slow in a debug build.
    static let key: _RSA.Signing.PrivateKey = {
        do { return try _RSA.Signing.PrivateKey(keySize: .bits2048) } catch { fatalError("RSA key generation failed: \(error)") }
    }()

    static func jws(_ payload: JSONValue, alg: String = "RS256", x5c: Bool = false, signer: _RSA.Signing.PrivateKey = key) throws -> [UInt8] {
        var header: [String: JSONValue] = ["alg": .string(alg)]
        if x5c { header["x5c"] = [.string(Data(certificate(for: signer.publicKey)).base64EncodedString())] }
        let input = Base64URL.encode(Array(JSONValue.object(header).encoded())) + "." + Base64URL.encode(Array(payload.encoded()))
        let signature: _RSA.Signing.RSASignature = switch alg {
        case "RS384": try signer.signature(for: SHA384.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        case "RS512": try signer.signature(for: SHA512.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        default: try signer.signature(for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        }
        return Array((input + "." + Base64URL.encode(Array(signature.rawRepresentation))).utf8)
    }

    /// `statement` with a signature attachment for `jws`, and the part carrying it.
    static func signed(_ statement: JSONValue, jws: [UInt8]) -> (statement: JSONValue, parts: [String: XAPIAttachmentPart]) {
        let part = XAPIAttachmentPart(contentType: "application/octet-stream", data: jws)
        guard case .object(var fields) = statement else { return (statement, [:]) }
        let attachment: JSONValue = [
            "usageType": .string(StatementSignature.usageType), "display": ["en-US": "Signature"],
            "contentType": "application/octet-stream", "length": .number(Double(jws.count)), "sha2": .string(part.sha2),
        ]
        fields["attachments"] = .array((fields["attachments"]?.arrayValue ?? []) + [attachment])
        return (.object(fields), [part.sha2: part])
    }

    /// Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature } with the
    /// public key's SubjectPublicKeyInfo as tbsCertificate's seventh field.
    static func certificate(for publicKey: _RSA.Signing.PublicKey) -> [UInt8] {
        let empty = tlv(0x30, [])
        let tbs = tlv(0x30, tlv(0xA0, tlv(0x02, [2])) + tlv(0x02, [1]) + empty + empty + empty + empty + Array(publicKey.derRepresentation))
        return tlv(0x30, tbs + empty + tlv(0x03, [0]))
    }

    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        let count = content.count
        let length: [UInt8] = count < 0x80 ? [UInt8(count)] : count < 0x100 ? [0x81, UInt8(count)] : [0x82, UInt8(count >> 8), UInt8(count & 0xFF)]
        return [tag] + length + content
    }
}
