/// How walletd pages its long lists (`GET /v1/learners`, a learner's credentials and records,
/// `GET /v1/audit`): `?limit=` items per page (default ``defaultLimit``, at most ``maxLimit``) and
/// `?after=`, the opaque cursor of the page before. An answer with more after it carries `next`,
/// the path of the following page (the cursor and limit filled in); follow it unchanged, with
/// the same token. A list shorter than one page answers as it always did, without `next`.
///
/// ```swift
/// let first = try client.call(Endpoints.audit, query: ["limit": "50"], adminToken: token)
/// first.next   // "/v1/audit?after=WzQ5XQ&limit=50" while entries remain
/// let all = try client.callAllPages(Endpoints.audit, adminToken: token)   // every page, joined
/// ```
public enum Paging {
    public static let defaultLimit = 100
    public static let maxLimit = 1_000
    /// The query parameters every paged list reads.
    public static let query = ["after", "limit"]
}

/// An answer that is one page of a list: its `next` link, and how the pages after it join on.
/// `WalletClient`'s `callAllPages` follows the links and joins the pages into one answer, so a
/// command shows the whole list as before.
///
/// ```swift
/// var list = firstPage
/// list.append(page: secondPage)   // its items after ours, its `next`
/// ```
public protocol PagedAnswer: Codable, Sendable {
    /// The path of the next page; nil on the last.
    var next: String? { get set }
    /// Adds `page`'s items after this one's and takes its `next`.
    mutating func append(page: Self)
}
