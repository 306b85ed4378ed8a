import Basics
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TestSupport
import WalletAPI
import WalletCore
@testable import WalletDaemon

/// The wallet page's audit world: the same planted walletd as the socket's (`WalletdAuditWorld`:
/// Ana's statement, record and credential; Bea; Cai the assessor), seen through the page's router.
/// Each caller is a browser: its session cookie (or a browser cookie for no session) and the form
/// token its own page gave it.
struct WalletPageAuditWorld: AuditWorld {
    let socket: WalletdAuditWorld
    /// The socket's test client, for A's data as A reads it.
    let socketClient: any TestClientProtocol
    /// The socket's document: the xAPI answers are checked against it as on the socket.
    let recorder = RouteRecorder(document: WalletdAuditWorld.document, undocumented: ["/cmi5/fetch/{fetch}"])
    let cookies: [AuditCaller: String]
    let formTokens: [AuditCaller: String]
    /// The context token of A's profile record, as A's page would hold it in a conflict choice.
    let recordContext: String

    var canaries: [AuditCanary: String] { socket.canaries }

    /// The sample course package is imported into the world (`importSample(_:)`): a unit of it to
    /// launch, and a file of it.
    static let sampleUnit = "https://catalog.vet-centre.example/courses/food-hygiene-haccp/outcomes/personal-hygiene"
    static var sampleFile: String {
        "/content/" + ContentLibrary.packageId(course: "https://catalog.vet-centre.example/courses/food-hygiene-haccp") + "/au.js"
    }

    static func importSample(_ harness: WalletdHarness) throws {
        let zip = try SampleCoursePackage.zip(into: harness.folder)
        _ = try ContentLibrary(store: harness.store, dataDirectory: harness.folder).importPackage(at: zip, nowMs: 1_700_000_000_000)
    }
    var owner: String { socket.owner }

    static func make(socket: WalletdAuditWorld, socketClient: some TestClientProtocol, web: some TestClientProtocol) async throws -> WalletPageAuditWorld {
        var cookies: [AuditCaller: String] = [:]
        var formTokens: [AuditCaller: String] = [:]
        for caller in [AuditCaller.nobody, .learner, .otherLearner, .assessor, .admin] {
            var cookie = socket.tokens[caller].map { "wallet_session=\($0)" }
            let (setCookie, page) = try await web.execute(uri: "/learners/new", method: .get,
                                                          headers: cookie.map { [.cookie: $0] } ?? [:]) { response in
                (response.headers[values: .setCookie], String(buffer: response.body))
            }
            if cookie == nil, let browser = setCookie.first(where: { $0.hasPrefix("wallet_browser=") }) {
                cookie = String(browser.prefix { $0 != ";" })
            }
            cookies[caller] = cookie
            let marker = "name=\"form_token\" value=\""
            let token = try #require(page.range(of: marker).map { String(page[$0.upperBound...].prefix { $0 != "\"" }) }, "a form token for \(caller)")
            formTokens[caller] = token
        }
        let records = try await socketClient.execute(uri: Endpoints.records.path(socket.ana.id), method: .get,
                                                     headers: WalletdRouteTests.bearer(socket.tokens[.learner] ?? "")) { Data(buffer: $0.body) }
        let context = try #require(try JSONValue(data: records)["records"]?.arrayValue?.first?["context"]?.stringValue, "A's record has a context")
        return WalletPageAuditWorld(socket: socket, socketClient: socketClient, cookies: cookies, formTokens: formTokens, recordContext: context)
    }

    func credentials(_ caller: AuditCaller) -> HTTPFields {
        var fields: HTTPFields = [:]
        if let cookie = cookies[caller] { fields[.cookie] = cookie }
        return fields
    }

    func request(_ cell: AuditCell) throws -> AuditRequest {
        let a = socket.ana.id
        let credential = "/credentials/" + (WalletdAuditWorld.credentialID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        func form(_ fields: [(String, String)]) -> AuditRequest {
            let all = [("form_token", formTokens[cell.caller] ?? "")] + fields
            let body = all.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
            return AuditRequest(path: cell.template, headers: [.contentType: "application/x-www-form-urlencoded"], body: Data(body.utf8))
        }
        switch cell.route {
        case "GET /", "GET /learners/new", "GET /courses/return", "GET /static/wallet.css", "GET /courses", "GET /credentials", "GET /sync":
            return AuditRequest(path: cell.template)
        case "GET /login": return AuditRequest(path: "/login?learner=\(a)")
        case "POST /login": return form([("learner", a), ("pin", WalletdAuditWorld.pin)])
        case "POST /logout", "POST /sync": return form([])
        case "POST /learners/new": return form([("name", "Zed"), ("pin", "975310"), ("pin2", "975310")])
        case "POST /language": return form([("language", "nl"), ("return", "/courses")])
        case "GET /credentials/{credential}": return AuditRequest(path: credential)
        case "POST /credentials/{credential}/export":
            var request = form([("format", "html")])
            request.path = credential + "/export"
            return request
        case "POST /sync/resolve": return form([("key", "profile/email"), ("value", "someone.else@example.org"), ("context", recordContext), ("learner", a)])
        case "POST /courses/launch": return form([("unit", Self.sampleUnit)])
        case "GET /content/{package}/**": return AuditRequest(path: Self.sampleFile)
        case "HEAD /content/{package}/**": return AuditRequest(path: Self.sampleFile)
        case "POST /cmi5/fetch/{fetch}": return AuditRequest(path: "/cmi5/fetch/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        default:
            // The xAPI resources, asked about A's statement and documents as the socket's audit asks.
            guard cell.template.hasPrefix("/xapi/") else { throw AuditRunner.MissingRequest(route: cell.route) }
            var request = try socket.request(cell)
            request.headers[.authorization] = nil
            return request
        }
    }

    func ownerState(_ client: some TestClientProtocol) async throws -> String {
        try await socket.ownerState(socketClient)
    }
}
