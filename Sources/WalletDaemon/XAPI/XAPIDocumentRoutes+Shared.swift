import Foundation
import HTTPTypes
import Hummingbird
import WalletCore
import Basics
import DaemonKit

/// What the document resources share: one document's answer with its ETag, an id list, a
/// bounded write, the concurrency headers, and the store's refusals as HTTP answers.
extension XAPIDocumentRoutes {

    func document(_ key: XAPIDocumentKey) async throws -> Response {
        guard let document = try await store.xapiDocument(key) else {
            throw APIError(.notFound, .notFound, "No such document for this learner on this PC (documents do not sync between PCs).")
        }
        var headers: HTTPFields = [.contentType: document.contentType, .eTag: "\"\(document.etag)\""]
        headers[.lastModified] = HTTPDate.format(ms: document.updatedMs)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(bytes: document.content)))
    }

    func idList(_ ids: (ids: [String], lastUpdatedMs: Int64?)) -> Response {
        var headers: HTTPFields = [:]
        if let last = ids.lastUpdatedMs { headers[.lastModified] = HTTPDate.format(ms: last) }
        return JSONResponse.value(status: .ok, .array(ids.ids.map(JSONValue.string)), headers: headers)
    }

    func storeDocument(_ request: Request, key: XAPIDocumentKey, write: XAPIDocumentRules.Write) async throws -> Response {
        let body = Data(try await JSONRequestBody.collect(request, limit: XAPIDocumentRules.maxBytes))
        let contentType = request.headers[.contentType] ?? "application/octet-stream"
        if XAPIDocumentRules.isJSON(contentType), (try? JSONValue(data: body)) == nil {
            throw APIError.badRequest("The document is sent as application/json but is not valid JSON.", code: .invalidJSON)
        }
        try await mapped {
            try await store.writeXAPIDocument(key, content: body, contentType: contentType, write: write,
                                              conditions: Self.conditions(request), nowMs: clock.nowMs())
        }
        return Response(status: .noContent)
    }

    static func conditions(_ request: Request) -> XAPIDocumentRules.Conditions {
        .init(ifMatch: request.headers[.ifMatch], ifNoneMatch: request.headers[.ifNoneMatch])
    }

    /// The store's refusals as the answers §1.3 and §2.2 name.
    func mapped(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as XAPIDocumentError {
            switch error {
            case .preconditionFailed(let message): throw APIError(.preconditionFailed, .preconditionFailed, message)
            case .conflict(let message): throw APIError(.conflict, .documentConflict, message)
            case .notMergeable(let message), .tooMany(let message): throw APIError.badRequest(message)
            case .tooLarge(let message): throw APIError(.contentTooLarge, .bodyTooLarge, message)
            }
        }
    }
}
