import Basics
import DaemonKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SecurityPrimitives
import Testing
import WalletAPI
import WalletCore
@testable import WalletDaemon

/// The xAPI handlers behind a cmi5 auth token, as the loopback listener will mount them: the
/// token resolves to `AuthenticatedSession.cmi5`, statements go through the cmi5 rules, and the
/// State resource serves `LMS.LaunchData` read-only.
@Suite("xAPI routes behind a cmi5 launch token")
struct Cmi5TokenRouteTests {
    /// Mounts the token authenticator as the loopback listener will.
    struct TokenMiddleware: RouterMiddleware {
        typealias Context = WalletRequestContext
        let authenticator: Cmi5TokenAuthenticator

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            var context = context
            context.session = try await authenticator.authenticate(request)
            return try await next(request, context)
        }
    }

    static func router(_ store: WalletStore) -> Router<WalletRequestContext> {
        let router = Router(context: WalletRequestContext.self)
        router.add(middleware: JSONErrorMiddleware(responder: .walletd))
        let authenticator = Cmi5TokenAuthenticator(store: store, clock: .system)
        router.post("fetch/:id") { _, context in await authenticator.fetchAnswer(fetchID: context.parameters.get("id") ?? "") }
        let group = router.group("xapi").add(middleware: XAPIVersionMiddleware()).add(middleware: TokenMiddleware(authenticator: authenticator))
        let statements = StatementRoutes(store: store, clock: .system, maxBodyBytes: 1 << 20)
        let documents = XAPIDocumentRoutes(store: store, clock: .system)
        group.post("statements") { request, context in try await statements.post(request, session: context.requireSession()) }
        group.get("activities/state") { request, context in try await documents.getState(request, session: context.requireSession()) }
        group.get("statements") { request, context in try await statements.get(request, session: context.requireSession()) }
        group.put("activities/state") { request, context in try await documents.writeState(request, session: context.requireSession(), write: .replace) }
        return router
    }

    static let ana = "aaaaaaaa-0000-4000-8000-00000000000a"

    /// Ana (and the learners `also` names) in `store`, and a launch of Ana's of a one-unit course.
    static func launch(_ store: WalletStore, also others: [String] = []) async throws -> Cmi5LaunchTicket {
        for id in [ana] + others {
            try await store.insertLearner(Learner(id: id, name: id == ana ? "Ana" : "Bea",
                                                  pin: try PINHash.make(pin: "246800", cost: ScryptCost(logN: 4), salt: Data(repeating: 1, count: 16)), createdMs: 1))
        }
        let unit = Cmi5AssignableUnit(id: "https://example.org/forklift/au/checks", url: "index.html", moveOn: .passed, masteryScore: 0.8)
        let course = Cmi5Course(id: "https://example.org/forklift", units: [unit])
        return try await store.createCmi5Launch(learnerID: ana, course: course, unitID: unit.id,
                                                urls: .init(unit: "http://127.0.0.1:8080/c/index.html", endpoint: "http://127.0.0.1:8080/xapi/",
                                                            fetchPrefix: "http://127.0.0.1:8080/fetch/"), nowMs: WallClock.system.nowMs())
    }

    @Test func aLaunchedUnitReportsUnderTheRules() async throws {
        let folder = try WalletdHarness.newFolder("cmi5-token")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try WalletStore(directory: folder, durability: .normal)
        let ana = Self.ana, bea = "bbbbbbbb-0000-4000-8000-00000000000b"
        let ticket = try await Self.launch(store, also: [bea])
        let launch = ticket.launch

        try await Application(router: Self.router(store)).test(.router) { client in
            func fetch() async throws -> JSONValue? {
                try await client.execute(uri: "/fetch/\(ticket.fetchID)", method: .post) { response in
                    #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("application/json") == true)
                    return try? JSONValue(data: Data(buffer: response.body))
                }
            }
            let token = try #require(try await fetch()?["auth-token"]?.stringValue)
            #expect(try await fetch()?["error-code"] == "1", "the fetch URL is one-time")
            var headers: HTTPFields = [HTTPField.Name(XAPI.versionHeader)!: XAPI.currentVersion, .authorization: "Basic \(token)",
                                       .contentType: "application/json"]
            func post(_ statements: [JSONValue]) async throws -> (status: Int, code: ErrorCode?) {
                try await client.execute(uri: "/xapi/statements", method: .post, headers: headers,
                                         body: ByteBuffer(bytes: JSONValue.array(statements).canonicalData())) { response in
                    (Int(response.status.code), try? JSONDecoder().decode(APIErrorBody.self, from: Data(buffer: response.body)).error.code)
                }
            }
            func statement(_ verb: String, result: JSONValue? = nil, moveOn: Bool = false) -> JSONValue {
                var categories: [JSONValue] = [["id": .string(Cmi5.cmi5Category)]]
                if moveOn { categories.append(["id": .string(Cmi5.moveOnCategory)]) }
                var context = launch.contextTemplate.objectValue ?? [:]
                var activities = context["contextActivities"]?.objectValue ?? [:]
                activities["category"] = .array(categories)
                context["contextActivities"] = .object(activities)
                context["registration"] = .string(launch.registration)
                var fields: [String: JSONValue] = ["actor": launch.actor, "verb": ["id": .string(verb)],
                                                   "object": ["id": .string(launch.activityID)], "context": .object(context)]
                if let result { fields["result"] = result }
                return .object(fields)
            }

            #expect(try await post([statement(Cmi5.Verb.passed, result: ["success": true, "duration": "PT1S"], moveOn: true)]) == (400, .cmi5Rule),
                    "initialized comes first")
            #expect(try await post([statement(Cmi5.Verb.initialized)]).status == 200)
            #expect(try await post([statement(Cmi5.Verb.passed, result: ["success": true, "duration": "PT1S", "score": ["scaled": 0.5]], moveOn: true)])
                    == (400, .cmi5Rule), "below the mastery score")
            #expect(try await post([statement(Cmi5.Verb.passed, result: ["success": true, "duration": "PT1S", "score": ["scaled": 0.9]], moveOn: true)]).status == 200)
            #expect(try await post([statement(Cmi5.Verb.terminated, result: ["duration": "PT2S"])]).status == 200)
            #expect(try await post([statement("http://adlnet.gov/expapi/verbs/experienced")]) == (403, .forbidden), "nothing after terminated")

            // LMS.LaunchData: readable with the launch's actor, never writable; naming another
            // learner's agent reaches this learner's own (empty) documents for it, not theirs.
            let stateQuery = ["activityId": launch.activityID, "agent": launch.actor.encodedString, "registration": launch.registration,
                              "stateId": Cmi5.launchDataStateID]
            let path = Endpoints.getState.path(query: stateQuery)
            let data = try await client.execute(uri: path, method: .get, headers: headers) { response in
                (Int(response.status.code), try? JSONValue(data: Data(buffer: response.body)))
            }
            #expect(data.0 == 200 && data.1?["contextTemplate"]?["extensions"]?[Cmi5.Extension.sessionID]?.stringValue == launch.sessionID)
            let put = try await client.execute(uri: path, method: .put, headers: headers, body: ByteBuffer(string: "{}")) { Int($0.status.code) }
            #expect(put == 403)
            let foreign = Endpoints.getState.path(query: stateQuery.merging(["agent": XAPI.learnerAgent(id: bea, name: "Bea").encodedString]) { $1 })
            #expect(try await client.execute(uri: foreign, method: .get, headers: headers) { Int($0.status.code) } == 404)
            headers[.authorization] = "Basic Y21pNTpub3Bl"
            #expect(try await post([statement(Cmi5.Verb.initialized)]).status == 401)
        }
        var query = StatementQuery(learnerID: ana)
        query.verb = Cmi5.Verb.satisfied
        let satisfied = try await store.statements(matching: query)
        #expect(satisfied.statements.count == 1, "the course is satisfied once the unit is passed")
    }

    /// A launch token reads only its own registration's statements: not the learner's others,
    /// not by id, not through another registration filter, and its `more` links keep the scope.
    @Test func aLaunchReadsOnlyItsRegistration() async throws {
        let folder = try WalletdHarness.newFolder("cmi5-scope")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try WalletStore(directory: folder, durability: .normal)
        let ana = Self.ana, now = WallClock.system.nowMs()
        let ticket = try await Self.launch(store)
        let registration = ticket.launch.registration.lowercased()
        let other = "0f0f0f0f-0000-4000-8000-000000000001", plain = "0f0f0f0f-0000-4000-8000-000000000002"
        let elsewhere = "0f0f0f0f-0000-4000-8000-0000000000aa"
        func statement(_ id: String, registration: String?) -> JSONValue {
            var fields: [String: JSONValue] = ["id": .string(id), "actor": XAPI.learnerAgent(id: ana, name: "Ana"),
                                               "verb": ["id": "http://adlnet.gov/expapi/verbs/experienced"], "object": ["id": "https://example.org/other"]]
            if let registration { fields["context"] = ["registration": .string(registration)] }
            return .object(fields)
        }
        let inside = ["0f0f0f0f-0000-4000-8000-0000000000b1", "0f0f0f0f-0000-4000-8000-0000000000b2"]
        _ = try await store.insertStatements([statement(other, registration: elsewhere), statement(plain, registration: nil)]
                                                + inside.map { statement($0, registration: registration) },
                                             learnerID: ana, authority: XAPI.learnerAgent(id: ana, name: "Ana"), version: XAPI.currentVersion, nowMs: now)

        try await Application(router: Self.router(store)).test(.router) { client in
            let token = try #require(try await client.execute(uri: "/fetch/\(ticket.fetchID)", method: .post) { response in
                try? JSONValue(data: Data(buffer: response.body))
            }?["auth-token"]?.stringValue)
            let headers: HTTPFields = [HTTPField.Name(XAPI.versionHeader)!: XAPI.currentVersion, .authorization: "Basic \(token)"]
            func get(_ uri: String) async throws -> (status: Int, body: JSONValue?) {
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    (Int(response.status.code), try? JSONValue(data: Data(buffer: response.body)))
                }
            }
            var seen: [String] = []
            var next: String? = Endpoints.getStatements.path(query: ["limit": "1"])
            while let uri = next, !uri.isEmpty, seen.count < 10 {
                let page = try await get(uri)
                #expect(page.status == 200)
                for item in page.body?["statements"]?.arrayValue ?? [] {
                    #expect(item["context"]?["registration"]?.stringValue?.lowercased() == registration, "only the launch's registration")
                    seen.append(item["id"]?.stringValue ?? "")
                }
                next = page.body?["more"]?.stringValue
            }
            #expect(Set(inside).isSubset(of: Set(seen)) && !seen.contains(other) && !seen.contains(plain), "\(seen)")
            #expect(seen.count >= 3, "the launch's own launched statement and the two planted, page by page")
            #expect(try await get(Endpoints.getStatements.path(query: ["statementId": other])).status == 404)
            #expect(try await get(Endpoints.getStatements.path(query: ["statementId": inside[0]])).status == 200)
            let filtered = try await get(Endpoints.getStatements.path(query: ["registration": elsewhere]))
            #expect(filtered.status == 200 && filtered.body?["statements"]?.arrayValue?.isEmpty == true, "another registration finds nothing")
        }
    }
}
