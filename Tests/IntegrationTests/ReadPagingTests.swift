import Foundation
import Testing
import Basics
import WalletAPI
import WalletClient

/// Issue 14 item 3 with the real walletd and wallet-cli: the lists that grow come a page at a
/// time (`Paging`), the `next` links walk the whole list once, bad `limit`/`after` answer 400
/// `invalid_parameter` in words, and wallet-cli's commands still show whole lists (more than one
/// default page of learners and of audit entries here).
@Suite("Paged read routes (real walletd and wallet-cli)", .serialized)
struct ReadPagingTests {
    /// Every page of `path` by its `next` links: the items of each page and the links followed.
    static func walk<Answer: PagedAnswer>(_ client: WalletdClient, _ first: String, as type: Answer.Type, token: String? = nil,
                                          adminToken: String? = nil, items: (Answer) -> [String]) throws -> (items: [[String]], links: [String]) {
        var pages: [[String]] = [], links: [String] = []
        var path: String? = first
        while let next = path {
            links.append(next)
            let answer = try client.send(WalletdRequest(method: .get, path: next, token: token, adminToken: adminToken)).checked().decoded(as: Answer.self)
            pages.append(items(answer))
            path = answer.next
            if pages.count > 1_000 { break }
        }
        return (pages, links)
    }

    @Test func learnersAndTheAuditLogComeInPagesAndWalletCLIShowsThemWhole() throws {
        let pc = try Walletd().start()
        let client = pc.client
        let cli = WalletCLIRunner(pc: pc)
        // More than a default page of each: logins (one audit entry each), and learners copied in
        // the database (walletd lets one account create 30 a minute).
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        for _ in 0..<Paging.defaultLimit + 4 { _ = try client.call(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800")) }
        let count = Paging.defaultLimit + 5
        pc.stop()
        try AuditLogTests.tamper(pc.dataDirectory + "/wallet.sqlite", """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(count - 1))
            INSERT INTO learner (id, name, pin_salt, pin_hash, pin_log_n, pin_block_size, pin_parallelism, created_ms)
            SELECT printf('copy-%03d', i), 'Copy ' || i, pin_salt, pin_hash, pin_log_n, pin_block_size, pin_parallelism, created_ms + i FROM learner, n;
            """)
        try pc.start()
        let ids = [ana.id] + (1..<count).map { String(format: "copy-%03d", $0) }

        // The first page is the default size and links on; pages of 10 walk every learner once.
        let first = try client.call(Endpoints.listLearners)
        #expect(first.learners.count == Paging.defaultLimit && first.next != nil)
        let walked = try Self.walk(client, Endpoints.listLearners.path(query: ["limit": "10"]), as: LearnerList.self) { $0.learners.map(\.id) }
        #expect(walked.items.count == 11 && walked.items.dropLast().allSatisfy { $0.count == 10 } && walked.items.last?.count == 5)
        #expect(walked.items.flatMap { $0 } == ids, "oldest first, each once")
        #expect(walked.links.dropFirst().allSatisfy { $0.hasPrefix(Endpoints.listLearners.template + "?after=") && $0.hasSuffix("&limit=10") }, "\(walked.links)")
        #expect(try client.callAllPages(Endpoints.listLearners).learners.map(\.id) == ids)

        // wallet-cli shows every learner, whatever the page size.
        let listed = try cli("learner", "list", "--json")
        #expect(listed.status == 0, "\(listed)")
        let listedJSON = try JSONValue(data: Data(listed.stdout.utf8))
        #expect(listedJSON["learners"]?.arrayValue?.count == count && listedJSON["next"] == nil, "\(listed.stdout.prefix(300))")
        let table = try cli("learner", "list")
        #expect(table.status == 0 && ids.allSatisfy { table.stdout.contains($0) })

        // The audit log: one login entry each, in pages; every page verified; the CLI joins them.
        let admin = try String(contentsOfFile: pc.dataDirectory + "/admin.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let audit = try Self.walk(client, Endpoints.audit.path(query: ["limit": "7"]), as: AuditLogResponse.self, adminToken: admin) {
            $0.verified ? $0.entries.map { String($0.seq) } : ["broken"]
        }
        let entries = audit.items.flatMap { $0 }.count
        #expect(entries > Paging.defaultLimit && audit.items.flatMap { $0 } == (1...entries).map(String.init), "every entry once, each page verified")
        let shown = try cli("audit")
        #expect(shown.status == 0 && shown.stdout.contains("Chain verified: \(entries) entries."), "\(shown.stdout.suffix(300))")

        // An entry on the second default page changed behind walletd's back is named, as before.
        pc.stop()
        try AuditLogTests.tamper(pc.dataDirectory + "/wallet.sqlite", """
            DROP TRIGGER audit_log_no_update;
            UPDATE audit_log SET detail = '{"uid":"4711"}' WHERE seq = \(entries - 2);
            """)
        try pc.start()
        let broken = try cli("audit")
        #expect(broken.status == 65 && broken.stdout.contains("CHAIN BROKEN at entry \(entries - 2)"), "\(broken.stdout.suffix(300))")
        let page = try client.call(Endpoints.audit, query: ["limit": "3", "after": try #require(
            PageCursorText.after(try client.call(Endpoints.audit, query: ["limit": String(entries - 3)], adminToken: admin).next))], adminToken: admin)
        #expect(page.verified == false && page.firstBroken == Int64(entries - 2), "a page in the middle checks from the entry before it")
    }

    @Test func badLimitsAndCursorsAnswer400InWords() throws {
        let pc = try Walletd().start()
        let client = pc.client
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        _ = try pc.learnerSession(name: "Ben", pin: "246800")
        let learnersCursor = try #require(PageCursorText.after(try client.call(Endpoints.listLearners, query: ["limit": "1"]).next))
        let recordsPath = Endpoints.records.path(ana.id)
        let learners = Endpoints.listLearners.template
        for (path, word) in [
            (learners + "?limit=0", "limit"), (learners + "?limit=1001", "limit"), (learners + "?limit=ten", "limit"),
            (learners + "?limit=2&limit=3", "limit"), (learners + "?after=not-a-cursor", "after"),
            (recordsPath + "?after=" + learnersCursor, "after"), (Endpoints.credentials.path(ana.id) + "?after=" + learnersCursor, "after"),
            (recordsPath + "?limit=-1", "limit"),
        ] {
            let answer = try client.send(WalletdRequest(method: .get, path: path, token: ana.token))
            #expect(answer.status == 400, "\(path): \(answer.text)")
            #expect(answer.errorBody?.error.code == .invalidParameter, "\(path): \(answer.text)")
            #expect(answer.errorBody?.error.message.contains("Parameter \(word)") == true, "\(path): \(answer.text)")
        }
        let admin = try String(contentsOfFile: pc.dataDirectory + "/admin.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let auditAnswer = try client.send(WalletdRequest(method: .get, path: Endpoints.audit.template + "?after=" + learnersCursor, adminToken: admin))
        #expect(auditAnswer.status == 400 && auditAnswer.errorBody?.error.code == .invalidParameter, "a learners cursor is not the audit log's")
    }

    @Test func recordsAndConflictsPageByKeyWithTheirFilterKept() throws {
        let pc = try Walletd().start()
        let client = pc.client
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        let keys = (1...7).map { "enrolment/course-\($0)" }
        for key in keys {
            try client.call(Endpoints.writeRecord, ana.id, body: WriteRecordRequest(key: key, value: "enrolled", context: nil), token: ana.token)
        }
        let walked = try Self.walk(client, Endpoints.records.path(ana.id, query: ["limit": "3"]), as: RecordsResponse.self, token: ana.token) {
            $0.records.map(\.key)
        }
        #expect(walked.items.map(\.count) == [3, 3, 1] && walked.items.flatMap { $0 } == keys.sorted())
        let conflicts = try Self.walk(client, Endpoints.records.path(ana.id, query: ["conflicts": "true", "limit": "2"]), as: RecordsResponse.self,
                                      token: ana.token) { $0.records.map(\.key) }
        #expect(conflicts.items.flatMap { $0 }.isEmpty && conflicts.links.count == 1, "no conflicts: one empty page")
        let all = try client.callAllPages(Endpoints.records, ana.id, query: ["limit": "2"], token: ana.token)
        #expect(all.records.map(\.key) == keys.sorted() && all.next == nil)
        let credentials = try client.call(Endpoints.credentials, ana.id, query: ["limit": "5"], token: ana.token)
        #expect(credentials.credentials.isEmpty && credentials.next == nil)
    }
}

/// The `after` value of a `next` link (percent-encoding aside, a cursor is base64url).
enum PageCursorText {
    static func after(_ next: String?) -> String? {
        guard let next, let query = next.split(separator: "?", maxSplits: 1).last else { return nil }
        return query.split(separator: "&").first { $0.hasPrefix("after=") }.map { String($0.dropFirst("after=".count)) }
    }
}
