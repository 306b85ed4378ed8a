import Foundation
import Testing
import Basics
import WalletAPI
import WalletClient

/// Issue 14, item 3: progress comes a page at a time (`Paging`: `limit`, and `next` links to
/// follow), ordered by activity id; a bad page parameter is a 400 that says what to send; wallet-cli
/// follows the pages, so its listing is whole.
@Suite("Progress in pages", .serialized)
struct ProgressPagingTests {
    @Test func pagesFollowOneAnotherAndTheCLIShowsThemAll() throws {
        let pc = try Walletd().start()
        let client = pc.client
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        let activities = (0..<250).map { String(format: "https://vet.example.eu/c/1/lo/%03d", $0) }
        let body = JSONValue.array(activities.map { Sample.statement(activity: $0) })
        let posted = try client.send(Endpoints.postStatements, rawBody: Data(body.encodedString.utf8), token: ana.token)
        #expect(posted.status == 200)

        var seen: [String] = []
        var page = try client.call(Endpoints.progress, ana.id, query: ["limit": "100"], token: ana.token)
        var pages = 1
        seen += page.activities.map(\.activity)
        while let next = page.next, pages < 10 {
            #expect(page.activities.count == 100)
            let answer = try client.follow(next, token: ana.token)
            #expect(answer.status == 200)
            page = try JSONDecoder().decode(ProgressResponse.self, from: answer.body)
            seen += page.activities.map(\.activity)
            pages += 1
        }
        #expect(pages == 3 && page.activities.count == 50)
        #expect(seen == activities, "every activity once, in id order")
        let first = try client.call(Endpoints.progress, ana.id, token: ana.token)
        #expect(first.activities.count == Paging.defaultLimit && first.next != nil)

        let records = try client.call(Endpoints.records, ana.id, query: ["limit": "1"], token: ana.token)
        let foreignCursor = records.next.flatMap { URLComponents(string: $0)?.queryItems?.first { $0.name == "after" }?.value }
        for (query, word) in [(["limit": "0"], "limit"), (["limit": "1001"], "limit"), (["limit": "ten"], "limit"),
                              (["after": "%%%"], "after"), (["after": foreignCursor ?? "WyJyZWNvcmRzIiwiYSJd"], "after")] {
            let refused = try client.send(Endpoints.progress, ana.id, query: query, token: ana.token)
            #expect(refused.status == 400, "\(query)")
            #expect(refused.errorBody?.error.code == .invalidParameter, "\(query)")
            #expect(refused.errorBody?.error.message.contains(word) == true, "\(query)")
        }
        #expect(try client.send(Endpoints.health).status == 200, "walletd keeps serving")

        let cli = WalletCLIRunner(pc: pc)
        #expect(try cli("login", ana.id, "--pin-stdin", stdin: "246800\n").status == 0)
        let listed = try cli("progress", "--json")
        #expect(listed.status == 0, "\(listed.stderr)")
        let all = try JSONValue(data: Data(listed.stdout.utf8))
        #expect(all["activities"]?.arrayValue?.compactMap { $0["activity"]?.stringValue } == activities)
        #expect(all["next"] == nil)
    }
}
