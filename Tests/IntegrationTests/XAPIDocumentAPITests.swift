import Foundation
import Testing
import WalletAPI
import WalletClient
import Basics

/// The xAPI State and Agent Profile resources on the real walletd's socket, as cmi5 content uses
/// them: concurrency (ETag, If-Match, If-None-Match: 412, 409), the JSON merge, bounds, and
/// documents kept per learner.
@Suite("xAPI document resources over the socket")
struct XAPIDocumentAPITests {
    let activity = "https://example.org/forklift/au/checks"

    func request(_ method: EndpointMethod, _ path: String, token: String, body: Data? = nil, contentType: String? = nil,
                 headers: [String: String] = [:]) -> WalletdRequest {
        var request = WalletdRequest(method: method, path: path, body: body, token: token)
        if let contentType { request.headers["Content-Type"] = contentType }
        for (name, value) in headers { request.headers[name] = value }
        return request
    }

    @Test("State: PUT, GET with its ETag, If-Match and If-None-Match, POST merge, ids, DELETE")
    func stateDocuments() throws {
        let daemon = try Walletd().start()
        let (id, token) = try daemon.learnerSession()
        let client = daemon.client
        let agent = XAPI.learnerAgent(id: id, name: "Ana").encodedString
        let registration = UUID().uuidString.lowercased()
        let query = ["activityId": activity, "agent": agent, "registration": registration, "stateId": "suspend"]
        let path = Endpoints.putState.path(query: query)

        #expect(try client.send(request(.put, path, token: token, body: Data(#"{"x":"foo","y":"bar"}"#.utf8))).status == 204)
        let read = try client.send(request(.get, path, token: token))
        #expect(read.status == 200 && read.json == ["x": "foo", "y": "bar"])
        let etag = try #require(read.header("ETag"))
        #expect(etag == "\"\(XAPIDocumentExpect.sha1(read.body))\"", "the quoted SHA-1 of the content")
        #expect(read.header("Last-Modified") != nil && read.header(XAPI.versionHeader) == XAPI.currentVersion)

        let stale = "\"0123456789abcdef0123456789abcdef01234567\""
        var answer = try client.send(request(.put, path, token: token, body: Data("{}".utf8), headers: ["If-Match": stale]))
        #expect(answer.status == 412 && answer.errorBody?.error.code == .preconditionFailed)
        answer = try client.send(request(.put, path, token: token, body: Data("{}".utf8), headers: ["If-None-Match": "*"]))
        #expect(answer.status == 412)
        answer = try client.send(request(.post, path, token: token, body: Data(#"{"x":"bash","z":"faz"}"#.utf8), headers: ["If-Match": etag]))
        #expect(answer.status == 204)
        #expect(try client.send(request(.get, path, token: token)).json == ["x": "bash", "y": "bar", "z": "faz"], "§2.2's example")
        answer = try client.send(request(.post, path, token: token, body: Data("{}".utf8), headers: ["If-Match": etag]))
        #expect(answer.status == 412, "the ETag changed with the merge")
        #expect(try client.send(request(.put, path, token: token, body: Data(#"{"page":1}"#.utf8))).status == 204,
                "State takes a PUT without concurrency headers (§1.3)")

        // Another media type is kept as it is, and cannot be merged into.
        let notes = Endpoints.putState.path(query: query.merging(["stateId": "notes"]) { $1 })
        #expect(try client.send(request(.put, notes, token: token, body: Data("plain words".utf8), contentType: "text/plain")).status == 204)
        let text = try client.send(request(.get, notes, token: token))
        #expect(text.text == "plain words" && text.header("Content-Type")?.hasPrefix("text/plain") == true)
        #expect(try client.send(request(.post, notes, token: token, body: Data("{}".utf8))).status == 400)
        #expect(try client.send(request(.put, notes, token: token, body: Data("{nope".utf8))).status == 400, "application/json that is not JSON")

        // Ids, since, registration, DELETE one and all.
        let context = ["activityId": activity, "agent": agent, "registration": registration]
        #expect(try client.send(request(.get, Endpoints.getState.path(query: context), token: token)).json == ["notes", "suspend"])
        let future = Timestamp.format(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000) + 3_600_000)
        #expect(try client.send(request(.get, Endpoints.getState.path(query: context.merging(["since": future]) { $1 }), token: token)).json == [])
        #expect(try client.send(request(.get, Endpoints.getState.path(query: ["activityId": activity, "agent": agent]), token: token)).json == [],
                "without the registration it is another context")
        #expect(try client.send(request(.delete, notes, token: token)).status == 204)
        #expect(try client.send(request(.get, notes, token: token)).status == 404)
        #expect(try client.send(request(.delete, Endpoints.deleteState.path(query: context), token: token)).status == 204)
        #expect(try client.send(request(.get, Endpoints.getState.path(query: context), token: token)).json == [])
    }

    @Test("Agent Profile: 409 for an unconditional PUT over a document, If-Match, merge, DELETE")
    func agentProfileDocuments() throws {
        let daemon = try Walletd().start()
        let (id, token) = try daemon.learnerSession()
        let client = daemon.client
        let agent = XAPI.learnerAgent(id: id, name: "Ana").encodedString
        let path = Endpoints.putAgentProfile.path(query: ["agent": agent, "profileId": "cmi5LearnerPreferences"])

        #expect(try client.send(request(.put, path, token: token, body: Data(#"{"languagePreference":"nl-NL"}"#.utf8), headers: ["If-None-Match": "*"])).status == 204)
        var answer = try client.send(request(.put, path, token: token, body: Data(#"{"languagePreference":"en-GB"}"#.utf8)))
        #expect(answer.status == 409 && answer.errorBody?.error.code == .documentConflict)
        let etag = try #require(try client.send(request(.get, path, token: token)).header("ETag"))
        answer = try client.send(request(.put, path, token: token, body: Data(#"{"languagePreference":"en-GB"}"#.utf8), headers: ["If-Match": etag]))
        #expect(answer.status == 204)
        #expect(try client.send(request(.post, path, token: token, body: Data(#"{"audioPreference":"off"}"#.utf8))).status == 204)
        #expect(try client.send(request(.get, path, token: token)).json == ["languagePreference": "en-GB", "audioPreference": "off"])
        #expect(try client.send(request(.get, Endpoints.getAgentProfile.path(query: ["agent": agent]), token: token)).json == ["cmi5LearnerPreferences"])
        #expect(try client.send(request(.delete, path, token: token, headers: ["If-Match": etag])).status == 412, "the merge changed the ETag")
        #expect(try client.send(request(.delete, path, token: token)).status == 204)
        #expect(try client.send(request(.get, path, token: token)).status == 404)
    }

    /// Ana with a State document holding a secret, and Bea: the daemon, both tokens, Ana's agent
    /// and the document's path.
    func anaWithADocumentAndBea() throws -> (daemon: Walletd, anaToken: String, beaToken: String, anaAgent: String, path: String) {
        let daemon = try Walletd().start()
        let (ana, anaToken) = try daemon.learnerSession()
        let (_, beaToken) = try daemon.learnerSession(name: "Bea", pin: "135700")
        let anaAgent = XAPI.learnerAgent(id: ana, name: "Ana").encodedString
        let path = Endpoints.putState.path(query: ["activityId": activity, "agent": anaAgent, "stateId": "suspend"])
        #expect(try daemon.client.send(request(.put, path, token: anaToken, body: Data(#"{"secret":"ana's"}"#.utf8))).status == 204)
        return (daemon, anaToken, beaToken, anaAgent, path)
    }

    @Test("B names A's agent and sees nothing of A's documents")
    func anotherLearnerNamingTheAgentSeesNothing() throws {
        let (daemon, anaToken, beaToken, anaAgent, path) = try anaWithADocumentAndBea()
        let client = daemon.client
        // B names A's agent and sees nothing of A's documents: B's writes and deletes land in B's
        // own documents for that agent, and A's stay as they were.
        #expect(try client.send(request(.get, path, token: beaToken)).status == 404)
        let ids = Endpoints.getState.path(query: ["activityId": activity, "agent": anaAgent])
        #expect(try client.send(request(.get, ids, token: beaToken)).json == [], "B sees no id of A's")
        for method in [EndpointMethod.put, .post, .delete] {
            let answer = try client.send(request(method, path, token: beaToken, body: method == .put || method == .post ? Data(#"{"bea":1}"#.utf8) : nil))
            #expect(answer.status == 204 && !answer.text.contains("ana's"), "\(method): Bea's own documents for that agent")
        }
        #expect(try client.send(request(.delete, ids, token: beaToken)).status == 204)
        let profile = Endpoints.getAgentProfile.path(query: ["agent": anaAgent, "profileId": "p"])
        #expect(try client.send(request(.put, profile, token: anaToken, body: Data(#"{"secret":"ana's"}"#.utf8))).status == 204)
        #expect(try client.send(request(.get, profile, token: beaToken)).status == 404)
        #expect(try client.send(request(.get, Endpoints.getAgentProfile.path(query: ["agent": anaAgent]), token: beaToken)).json == [])
        #expect(try client.send(request(.get, path, token: anaToken)).json == ["secret": "ana's"])
        #expect(try client.send(request(.get, profile, token: anaToken)).json == ["secret": "ana's"])
        let person = try client.send(request(.get, Endpoints.getAgents.path(query: ["agent": anaAgent]), token: beaToken))
        #expect(person.status == 200 && person.json?["name"] == ["Ana"] && !person.text.contains("Bea"), "only what B named")
    }

    @Test("documents are bounded, and the query is checked")
    func boundsAndOwnership() throws {
        let (daemon, anaToken, _, anaAgent, path) = try anaWithADocumentAndBea()
        let client = daemon.client

        #expect(try client.send(request(.get, path, token: anaToken)).json == ["secret": "ana's"])
        #expect(try client.send(request(.get, Endpoints.getAgents.path(query: ["agent": anaAgent]), token: anaToken)).json?["objectType"] == "Person")

        let large = Data(repeating: UInt8(ascii: "a"), count: XAPIDocumentExpect.maxBytes + 1)
        #expect(try client.send(request(.put, path, token: anaToken, body: large, contentType: "application/octet-stream")).status == 413)
        let bad: [(String, [String: String])] = [
            ("no activityId", ["agent": anaAgent, "stateId": "s"]),
            ("an activityId that is no IRI", ["activityId": "not an iri", "agent": anaAgent, "stateId": "s"]),
            ("no agent", ["activityId": activity, "stateId": "s"]),
            ("an agent that is no Agent", ["activityId": activity, "agent": "{\"name\":\"x\"}", "stateId": "s"]),
            ("an agent with two identifiers", ["activityId": activity, "agent": #"{"mbox":"mailto:a@example.org","openid":"https://example.org/a"}"#, "stateId": "s"]),
            ("a registration that is no UUID", ["activityId": activity, "agent": anaAgent, "registration": "r1", "stateId": "s"]),
            ("an unknown parameter", ["activityId": activity, "agent": anaAgent, "stateId": "s", "colour": "red"]),
        ]
        for (what, query) in bad {
            #expect(try client.send(request(.get, Endpoints.getState.path(query: query), token: anaToken)).status == 400, "\(what)")
        }
        #expect(try client.send(request(.get, path, token: "")).status == 401)
    }
}

/// What the tests expect, computed independently of walletd's code.
enum XAPIDocumentExpect {
    static let maxBytes = 256 * 1024

    static func sha1(_ data: Data) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha1sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        input.fileHandleForWriting.write(data)
        try? input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(40))
    }
}
