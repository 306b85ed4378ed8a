import Foundation
import Testing
import WalletAPI
import Basics

/// The xAPI Statement API on the socket, as an xAPI client (content, a cmi5 player) uses it.
@Suite("xAPI Statement API over the socket")
struct XAPIStatementAPITests {
    @Test("POST, PUT, GET by id, conflicts, voiding, headers")
    func writeReadVoid() throws {
        let daemon = try Walletd().start()
        let (_, token) = try daemon.learnerSession()
        let http = HTTP(socket: daemon.socket, token: token)

        let first = Sample.statement()
        let posted = try http.send(.post, "/xapi/statements", json: first)
        #expect(posted.status == 200)
        #expect(posted.json == [first["id"] ?? nil])
        #expect(posted.header("X-Experience-API-Version") == "2.0.0")

        let batch: JSONValue = [Sample.statement(verb: "attempted"), Sample.statement(verb: "passed")]
        #expect(try http.send(.post, "/xapi/statements", json: batch).json?.arrayValue?.count == 2)

        let putID = UUID().uuidString.lowercased()
        var put = Sample.statement(verb: "failed")
        if case .object(var fields) = put { fields.removeValue(forKey: "id"); put = .object(fields) }
        #expect(try http.send(.put, "/xapi/statements?statementId=\(putID)", json: put).status == 204)
        #expect(try http.send(.put, "/xapi/statements", json: put).status == 400)
        #expect(try http.send(.put, "/xapi/statements?statementId=\(putID)", json: put).status == 204, "same content again: no change")
        var changed = put
        if case .object(var fields) = changed { fields["verb"] = ["id": "http://adlnet.gov/expapi/verbs/passed"]; changed = .object(fields) }
        let conflict = try http.send(.put, "/xapi/statements?statementId=\(putID)", json: changed)
        #expect(conflict.status == 409)
        #expect(conflict.json?["error"]?["code"] == "statement_conflict")

        let fetched = try http.get("/xapi/statements?statementId=\(putID)")
        #expect(fetched.status == 200)
        #expect(fetched.json?["verb"]?["id"] == "http://adlnet.gov/expapi/verbs/failed")
        #expect(fetched.json?["stored"]?.stringValue != nil)
        #expect(fetched.json?["authority"]?["account"] != nil)
        #expect(fetched.header("X-Experience-API-Consistent-Through") != nil)
        #expect(fetched.header("Last-Modified") != nil)

        let voiding: JSONValue = ["actor": ["mbox": "mailto:ana@example.org"], "verb": ["id": "http://adlnet.gov/expapi/verbs/voided"],
                                  "object": ["objectType": "StatementRef", "id": .string(putID)]]
        let voidID = try #require(try http.send(.post, "/xapi/statements", json: voiding).json?.arrayValue?.first?.stringValue)
        #expect(try http.get("/xapi/statements?statementId=\(putID)").status == 404)
        #expect(try http.get("/xapi/statements?voidedStatementId=\(putID)").status == 200)
        let listed = try http.get("/xapi/statements?limit=50").json?["statements"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(!listed.contains(putID))
        #expect(listed.contains(voidID))
        #expect(listed.count == 4)
    }

    @Test("filters and `more` paging walk every statement once")
    func filtersAndPaging() throws {
        let daemon = try Walletd().start()
        let (_, token) = try daemon.learnerSession()
        let http = HTTP(socket: daemon.socket, token: token)
        var ids: [String] = []
        for i in 0..<25 {
            let statement = Sample.statement(verb: i % 5 == 0 ? "passed" : "completed", activity: "https://vet.example.eu/c/1/lo/\(i % 3)")
            ids.append(statement["id"]?.stringValue ?? "")
            #expect(try http.send(.post, "/xapi/statements", json: statement).status == 200)
        }
        var seen: [String] = []
        var path = "/xapi/statements?limit=10&ascending=true"
        var pages = 0
        while !path.isEmpty, pages < 10 {
            let page = try http.get(path)
            #expect(page.status == 200)
            seen += page.json?["statements"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            path = page.json?["more"]?.stringValue ?? ""
            pages += 1
        }
        #expect(pages == 3)
        #expect(seen == ids)

        let passed = try http.get("/xapi/statements?verb=" + percentEncoded("http://adlnet.gov/expapi/verbs/passed"))
        #expect(passed.json?["statements"]?.arrayValue?.count == 5)
        let activity = try http.get("/xapi/statements?activity=" + percentEncoded("https://vet.example.eu/c/1/lo/1"))
        #expect(activity.json?["statements"]?.arrayValue?.count == 8)
        let agent = try http.get("/xapi/statements?agent=" + percentEncoded(#"{"mbox":"mailto:ana@example.org"}"#))
        #expect(agent.json?["statements"]?.arrayValue?.count == 25)
        let nobody = try http.get("/xapi/statements?agent=" + percentEncoded(#"{"mbox":"mailto:bo@example.org"}"#))
        #expect(nobody.json == ["statements": [], "more": ""])
        let future = try http.get("/xapi/statements?since=" + percentEncoded("2999-01-01T00:00:00Z"))
        #expect(future.json?["statements"]?.arrayValue?.isEmpty == true)
        let idsFormat = try http.get("/xapi/statements?limit=1&format=ids")
        let shrunk = try #require(idsFormat.json?["statements"]?.arrayValue?.first)
        #expect(shrunk["verb"]?["display"] == nil)
        #expect(shrunk["actor"]?["mbox"] == "mailto:ana@example.org")
    }

    @Test("version header, parameters and authentication are checked; errors are JSON and carry the version")
    func handshake() throws {
        let daemon = try Walletd().start()
        let (learner, token) = try daemon.learnerSession()
        var http = HTTP(socket: daemon.socket, token: token)

        var noVersion = http
        noVersion.xapiVersion = nil
        let missing = try noVersion.get("/xapi/statements")
        #expect(missing.status == 400)
        #expect(missing.json?["error"]?["code"] == "missing_version_header")
        #expect(missing.header("X-Experience-API-Version") != nil)
        #expect(try noVersion.get("/xapi/about").status == 200)

        http.xapiVersion = "0.9"
        #expect(try http.get("/xapi/statements").status == 400)
        http.xapiVersion = "1.0.3"
        let old = try http.get("/xapi/statements")
        #expect(old.status == 200)
        #expect(old.header("X-Experience-API-Version") == "1.0.3")
        http.xapiVersion = "2.0.0"

        #expect(try http.get("/xapi/statements?bogus=1").status == 400)
        #expect(try http.get("/xapi/statements?statementId=\(UUID().uuidString)&verb=x:y").status == 400)
        #expect(try http.send(.post, "/xapi/statements", raw: Data("{not json".utf8)).status == 400)

        let anonymous = try HTTP(socket: daemon.socket).get("/xapi/statements")
        #expect(anonymous.status == 401)
        #expect(anonymous.json?["error"]?["code"] == "unauthenticated")

        var basic = HTTP(socket: daemon.socket)
        basic.extraHeaders["Authorization"] = "Basic " + Data("\(learner):\(token)".utf8).base64EncodedString()
        #expect(try basic.send(.post, "/xapi/statements", json: Sample.statement()).status == 200)
        basic.extraHeaders["Authorization"] = "Basic " + Data("someone-else:\(token)".utf8).base64EncodedString()
        #expect(try basic.get("/xapi/statements").status == 401)

        #expect(try http.send(.delete, "/v1/sessions/current").status == 204)
        #expect(try http.get("/xapi/statements").status == 401)
    }

    @Test("a sample of the ADL conformance statement cases through the socket")
    func adlCasesThroughTheSocket() throws {
        let url = try #require(Bundle.module.url(forResource: "adl-v2_0-templated-cases", withExtension: "json", subdirectory: "Fixtures"))
        let cases = try #require(try JSONValue(data: Data(contentsOf: url)).arrayValue)
        let daemon = try Walletd().start()
        let (_, token) = try daemon.learnerSession()
        let http = HTTP(socket: daemon.socket, token: token)
        var checked = 0
        for (index, testCase) in cases.enumerated() where index % 6 == 0 {
            guard let statement = testCase["statement"], let expect = testCase["expect"]?.arrayValue?.first?.doubleValue else { continue }
            let answer = try http.send(.post, "/xapi/statements", json: statement)
            #expect(Double(answer.status) == expect, "\(testCase["name"]?.stringValue ?? "?"): \(answer.text)")
            checked += 1
        }
        #expect(checked >= 150)
        #expect(try http.get("/v1/health").status == 200)
    }
}
