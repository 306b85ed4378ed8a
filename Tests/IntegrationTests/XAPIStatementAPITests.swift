import Foundation
import Testing
import WalletAPI
import WalletClient
import Basics

/// The xAPI Statement API on the socket, as an xAPI client (content, a cmi5 player) uses it.
@Suite("xAPI Statement API over the socket")
struct XAPIStatementAPITests {
    /// Issue 13 item 4: every answer of the statements resource names how far reads are
    /// complete, refusals included (a 404, a bad statement, no version header, no session).
    @Test("X-Experience-API-Consistent-Through on every answer of the statements resource")
    func consistentThroughOnEveryAnswer() throws {
        let daemon = try Walletd().start()
        let (_, token) = try daemon.learnerSession()
        let client = daemon.client
        let statement = Sample.statement()
        let id = statement["id"]?.stringValue ?? ""
        let putID = UUID().uuidString.lowercased()
        var noVersion = WalletdRequest(method: .get, path: Endpoints.getStatements.template, token: token)
        noVersion.headers[XAPI.versionHeader] = nil
        let answers: [(String, WalletdResponse, Int)] = [
            ("POST", try client.send(Endpoints.postStatements, body: statement, token: token), 200),
            ("POST of an invalid statement", try client.send(Endpoints.postStatements, body: ["verb": "nope"] as JSONValue, token: token), 400),
            ("PUT", try client.send(Endpoints.putStatement, query: ["statementId": putID], body: Sample.statement(id: putID), token: token), 204),
            ("GET by id", try client.send(Endpoints.getStatements, query: ["statementId": id], token: token), 200),
            ("GET of an unknown id", try client.send(Endpoints.getStatements, query: ["statementId": UUID().uuidString.lowercased()], token: token), 404),
            ("GET of a page", try client.send(Endpoints.getStatements, query: ["limit": "5"], token: token), 200),
            ("GET with a bad parameter", try client.send(Endpoints.getStatements, query: ["limit": "-1"], token: token), 400),
            ("HEAD", try client.send(Endpoints.headStatements, token: token), 200),
            ("GET without a session", try client.send(Endpoints.getStatements), 401),
            ("GET without the version header", try client.send(noVersion), 400),
        ]
        for (what, answer, status) in answers {
            #expect(answer.status == status, "\(what)")
            let header = answer.header(XAPI.consistentThroughHeader)
            #expect(header.flatMap { Timestamp.parse($0) } != nil, "\(what): \(header ?? "no header")")
        }
    }

    @Test("POST, PUT, GET by id, conflicts, voiding, headers")
    func writeReadVoid() throws {
        let daemon = try Walletd().start()
        let (_, token) = try daemon.learnerSession()
        let client = daemon.client

        let first = Sample.statement()
        let posted = try client.send(Endpoints.postStatements, body: first, token: token)
        #expect(posted.status == 200)
        #expect(posted.json == [first["id"] ?? nil])
        #expect(posted.header("X-Experience-API-Version") == "2.0.0")

        let batch: JSONValue = [Sample.statement(verb: "attempted"), Sample.statement(verb: "passed")]
        #expect(try client.send(Endpoints.postStatements, body: batch, token: token).json?.arrayValue?.count == 2)

        let putID = UUID().uuidString.lowercased()
        var put = Sample.statement(verb: "failed")
        if case .object(var fields) = put { fields.removeValue(forKey: "id"); put = .object(fields) }
        #expect(try client.send(Endpoints.putStatement, query: ["statementId": putID], body: put, token: token).status == 204)
        #expect(try client.send(Endpoints.putStatement, body: put, token: token).status == 400)
        #expect(try client.send(Endpoints.putStatement, query: ["statementId": putID], body: put, token: token).status == 204, "same content again: no change")
        var changed = put
        if case .object(var fields) = changed { fields["verb"] = ["id": "http://adlnet.gov/expapi/verbs/passed"]; changed = .object(fields) }
        let conflict = try client.send(Endpoints.putStatement, query: ["statementId": putID], body: changed, token: token)
        #expect(conflict.status == 409)
        #expect(conflict.errorBody?.error.code == .statementConflict)

        let fetched = try client.send(Endpoints.getStatements, query: ["statementId": putID], token: token)
        #expect(fetched.status == 200)
        #expect(fetched.json?["verb"]?["id"] == "http://adlnet.gov/expapi/verbs/failed")
        #expect(fetched.json?["stored"]?.stringValue != nil)
        #expect(fetched.json?["authority"]?["account"] != nil)
        #expect(fetched.header(XAPI.consistentThroughHeader) != nil)
        #expect(fetched.header("Last-Modified") != nil)

        let voiding: JSONValue = ["actor": ["mbox": "mailto:ana@example.org"], "verb": ["id": "http://adlnet.gov/expapi/verbs/voided"],
                                  "object": ["objectType": "StatementRef", "id": .string(putID)]]
        let voidID = try #require(try client.call(Endpoints.postStatements, body: voiding, token: token).arrayValue?.first?.stringValue)
        #expect(try client.send(Endpoints.getStatements, query: ["statementId": putID], token: token).status == 404)
        #expect(try client.send(Endpoints.getStatements, query: ["voidedStatementId": putID], token: token).status == 200)
        let listed = try client.call(Endpoints.getStatements, query: ["limit": "50"], token: token)["statements"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(!listed.contains(putID))
        #expect(listed.contains(voidID))
        #expect(listed.count == 4)
    }

    @Test("filters and `more` paging walk every statement once")
    func filtersAndPaging() throws {
        let daemon = try Walletd().start()
        let (_, token) = try daemon.learnerSession()
        let client = daemon.client
        var ids: [String] = []
        for i in 0..<25 {
            let statement = Sample.statement(verb: i % 5 == 0 ? "passed" : "completed", activity: "https://vet.example.eu/c/1/lo/\(i % 3)")
            ids.append(statement["id"]?.stringValue ?? "")
            #expect(try client.send(Endpoints.postStatements, body: statement, token: token).status == 200)
        }
        var seen: [String] = []
        var page = try client.send(Endpoints.getStatements, query: ["limit": "10", "ascending": "true"], token: token)
        var pages = 1
        while true {
            #expect(page.status == 200)
            seen += page.json?["statements"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            guard let more = page.json?["more"]?.stringValue, !more.isEmpty, pages < 10 else { break }
            page = try client.follow(more, token: token)
            pages += 1
        }
        #expect(pages == 3)
        #expect(seen == ids)

        func statements(_ query: [String: String]) throws -> JSONValue {
            try client.call(Endpoints.getStatements, query: query, token: token)
        }
        #expect(try statements(["verb": "http://adlnet.gov/expapi/verbs/passed"])["statements"]?.arrayValue?.count == 5)
        #expect(try statements(["activity": "https://vet.example.eu/c/1/lo/1"])["statements"]?.arrayValue?.count == 8)
        #expect(try statements(["agent": #"{"mbox":"mailto:ana@example.org"}"#])["statements"]?.arrayValue?.count == 25)
        #expect(try statements(["agent": #"{"mbox":"mailto:bo@example.org"}"#]) == ["statements": [], "more": ""])
        #expect(try statements(["since": "2999-01-01T00:00:00Z"])["statements"]?.arrayValue?.isEmpty == true)
        let shrunk = try #require(try statements(["limit": "1", "format": "ids"])["statements"]?.arrayValue?.first)
        #expect(shrunk["verb"]?["display"] == nil)
        #expect(shrunk["actor"]?["mbox"] == "mailto:ana@example.org")
    }

    @Test("version header, parameters and authentication are checked; errors are JSON and carry the version")
    func handshake() throws {
        let daemon = try Walletd().start()
        let (learner, token) = try daemon.learnerSession()
        let client = daemon.client
        /// `GET /xapi/statements` with the session and the given version header (nil: none).
        func statements(version: String?) throws -> WalletdResponse {
            var request = WalletdRequest(Endpoints.getStatements, token: token)
            request.headers[XAPI.versionHeader] = version
            return try client.send(request)
        }

        let missing = try statements(version: nil)
        #expect(missing.status == 400)
        #expect(missing.errorBody?.error.code == .missingVersionHeader)
        #expect(missing.header(XAPI.versionHeader) != nil)
        var about = WalletdRequest(Endpoints.xapiAbout)
        about.headers[XAPI.versionHeader] = nil
        #expect(try client.send(about).status == 200)

        #expect(try statements(version: "0.9").status == 400)
        let old = try statements(version: "1.0.3")
        #expect(old.status == 200)
        #expect(old.header(XAPI.versionHeader) == "1.0.3")

        #expect(try client.send(Endpoints.getStatements, query: ["bogus": "1"], token: token).status == 400)
        #expect(try client.send(Endpoints.getStatements, query: ["statementId": UUID().uuidString, "verb": "x:y"], token: token).status == 400)
        #expect(try client.send(Endpoints.postStatements, rawBody: Data("{not json".utf8), token: token).status == 400)

        let anonymous = try client.send(Endpoints.getStatements)
        #expect(anonymous.status == 401)
        #expect(anonymous.errorBody?.error.code == .unauthenticated)

        var basic = WalletdRequest(Endpoints.postStatements, body: Sample.statement().encoded())
        basic.headers["Authorization"] = "Basic " + Data("\(learner):\(token)".utf8).base64EncodedString()
        #expect(try client.send(basic).status == 200)
        var stranger = WalletdRequest(Endpoints.getStatements)
        stranger.headers["Authorization"] = "Basic " + Data("someone-else:\(token)".utf8).base64EncodedString()
        #expect(try client.send(stranger).status == 401)

        #expect(try client.send(Endpoints.logout, token: token).status == 204)
        #expect(try client.send(Endpoints.getStatements, token: token).status == 401)
    }

    @Test("a sample of the ADL conformance statement cases through the socket")
    func adlCasesThroughTheSocket() throws {
        let url = try #require(Bundle.module.url(forResource: "adl-v2_0-templated-cases", withExtension: "json", subdirectory: "Fixtures"))
        let cases = try #require(try JSONValue(data: Data(contentsOf: url)).arrayValue)
        let daemon = try Walletd().start()
        let (_, token) = try daemon.learnerSession()
        let client = daemon.client
        var checked = 0
        for (index, testCase) in cases.enumerated() where index % 6 == 0 {
            guard let statement = testCase["statement"], let expect = testCase["expect"]?.arrayValue?.first?.doubleValue else { continue }
            let answer = try client.send(Endpoints.postStatements, body: statement, token: token)
            #expect(Double(answer.status) == expect, "\(testCase["name"]?.stringValue ?? "?"): \(answer.text)")
            checked += 1
        }
        #expect(checked >= 150)
        #expect(try client.send(Endpoints.health).status == 200)
    }
}
