import Hummingbird
import HTTPTypes
import PageText
import SecurityPrimitives
import WalletPages
import DaemonKit

/// Who is at the browser: their session when the session cookie names a live one, else the
/// browser's own random value (set on first visit) that the forms before login are bound to; and
/// the language they read. Built once per page request by `WebSite.visitor(_:context:)`.
///
/// ```swift
/// let visitor = try await site.visitor(request, context: context)
/// let page = CoursesPage.html(courses: courses, lessons: [:], context: visitor.page(.courses, path: "/courses"))
/// ```
struct WebVisitor: Sendable {
    var session: AuthenticatedSession?
    var browser: String
    var language: PageLanguage
    var formToken: String
    /// Set-Cookie values this answer must carry (a new browser value, a cleared stale session).
    var cookies: [String] = []

    var words: Words { language.words }

    var holder: FormToken.Holder { session.map { .session($0.tokenHash) } ?? .browser(browser) }

    func page(_ section: PageContext.Section = .none, path: String) -> PageContext {
        PageContext(language: language, formToken: formToken, learnerName: session?.learnerName, section: section, path: path)
    }

    /// The logged-in session, or a redirect to the profiles page (thrown, answered by `WebSite`).
    func requireSession() throws -> AuthenticatedSession {
        guard let session else { throw WebRedirect(to: WalletPaths.home) }
        return session
    }

    /// An HTML answer with this visitor's cookies and the pages' security headers.
    func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = WebSecurityHeaders.page
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// 303 See Other: after a form, the browser GETs the next page (a reload never re-sends the form).
    func redirect(_ location: String, cookies extra: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        WebSecurityHeaders.add(to: &headers)
        for cookie in cookies + extra { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }
}

/// Thrown by a page handler to send the browser elsewhere (a page that needs a login, reached without one).
struct WebRedirect: Error {
    let to: String
}
