import Foundation
import Hummingbird
import WalletAPI
import WalletCore
import Basics
import DaemonKit

/// The body of `POST`/`PUT /xapi/statements`, as `application/json` (statements only; every
/// attachment then needs a `fileUrl`) or as `multipart/mixed` (statements, then the raw data of
/// attachments; xAPI Communication 1.5.2). Refusals are API errors a client can act on: 400 with
/// the parser's code and message, 413 `body_too_large` beyond `XAPIAttachmentLimits`.
///
/// ```swift
/// let body = try await StatementRequestBody.read(request, jsonLimit: 4 << 20, limits: .standard)
/// body.statements    // the JSON of the first part (or of the whole JSON body)
/// body.attachments   // one part per sha2; empty for JSON
/// ```
struct StatementRequestBody {
    var statements: JSONValue
    var attachments: [XAPIAttachmentPart]
    var isMultipart: Bool

    /// The parts by sha2, for the signature check.
    var attachmentsBySHA2: [String: XAPIAttachmentPart] {
        Dictionary(attachments.map { ($0.sha2, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func read(_ request: Request, jsonLimit: Int, limits: XAPIAttachmentLimits) async throws -> StatementRequestBody {
        guard let contentType = request.headers[.contentType], MultipartContentType.essence(contentType).hasPrefix("multipart/") else {
            return StatementRequestBody(statements: try await readJSON(request, limit: jsonLimit), attachments: [], isMultipart: false)
        }
        guard MultipartContentType.essence(contentType) == "multipart/mixed" else {
            throw APIError(.badRequest, .unsupportedMediaType,
                           "Content-Type \(MultipartContentType.essence(contentType)) is not taken: send statements as application/json, or with attachment data as multipart/mixed.")
        }
        let buffer = try await request.body.collect(upTo: limits.maxRequestBytes)
        let body: XAPIMultipartBody
        do {
            body = try XAPIMultipartParser.parse(Data(buffer: buffer), contentType: contentType, limits: limits.multipart)
        } catch {
            throw APIError(error.code == .bodyTooLarge ? .contentTooLarge : .badRequest, error.code, error.message)
        }
        for (index, part) in body.attachments.enumerated() where part.data.count > limits.maxPartBytes {
            throw APIError(.contentTooLarge, .bodyTooLarge,
                           "Attachment part \(index + 2) (sha2 \(part.sha2)) takes \(part.data.count) bytes; walletd keeps at most \(limits.maxPartBytes) bytes per attachment. Give a large file a fileUrl instead of its data.")
        }
        return StatementRequestBody(statements: body.statements, attachments: withDeclaredContentTypes(body), isMultipart: true)
    }

    /// A part sent without Content-Type takes its attachment's `contentType`, so that a later
    /// `attachments=true` answer names it (the spec asks senders for one, 1.5.2.s2.b2.b6).
    private static func withDeclaredContentTypes(_ body: XAPIMultipartBody) -> [XAPIAttachmentPart] {
        var declared: [String: String] = [:]
        for statement in body.statements.arrayValue ?? [body.statements] {
            for container in [statement, statement["object"] ?? .null] {
                for attachment in container["attachments"]?.arrayValue ?? [] {
                    if let sha2 = attachment["sha2"]?.stringValue?.lowercased(), let type = attachment["contentType"]?.stringValue {
                        declared[sha2] = declared[sha2] ?? type
                    }
                }
            }
        }
        return body.attachments.map { $0.contentType == nil ? $0.withContentType(declared[$0.sha2]) : $0 }
    }

    private static func readJSON(_ request: Request, limit: Int) async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: limit)
        do {
            return try JSONValue(data: Data(buffer: buffer))
        } catch {
            throw APIError.badRequest("The body is not valid JSON.", code: .invalidJSON)
        }
    }
}
