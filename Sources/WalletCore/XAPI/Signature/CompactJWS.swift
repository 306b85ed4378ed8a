import Foundation
import Basics

/// A JWS in compact serialization (RFC 7515 3.1, 7.1): the protected header and payload as JSON,
/// the bytes the signature covers, and the signature. Parsing checks form only; whether the
/// signature holds is `StatementSignature`'s question.
///
/// ```swift
/// let jws = try CompactJWS.parse(Array("eyJhbGciOiJSUzI1NiJ9.eyJ9.c2ln".utf8))
/// jws.header["alg"]   // "RS256"
/// ```
public struct CompactJWS: Sendable, Equatable {
    public let header: JSONValue
    public let payload: JSONValue
    /// ASCII(BASE64URL(header) "." BASE64URL(payload)): what the signature signs.
    public let signingInput: [UInt8]
    public let signature: [UInt8]

    public static func parse(_ bytes: [UInt8]) throws(StatementSignatureError) -> CompactJWS {
        let pieces = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard pieces.count == 3 else {
            throw .notCompactJWS("it has \(pieces.count) dot-separated pieces, not 3")
        }
        let names = ["header", "payload", "signature"]
        var decoded: [Data] = []
        for (name, piece) in zip(names, pieces) {
            // An empty signature is well-formed JWS (alg "none"); the caller judges the algorithm first.
            guard !piece.isEmpty || name == "signature" else { throw .notCompactJWS("its \(name) is empty") }
            guard piece.allSatisfy(Base64URL.isAlphabet), let data = Base64URL.decode(String(decoding: piece, as: UTF8.self)) else {
                throw .notCompactJWS("its \(name) is not base64url without padding")
            }
            decoded.append(data)
        }
        guard let header = jsonObject(decoded[0]) else { throw .unreadableHeader("it is not a JSON object") }
        guard let payload = jsonObject(decoded[1]) else { throw .unreadablePayload("it is not a JSON object") }
        return CompactJWS(header: header, payload: payload, signingInput: Array(bytes[..<pieces[1].endIndex]),
                          signature: Array(decoded[2]))
    }

    /// The JSON object `data` holds; nil for anything else (text that is no JSON included).
    private static func jsonObject(_ data: Data) -> JSONValue? {
        guard let value = try? JSONValue(data: data), value.objectValue != nil else { return nil }
        return value
    }
}
