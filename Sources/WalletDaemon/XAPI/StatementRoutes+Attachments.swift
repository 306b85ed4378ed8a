import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import WalletCore
import Basics

/// `GET /xapi/statements?attachments=true` (Communication 2.1.3, 1.5.2): a `multipart/mixed`
/// answer whose first part is the JSON the plain answer would be, followed by one part per
/// distinct `sha2` the statements name without a `fileUrl`, for which this PC holds the data.
///
/// Data does not sync: a statement pulled from the repository (recorded on another PC) names
/// data this PC never received, and its part is left out rather than failing the answer; a
/// client sees an attachment whose sha2 no part carries (docs/XAPI.md).
///
/// ```swift
/// if attachments { return try await withAttachments(body.encoded(), of: statements, learnerID: id, headers: headers) }
/// ```
extension StatementRoutes {
    func withAttachments(_ json: Data, of statements: [JSONValue], learnerID: String, headers: HTTPFields) async throws -> Response {
        var hashes: [String] = []
        var seen: Set<String> = []
        for statement in statements {
            for sha2 in StatementAttachmentHashes.of(statement, withFileURL: false).sorted() where seen.insert(sha2).inserted {
                hashes.append(sha2)
            }
        }
        let parts = try await store.attachments(hashes, learnerID: learnerID)
        let message = XAPIMultipartWriter.write(statementsJSON: Array(json), attachments: parts)
        var fields = headers
        fields[.contentType] = message.contentType
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: message.body)))
    }
}
