import Foundation
import WalletAPI

/// Paged lists (`Paging`) read whole: the first page from the endpoint, then each `next` link
/// with the same tokens, joined into one answer (`PagedAnswer.append(page:)`). Commands show a
/// list this way, so what they print does not depend on the page size.
///
/// ```swift
/// let log = try client.callAllPages(Endpoints.audit, adminToken: token)        // every entry
/// let reply = try client.replyAllPages(Endpoints.listLearners)                 // with a response
/// print(reply.response.text)   // one page: walletd's JSON as sent; several: the joined answer
/// ```
extension WalletdClient {
    /// Pages followed at most: a walletd whose links went round in circles stops here.
    public static let maxPagesFollowed = 100_000

    /// Every page of `endpoint`'s list, joined.
    public func callAllPages<Answer: PagedAnswer>(
        _ endpoint: Endpoint<NoBody, Answer>,
        _ parameters: String...,
        query: [String: String] = [:],
        token: String? = nil,
        adminToken: String? = nil
    ) throws(WalletdClientError) -> Answer {
        try allPages(endpoint, parameters, query, token, adminToken).answer
    }

    /// ``callAllPages(_:_:query:token:adminToken:)`` with a response: the first page's when it was
    /// the only one, otherwise the first page's with the joined answer as its body (sorted keys, as
    /// walletd writes), so `--json` prints the whole list.
    public func replyAllPages<Answer: PagedAnswer>(
        _ endpoint: Endpoint<NoBody, Answer>,
        _ parameters: String...,
        query: [String: String] = [:],
        token: String? = nil,
        adminToken: String? = nil
    ) throws(WalletdClientError) -> WalletdReply<Answer> {
        try allPages(endpoint, parameters, query, token, adminToken)
    }

    private func allPages<Answer: PagedAnswer>(
        _ endpoint: Endpoint<NoBody, Answer>, _ parameters: [String], _ query: [String: String], _ token: String?, _ adminToken: String?
    ) throws(WalletdClientError) -> WalletdReply<Answer> {
        let first = WalletdRequest(endpoint, parameters: parameters, query: query, body: nil, token: token, adminToken: adminToken)
        var response = try send(first).checked()
        var answer = try response.decoded(as: Answer.self)
        var followed = 0
        var seen: Set<String> = []
        while let next = answer.next {
            followed += 1
            guard followed < Self.maxPagesFollowed, seen.insert(next).inserted else {
                throw .undecodable(type: String(describing: Answer.self), status: response.status, detail: "walletd's next links go round in circles (\(next))")
            }
            let page = try send(WalletdRequest(method: .get, path: next, token: token, adminToken: adminToken)).checked()
            answer.append(page: try page.decoded(as: Answer.self))
        }
        if followed > 0 {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            do { response.body = try encoder.encode(answer) } catch {
                throw .unencodable(type: String(describing: Answer.self), detail: String(describing: error))
            }
        }
        return WalletdReply(answer: answer, response: response)
    }
}
