import Basics
import Foundation
import Hummingbird
import WalletAPI
import WalletCore
import DaemonKit

/// The `?limit=` and `?after=` of a paged list (`Paging`), checked, and the `next` link of its
/// answer. The cursor is opaque to clients: base64url of a JSON array, the list's name and then the
/// key of the previous page's last item. It grants nothing: each route still reads only what the
/// caller may see, so a cursor carried to another list, learner or token just starts elsewhere in
/// what that caller may read, or is refused as not this list's.
///
/// ```swift
/// let page = try PageQuery(request, list: "audit")
/// let entries = try store.auditLog(after: try page.afterSeq() ?? 0, limit: page.limit)
/// let next = entries.next.map { Endpoints.audit.path(query: page.query(after: [String($0)])) }   // nil: last page
/// ```
struct PageQuery {
    let list: String
    let limit: Int
    /// The key the previous page ended on; nil: the first page.
    let after: [String]?

    init(_ request: Request, list: String) throws {
        self.list = list
        let parameters = request.uri.queryParameters
        for name in Paging.query where parameters.getAll(name).count > 1 {
            throw Self.invalid("\(name) is given twice; give it once")
        }
        if let text = parameters.get("limit") {
            guard let limit = Int(text), (1...Paging.maxLimit).contains(limit) else {
                throw Self.invalid("limit must be a whole number from 1 to \(Paging.maxLimit) (leave it out for \(Paging.defaultLimit))")
            }
            self.limit = limit
        } else {
            limit = Paging.defaultLimit
        }
        if let cursor = parameters.get("after") {
            guard let key = Self.decode(cursor, list: list) else { throw Self.notThisList }
            after = key
        } else {
            after = nil
        }
    }

    /// The query of the page after the one ending on `key`: its cursor, and this page's limit.
    func query(after key: [String], keeping other: [String: String] = [:]) -> [String: String] {
        other.merging(["after": Self.encode(key, list: list), "limit": String(limit)]) { _, cursor in cursor }
    }

    /// `after` as one number (the audit log's seq); a cursor of another shape is refused.
    func afterSeq() throws -> Int64? {
        guard let after else { return nil }
        guard after.count == 1, let seq = Int64(after[0]), seq >= 0 else { throw Self.notThisList }
        return seq
    }

    /// `after` as one text (a record's key).
    func afterText() throws -> String? {
        guard let after else { return nil }
        guard after.count == 1 else { throw Self.notThisList }
        return after[0]
    }

    /// `after` as a time and an id (learners, credentials).
    func afterKey() throws -> PageKey? {
        guard let after else { return nil }
        guard after.count == 2, let ms = Int64(after[0]) else { throw Self.notThisList }
        return PageKey(ms: ms, id: after[1])
    }

    static func key(_ key: PageKey) -> [String] { [String(key.ms), key.id] }

    static func encode(_ key: [String], list: String) -> String {
        Base64URL.encode(JSONValue.array(([list] + key).map(JSONValue.string)).encoded())
    }

    static func decode(_ cursor: String, list: String) -> [String]? {
        guard cursor.utf8.count <= 2_048, let data = Base64URL.decode(cursor), let value = try? JSONValue(data: data),
              case .array(let items) = value, items.first?.stringValue == list
        else { return nil }
        let key = items.dropFirst().compactMap(\.stringValue)
        return key.count == items.count - 1 ? key : nil
    }

    static var notThisList: APIError {
        invalid("after is not a cursor of this list: send the `next` link of the page before unchanged, or leave after out to start at the first page")
    }

    static func invalid(_ problem: String) -> APIError {
        APIError(.badRequest, .invalidParameter, "Parameter \(problem).")
    }
}
