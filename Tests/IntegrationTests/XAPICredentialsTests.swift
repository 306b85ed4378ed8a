import Foundation
import Testing
import WalletAPI
import WalletClient
import Basics
import CurlClient

/// `wallet-cli xapi-credentials` with the real walletd and wallet-cli: a logged-in learner gets
/// HTTP Basic credentials that open their own xAPI routes and nothing else, with the short limits
/// they were promised, and an audit line says so.
@Suite("xAPI credentials (real walletd and wallet-cli)")
struct XAPICredentialsTests {
    @Test func credentialsOpenTheLearnersOwnXAPIOnly() throws {
        let pc = try Walletd().start()
        let cli = WalletCLIRunner(pc: pc)
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        let bo = try pc.learnerSession(name: "Bo", pin: "135700")
        #expect(try cli("xapi-credentials").status == 77, "not logged in yet")
        #expect(try cli("login", ana.id, "--pin-stdin", stdin: "246800\n").status == 0)
        let shown = try cli("xapi-credentials", "--json")
        #expect(shown.status == 0, "\(shown)")
        let answer = try JSONDecoder().decode(XAPICredentialsResponse.self, from: Data(shown.stdout.utf8))
        #expect(answer.user == ana.id && answer.maxLifetimeSeconds <= 7200 && answer.idleTimeoutSeconds <= 3600)
        #expect(answer.authorization == "Basic " + Data("\(ana.id):\(answer.password)".utf8).base64EncodedString())
        let text = try cli("xapi-credentials")
        #expect(text.status == 0 && text.stdout.contains("Authorization: Basic ") && text.stdout.contains("Endpoint:"), "\(text)")

        func send(_ method: EndpointMethod, _ path: String, authorization: String, body: Data? = nil) throws -> WalletdResponse {
            var request = WalletdRequest(method: method, path: path, body: body)
            request.headers["Authorization"] = authorization
            return try pc.client.send(request)
        }
        let statement: JSONValue = ["actor": XAPI.learnerAgent(id: ana.id, name: "Ana"), "verb": ["id": "http://adlnet.gov/expapi/verbs/experienced"],
                                    "object": ["id": "https://example.org/conformance"]]
        #expect(try send(.post, Endpoints.postStatements.path(), authorization: answer.authorization, body: Data(statement.canonicalData())).status == 200)
        let read = try send(.get, Endpoints.getStatements.path(), authorization: answer.authorization)
        #expect(read.status == 200 && read.json?["statements"]?.arrayValue?.count == 1, "\(read.text)")
        #expect(try send(.get, Endpoints.getStatements.path(), authorization: "Bearer \(answer.password)").status == 200)
        // Nothing outside the xAPI routes, not even the learner's own.
        #expect(try send(.get, Endpoints.progress.path(ana.id), authorization: answer.authorization).status == 401)
        #expect(try send(.post, Endpoints.xapiCredentials.path(ana.id), authorization: answer.authorization).status == 401,
                "credentials do not make more credentials")
        // Another learner's session cannot ask for Ana's.
        #expect(try pc.client.send(WalletdRequest(method: .post, path: Endpoints.xapiCredentials.path(ana.id), token: bo.token)).status == 403)
        // Ana's credentials are Ana's only: the Basic user must be Ana.
        let asBo = "Basic " + Data("\(bo.id):\(answer.password)".utf8).base64EncodedString()
        #expect(try send(.get, Endpoints.getStatements.path(), authorization: asBo).status == 401)

        let audit = try JSONValue(data: Data(try cli("audit", "--json").stdout.utf8))
        let kinds = audit["entries"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
        #expect(kinds.filter { $0 == "xapi_credentials" }.count == 2, "\(kinds)")
        #expect(!(try cli("audit", "--json").stdout.contains(answer.password)), "no token in the audit log")

        // Leaving the PC: `wallet-cli lock` ends the credentials this account asked for too.
        #expect(try cli("lock").status == 0)
        #expect(try send(.get, Endpoints.getStatements.path(), authorization: answer.authorization).status == 401)
    }

    /// The loopback listener names no OS account: there only the credentials (and launched
    /// content's cmi5 token) open `/xapi/`; a socket login or the page's session replayed does not.
    @Test func onTheLoopbackListenerOnlyTheCredentialsOpenXAPI() throws {
        let pc = try Walletd(arguments: ["--http", "127.0.0.1:0"]).start()
        let cli = WalletCLIRunner(pc: pc)
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        #expect(try cli("login", ana.id, "--pin-stdin", stdin: "246800\n").status == 0)
        let shown = try cli("xapi-credentials", "--json")
        let answer = try JSONDecoder().decode(XAPICredentialsResponse.self, from: Data(shown.stdout.utf8))
        let page = try pc.webAddress()
        #expect(answer.endpoint == page + "xapi/", "the port the listener got, not 0")

        let curl = CurlConnection()
        func status(_ authorization: String) throws -> Int {
            try curl.perform(HTTPRequest(method: .get, url: page + "xapi/statements",
                                         headers: ["Authorization": authorization, "X-Experience-API-Version": "2.0.0"], body: nil)).status
        }
        func basic(_ user: String, _ password: String) -> String { "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }
        #expect(try status(answer.authorization) == 200)
        #expect(try status("Bearer " + ana.token) == 401, "a socket login is bound to its account")
        #expect(try status(basic(ana.id, ana.token)) == 401)

        let browser = WebBrowser(base: page)
        let login = try browser.get("/login?learner=\(ana.id)")
        #expect(try browser.post("/login", [("form_token", try #require(login.formToken)), ("learner", ana.id), ("pin", "246800")]).status == 303)
        let cookie = try #require(browser.cookies["wallet_session"])
        #expect(try status(basic(ana.id, cookie)) == 401, "the page's session is not an xAPI credential")
        #expect(try status("Bearer " + cookie) == 401)
        // And the page's cookie itself is never read on /xapi/.
        let withCookie = try curl.perform(HTTPRequest(method: .get, url: page + "xapi/statements",
                                                      headers: ["Cookie": "wallet_session=\(cookie)", "X-Experience-API-Version": "2.0.0"], body: nil))
        #expect(withCookie.status == 401)
    }
}
