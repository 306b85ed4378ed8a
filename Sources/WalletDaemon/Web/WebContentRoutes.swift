import CoursePackage
import Foundation
import Hummingbird
import HTTPTypes
import PageText
import WalletAPI
import WalletCore
import WalletPages
import DaemonKit

/// Lessons on the wallet page: starting one (a cmi5 launch) and serving its package's files.
///
/// A launch (`POST /courses/launch`, the learner's session and form token) records `launched`
/// and `LMS.LaunchData` and sends the browser to the unit with cmi5's launch parameters
/// (`WalletStore.createCmi5Launch`); the unit takes its auth token from the one-time fetch URL and
/// reports to this listener's `/xapi/`. Its `returnURL` leads back to the courses page
/// (`LessonReturnPage`: one step on the wallet's own site, so the session cookie comes along).
///
/// The files are served from `/content/{package}/…` under `Content-Security-Policy: sandbox`
/// without `allow-same-origin`: the unit runs in an opaque origin, so it cannot read the wallet's
/// pages or their form tokens, and the learner's session cookie (`SameSite=Strict`) is never sent
/// on its requests; it reaches `/xapi/` through CORS with its launch token only. Which file a
/// path names, and that it stays inside its package, is `ContentLibrary.file(inPackage:path:)`'s.
///
/// ```swift
/// WebContentRoutes(site: site, library: shared.content, onChange: { sync.localChange() }).register(on: router)
/// ```
struct WebContentRoutes: Sendable {
    let site: WebSite
    let library: ContentLibrary
    let onChange: @Sendable () -> Void
    var fileIO = FileIO()

    static let contentPrefix = "/content/"
    /// Longer form values are not AU ids a package could hold (ContentLibrary's name bound).
    static let maxUnitIDBytes = 2_048

    func register(on router: Router<WalletRequestContext>) {
        router.post(RouterPath(WalletPaths.launch)) { request, _ in
            await site.page(request) { visitor in try await launch(request, visitor: visitor) }
        }
        router.get(RouterPath(WalletPaths.lessonReturn)) { request, _ in
            await site.page(request) { visitor in visitor.html(LessonReturnPage.html(context: visitor.page(path: WalletPaths.lessonReturn))) }
        }
        router.get("/content/:package/**") { request, context in try await file(request, context: context, head: false) }
        router.head("/content/:package/**") { request, context in try await file(request, context: context, head: true) }
    }

    func launch(_ request: Request, visitor: WebVisitor) async throws -> Response {
        let session = try visitor.requireSession()
        let form = try await WebForm.read(request, visitor: visitor, tokens: site.formTokens)
        guard let unitID = form["unit"], unitID.utf8.count <= Self.maxUnitIDBytes, let found = try library.assignableUnit(id: unitID) else {
            return site.errorPage(visitor, status: .notFound, message: visitor.words[.unitUnavailable])
        }
        let now = site.clock.nowMs()
        // Launches left open past their time are closed first (cmi5 9.3.6), so this learner's
        // record says "abandoned" before it says "launched" again.
        _ = try await site.store.abandonExpiredCmi5Sessions(nowMs: now)
        let origin = Self.origin(of: request)
        let ticket = try await site.store.createCmi5Launch(
            learnerID: session.learnerID, course: found.package.cmi5Course, unitID: found.unit.id,
            urls: Self.launchURLs(origin: origin, packageID: found.package.id, unitURL: found.unit.url), nowMs: now)
        onChange()
        return visitor.redirect(ticket.launchURL)
    }

    /// Where the unit is and where it reports, all on this listener (the name and port the browser used).
    static func launchURLs(origin: String, packageID: String, unitURL: String) -> Cmi5LaunchURLs {
        Cmi5LaunchURLs(unit: origin + contentPrefix + packageID + "/" + unitURL,
                       endpoint: origin + Endpoints.xapiPrefix,
                       fetchPrefix: origin + Cmi5TokenAuthenticator.fetchPrefix,
                       returnURL: origin + WalletPaths.lessonReturn)
    }

    func file(_ request: Request, context: WalletRequestContext, head: Bool) async throws -> Response {
        let package = context.parameters.get("package") ?? ""
        let path = context.parameters.getCatchAll().joined(separator: "/")
        let found: ContentFile
        do {
            guard let decoded = path.removingPercentEncoding else { throw ContentError.fileNotFound(package: package, path: path) }
            found = try library.file(inPackage: package, path: decoded)
        } catch is ContentError {
            return Self.plain(.notFound, "This lesson file is not on this PC. Start the lesson again from the wallet page.")
        }
        var headers: HTTPFields = [.contentType: found.contentType, .cacheControl: "no-cache", .acceptRanges: "bytes"]
        Self.addSandbox(to: &headers)
        var status = HTTPResponse.Status.ok
        var range = found.size > 0 ? 0...(found.size - 1) : nil
        switch ByteRange.parse(request.headers[.range], size: found.size) {
        case .whole: break
        case .part(let part):
            status = .partialContent
            range = part
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound)/\(found.size)"
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(found.size)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        }
        headers[.contentLength] = String(range?.count ?? 0)
        guard !head, let range else { return Response(status: status, headers: headers) }
        let body = try await fileIO.loadFile(path: found.path, range: range, context: context)
        return Response(status: status, headers: headers, body: body)
    }

    /// The policy of a lesson: its own scripts and styles (inline too: packages are written that
    /// way), pictures, media and fonts from the package, calls to this listener; in a sandbox
    /// without same-origin, so it is a stranger to the wallet's pages.
    static let sandboxPolicy = "sandbox allow-scripts allow-forms allow-popups allow-downloads; default-src 'self'; "
        + "script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; "
        + "font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'"

    static func addSandbox(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = sandboxPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "no-referrer"
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"]
        WebSecurityHeaders.add(to: &headers)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    /// `http://` and the name and port the browser used: the Host check let only this PC's own through.
    static func origin(of request: Request) -> String {
        "http://" + (request.head.authority ?? "127.0.0.1")
    }

    /// The lessons this PC can start, by the learning outcome they teach (an AU whose id is the
    /// outcome's id: its result counts for that outcome), titled in the visitor's language; none of
    /// a package whose files are not on the PC.
    static func lessons(in library: ContentLibrary, language: PageLanguage) throws -> [String: CoursesPage.Lesson] {
        var lessons: [String: CoursesPage.Lesson] = [:]
        for package in try library.packages() where library.hasFiles(package) {
            for unit in package.structure.assignableUnits {
                let title = LangString.pick(unit.title, for: [language.tag, "en"]) ?? unit.id
                lessons[unit.id] = CoursesPage.Lesson(id: unit.id, title: title)
            }
        }
        return lessons
    }
}
