import Basics
import Foundation
import HTTPTypes
import Logging
import Synchronization
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing
import WalletAPI
import WalletCore
import WalletPages
@testable import WalletDaemon

/// Lessons on the wallet page's router, in process: a launch from the courses page leads the
/// unit to this listener's fetch URL and `/xapi/` with the launch data's return URL; the package's
/// files are served sandboxed, in byte ranges, and nothing outside the package is reachable.
@Suite("Wallet page: launching a lesson, serving its files")
struct WebContentRouteTests {
    static let course = "https://catalog.vet-centre.example/courses/food-hygiene-haccp"
    static let unit = course + "/outcomes/personal-hygiene"
    static var packageID: String { ContentLibrary.packageId(course: course) }

    /// A harness with the sample package imported and Ana logged in (her token as the page's cookie).
    static func world() async throws -> (harness: WalletdHarness, cookie: String, ana: String) {
        let harness = try WalletdHarness.make()
        try WalletPageAuditWorld.importSample(harness)
        let (cookie, ana) = try await Application(router: harness.router).test(.router) { client in
            let json: HTTPFields = [.contentType: "application/json"]
            let created = try await client.execute(uri: Endpoints.createLearner.template, method: .post, headers: json,
                                                   body: ByteBuffer(bytes: (["name": "Ana", "pin": "246800"] as JSONValue).canonicalData())) { Data(buffer: $0.body) }
            let ana = try JSONDecoder().decode(LearnerSummary.self, from: created)
            let login = try await client.execute(uri: Endpoints.login.template, method: .post, headers: json,
                                                 body: ByteBuffer(bytes: (["learner": .string(ana.id), "pin": "246800"] as JSONValue).canonicalData())) { Data(buffer: $0.body) }
            return ("wallet_session=" + (try JSONDecoder().decode(SessionResponse.self, from: login).token), ana.id)
        }
        return (harness, cookie, ana)
    }

    static func formToken(_ page: String) throws -> String {
        let marker = "name=\"form_token\" value=\""
        return try #require(page.range(of: marker).map { String(page[$0.upperBound...].prefix { $0 != "\"" }) })
    }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }

    @Test func aLaunchFromTheCoursesPageLeadsTheUnitToThisListener() async throws {
        let (harness, cookie, _) = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: harness.folder) }
        try await Application(router: harness.webRouter).test(.router) { web in
            let page = try await web.execute(uri: WalletPaths.courses, method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            // The catalog has not synced to this PC in the harness: the lesson shows once it has
            // (BrowserJourneyTests); the launch itself needs only the package.
            let token = try Self.formToken(page)
            let form: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]

            let location = try await web.execute(uri: WalletPaths.launch, method: .post, headers: form,
                                                 body: Self.form([("form_token", token), ("unit", Self.unit)])) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            let url = try #require(URLComponents(string: location))
            #expect(url.path == "/content/\(Self.packageID)/index.html")
            let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
            #expect(query["unit"] == "personal-hygiene", "the AU's own query is kept")
            #expect(query["endpoint"] == "http://localhost/xapi/")
            // The AU's activity id is walletd's own (cmi5: LMS-unique); the publisher's id goes in the context.
            let activityID = try #require(query["activityId"])
            #expect(activityID.hasPrefix("https://") && activityID != Self.unit)
            let fetch = try #require(query["fetch"].flatMap(URLComponents.init(string:)))
            #expect(fetch.host == "localhost" && fetch.path.hasPrefix("/cmi5/fetch/"))

            // The unit's first steps, as au.js takes them: the token, then LMS.LaunchData.
            let auth = try await web.execute(uri: fetch.path, method: .post) { try JSONValue(data: Data(buffer: $0.body)) }
            let authToken = try #require(auth["auth-token"]?.stringValue)
            #expect(try await web.execute(uri: fetch.path, method: .post) { try JSONValue(data: Data(buffer: $0.body)) }["auth-token"] == nil,
                    "the fetch URL answers once")
            let stateQuery = ["stateId": "LMS.LaunchData", "activityId": activityID, "agent": query["actor"] ?? "", "registration": query["registration"] ?? ""]
            let launchData = try await web.execute(uri: Endpoints.getState.path(query: stateQuery), method: .get,
                                                   headers: [.authorization: "Basic " + authToken, HTTPField.Name("X-Experience-API-Version")!: "1.0.3"]) { response in
                #expect(response.status == .ok)
                return try JSONValue(data: Data(buffer: response.body))
            }
            #expect(launchData["returnURL"] == "http://localhost/courses/return")
            // The return page needs no session and moves on to the courses from the wallet's own site.
            let back = try await web.execute(uri: WalletPaths.lessonReturn, method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(back.0 == .ok && back.1.contains("<meta http-equiv=\"refresh\" content=\"0; url=/courses?done=lesson\">"))
            #expect(launchData["launchMode"] == "Normal")

            // A unit no package holds, and a form without its token.
            let unknown = try await web.execute(uri: WalletPaths.launch, method: .post, headers: form,
                                                body: Self.form([("form_token", token), ("unit", "https://example.org/no-such-unit")])) { response in
                (response.status, String(buffer: response.body))
            }
            #expect(unknown.0 == .notFound && unknown.1.contains("This lesson is not on this PC"))
            let forged = try await web.execute(uri: WalletPaths.launch, method: .post, headers: form, body: Self.form([("unit", Self.unit)])) { $0.status }
            #expect(forged == .forbidden)
            // Without a session: to the profiles, nothing launched.
            let anonymous = try await web.execute(uri: WalletPaths.launch, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: Self.form([("form_token", token), ("unit", Self.unit)])) { ($0.status, $0.headers[.location]) }
            #expect(anonymous.0 == .seeOther && anonymous.1 == WalletPaths.home)
        }
    }

    @Test func aPackagesFilesAreServedSandboxedAndInRanges() async throws {
        let (harness, _, _) = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: harness.folder) }
        let script = try Data(contentsOf: SampleCoursePackage.sources.appendingPathComponent("au.js"))
        let path = "/content/\(Self.packageID)/au.js"
        try await Application(router: harness.webRouter).test(.router) { web in
            try await web.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == script)
                #expect(response.headers[.contentType]?.hasPrefix("text/javascript") == true)
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.hasPrefix("sandbox allow-scripts") && !policy.contains("allow-same-origin") && !policy.contains("allow-top-navigation"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.acceptRanges] == "bytes")
                #expect(response.headers[.accessControlAllowOrigin] == nil, "the files need no CORS: only /xapi/ and the fetch URL have it")
            }
            try await web.execute(uri: path, method: .head) { response in
                #expect(response.status == .ok && response.headers[.contentLength] == String(script.count) && response.body.readableBytes == 0)
            }
            try await web.execute(uri: path, method: .get, headers: [.range: "bytes=10-19"]) { response in
                #expect(response.status == .partialContent)
                #expect(response.headers[.contentRange] == "bytes 10-19/\(script.count)")
                #expect(Data(buffer: response.body) == script[10...19])
            }
            try await web.execute(uri: path, method: .get, headers: [.range: "bytes=\(script.count)-"]) { response in
                #expect(response.status == .rangeNotSatisfiable && response.headers[.contentRange] == "bytes */\(script.count)")
            }
            // Out of the package: traversal spelled every way, the database beside it, hidden
            // files, another package's id.
            for escape in ["../../wallet.sqlite", "..%2F..%2Fwallet.sqlite", "%2e%2e/%2e%2e/wallet.sqlite", "/etc/passwd", "%2Fetc%2Fpasswd",
                           ".hidden", "missing.html", "au.js%00.html"] {
                try await web.execute(uri: "/content/\(Self.packageID)/" + escape, method: .get) { response in
                    #expect(response.status == .notFound, "\(escape)")
                    #expect(!String(buffer: response.body).contains("SQLite"), "\(escape)")
                }
            }
            #expect(try await web.execute(uri: "/content/c-0000000000000000/au.js", method: .get) { $0.status } == .notFound)
        }
    }

    /// A lesson a learner walked away from is closed by the sweeper once its time ran out, once.
    @Test func theSweeperAbandonsALaunchWhoseTimeRanOut() async throws {
        let (harness, _, ana) = try await Self.world()
        defer { try? FileManager.default.removeItem(atPath: harness.folder) }
        let library = ContentLibrary(store: harness.store, dataDirectory: harness.folder)
        let found = try #require(try library.assignableUnit(id: Self.unit))
        let start: Int64 = 1_800_000_000_000
        _ = try await harness.store.createCmi5Launch(learnerID: ana, course: found.package.cmi5Course, unitID: found.unit.id,
                                                      urls: WebContentRoutes.launchURLs(origin: "http://localhost", packageID: found.package.id,
                                                                                        unitURL: found.unit.url), nowMs: start)
        let now = Mutex(start + 60_000)
        let changes = Mutex(0)
        let sweeper = Cmi5SessionSweeper(store: harness.store, clock: WallClock { now.withLock { $0 } },
                                         logger: Logger(label: "sweeper-test")) { changes.withLock { $0 += 1 } }
        await sweeper.sweep()
        #expect(changes.withLock { $0 } == 0, "a launch a minute old is left open")
        now.withLock { $0 = start + Cmi5SessionPolicy.standard.idleMs + 1 }
        await sweeper.sweep()
        await sweeper.sweep()
        #expect(changes.withLock { $0 } == 1, "abandoned once, and sync told")
        var query = StatementQuery(learnerID: ana)
        query.verb = Cmi5.Verb.abandoned
        #expect(try await harness.store.statements(matching: query).statements.count == 1)
    }

    @Test func byteRangesAreReadAsRFC9110Says() {
        #expect(ByteRange.parse(nil, size: 100) == .whole)
        #expect(ByteRange.parse("bytes=0-0", size: 100) == .part(0...0))
        #expect(ByteRange.parse("bytes=90-", size: 100) == .part(90...99))
        #expect(ByteRange.parse("bytes=90-500", size: 100) == .part(90...99), "an end past the file is the file's end")
        #expect(ByteRange.parse("bytes=-10", size: 100) == .part(90...99))
        #expect(ByteRange.parse("bytes=-500", size: 100) == .part(0...99))
        #expect(ByteRange.parse("bytes=100-", size: 100) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=-0", size: 100) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=0-", size: 0) == .unsatisfiable)
        // Answered with the whole file: several ranges, another unit, nonsense, a backwards range.
        for header in ["bytes=0-1,5-6", "items=0-1", "bytes=a-b", "bytes=-", "bytes=5-1", "bytes=99999999999999999999-"] {
            #expect(ByteRange.parse(header, size: 100) == .whole, "\(header)")
        }
        // Every answer lies inside the file.
        for size in [1, 2, 17, 100] {
            for first in [nil, 0, 1, 16, 99, 150] as [Int?] {
                for last in [nil, 0, 1, 16, 99, 150] as [Int?] {
                    let header = "bytes=\(first.map(String.init) ?? "")-\(last.map(String.init) ?? "")"
                    if case .part(let range) = ByteRange.parse(header, size: size) {
                        #expect(range.lowerBound >= 0 && range.upperBound < size, "\(header) of \(size)")
                    }
                }
            }
        }
    }
}
