import Foundation
import Basics

/// The rules of the xAPI document resources, pure: concurrency (xAPI 2.0 Part 3 §1.3: If-Match,
/// If-None-Match, the 409 for an unconditional PUT over an existing profile document), the
/// POST merge of JSON objects (§2.2), and walletd's bounds.
///
/// ```swift
/// try XAPIDocumentRules.checkPreconditions(existing: stored, conditions: .init(ifMatch: "\"3f2a…\""),
///                                          write: .replace, kind: .agentProfile)
/// let merged = try XAPIDocumentRules.merge(existing: stored, posted: body, contentType: "application/json")
/// ```
public enum XAPIDocumentRules {
    /// A document's largest size: cmi5 suspend data and learner preferences are small; this keeps
    /// one learner's content from filling the PC's disk.
    public static let maxBytes = 256 * 1024
    public static let maxDocumentsPerLearner = 2_000

    public enum Write: Sendable { case replace, merge }

    /// The request's concurrency headers, as sent (ETags quoted or not; `*`).
    public struct Conditions: Sendable, Equatable {
        public var ifMatch: String?
        public var ifNoneMatch: String?
        public init(ifMatch: String? = nil, ifNoneMatch: String? = nil) {
            self.ifMatch = ifMatch
            self.ifNoneMatch = ifNoneMatch
        }
        public static let none = Conditions()
    }

    public static func isJSON(_ contentType: String) -> Bool {
        contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } == "application/json"
    }

    /// Throws when the write (or, with `write` nil, the delete) may not go ahead.
    public static func checkPreconditions(existing: XAPIDocument?, conditions: Conditions, write: Write?,
                                          kind: XAPIDocumentKey.Kind) throws(XAPIDocumentError) {
        if let ifMatch = conditions.ifMatch {
            let tags = etags(in: ifMatch)
            let matches = existing.map { doc in tags.contains("*") || tags.contains(doc.etag) } ?? false
            guard matches else {
                throw .preconditionFailed(existing == nil
                    ? "If-Match names an ETag, but there is no such document. GET it (or the ids) to see what is stored."
                    : "The document changed since you read it (its ETag is no longer \(ifMatch)). GET it again and retry with its new ETag.")
            }
        }
        if let ifNoneMatch = conditions.ifNoneMatch, existing != nil {
            let tags = etags(in: ifNoneMatch)
            if tags.contains("*") || existing.map({ tags.contains($0.etag) }) == true {
                throw .preconditionFailed("If-None-Match: the document exists already. GET it and send If-Match with its ETag to change it.")
            }
        }
        if write == .replace, kind != .state, existing != nil, conditions.ifMatch == nil, conditions.ifNoneMatch == nil {
            throw .conflict("The document exists already: GET it, then PUT with If-Match: \"ETAG\" (its ETag) to replace it, or POST to merge into it.")
        }
    }

    /// The ETags of an If-Match / If-None-Match header, unquoted and without a weak `W/` prefix.
    static func etags(in header: String) -> Set<String> {
        Set(header.split(separator: ",").map { part in
            var tag = part.trimmingCharacters(in: .whitespaces)
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\"") { tag = String(tag.dropFirst().dropLast()) }
            return tag.lowercased()
        })
    }

    /// The document a write leaves: the posted one for a PUT (or a POST to no document), the
    /// merge for a POST to an existing one (top-level members of the posted object replace the
    /// stored ones, §2.2).
    public static func result(existing: XAPIDocument?, posted: Data, contentType: String, write: Write, nowMs: Int64) throws(XAPIDocumentError) -> XAPIDocument {
        guard posted.count <= maxBytes else { throw tooLarge }
        guard write == .merge else { return XAPIDocument(content: posted, contentType: contentType, updatedMs: nowMs) }
        let postedObject = try jsonObject(posted, contentType: contentType, what: "The posted document")
        guard let existing else { return XAPIDocument(content: posted, contentType: contentType, updatedMs: nowMs) }
        var merged = try jsonObject(existing.content, contentType: existing.contentType, what: "The stored document")
        merged.merge(postedObject) { _, new in new }
        let content = JSONValue.object(merged).encoded()
        guard content.count <= maxBytes else { throw tooLarge }
        return XAPIDocument(content: content, contentType: "application/json", updatedMs: nowMs)
    }

    static var tooLarge: XAPIDocumentError {
        .tooLarge("A document is at most \(maxBytes / 1024) KiB on this wallet; store less (or split it into several documents).")
    }

    static func jsonObject(_ data: Data, contentType: String, what: String) throws(XAPIDocumentError) -> [String: JSONValue] {
        guard isJSON(contentType) else {
            throw .notMergeable("\(what) is \(contentType), not application/json: POST merges JSON objects only; PUT replaces any document.")
        }
        guard let value = try? JSONValue(data: data), case .object(let object) = value else {
            throw .notMergeable("\(what) is not a JSON object: POST merges JSON objects only; PUT replaces any document.")
        }
        return object
    }
}
