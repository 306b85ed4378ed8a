/// Why a signed statement (xAPI Data 2.6) was refused: the LRS "MUST reject requests to store
/// Statements that contain malformed signatures, with 400 Bad Request" and should say why.
/// `path` names the statement in the request (`[2]` in a batch, empty for one statement).
///
/// ```swift
/// do { try StatementSignature.check(statement, parts: parts) } catch {
///     throw APIError.badRequest("\(error.path) \(error.message)", code: .invalidStatement)
/// }
/// ```
public enum StatementSignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    case severalSignatures
    case wrongContentType(String)
    case noSignatureData(sha2: String)
    case notCompactJWS(String)
    case unreadableHeader(String)
    case unsupportedAlgorithm(String)
    case criticalHeader
    case unreadablePayload(String)
    case payloadDiffers
    case unreadableCertificate(String)
    case signatureInvalid(algorithm: String)

    public var message: String {
        switch self {
        case .severalSignatures:
            "has more than one attachment with usageType \(StatementSignature.usageType); sign the statement once."
        case .wrongContentType(let type):
            "has a signature attachment with contentType \(type); a signature's contentType must be application/octet-stream (xAPI Data 2.6)."
        case .noSignatureData(let sha2):
            "has a signature attachment (sha2 \(sha2)) whose JWS is not in the request; send the statement as multipart/mixed with a part carrying the JWS, so that walletd can check it."
        case .notCompactJWS(let reason):
            "has a signature that is not a JWS in compact serialization (BASE64URL(header).BASE64URL(payload).BASE64URL(signature), nothing else in the part): \(reason)."
        case .unreadableHeader(let reason):
            "has a signature whose JWS header cannot be read: \(reason)."
        case .unsupportedAlgorithm(let algorithm):
            "has a signature with alg \"\(algorithm)\"; xAPI signatures use RS256, RS384 or RS512."
        case .criticalHeader:
            "has a signature whose JWS header lists \"crit\" extensions walletd does not understand; sign without them."
        case .unreadablePayload(let reason):
            "has a signature whose payload is not a statement: \(reason)."
        case .payloadDiffers:
            "has a signature whose payload is not the statement that was sent (without its signature attachment); sign the statement exactly as it is sent, before adding the signature attachment."
        case .unreadableCertificate(let reason):
            "has a signature whose x5c certificate cannot be used: \(reason)."
        case .signatureInvalid(let algorithm):
            "has a signature that does not verify (\(algorithm)) with the public key of the first x5c certificate; sign with that certificate's private key."
        }
    }

    public var description: String { message }
}
