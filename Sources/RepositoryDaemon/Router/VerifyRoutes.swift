import CredentialPages
import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PageText
import RepositoryCore
import Basics
import DaemonKit

/// The employer's page (docs/CREDENTIALS.md, "Routes"), public: `GET /verify` (the form),
/// `GET /verify?credential=ID` (an issued credential's summary and live status, where the export
/// page's QR code lands) and `POST /verify` (a pasted or uploaded export checked against this
/// repository's own DID, its current signed trust list and its current status lists — live
/// status, not the copy inside the file). Each page is in English or Dutch: `?lang=` (or the
/// form's `lang` field) when given, else the browser's `Accept-Language`.
///
/// ```swift
/// VerifyRoutes(store: store, publisher: publisher).register(on: router)
/// // curl -d 'document=…' https://repository.example:8443/verify
/// ```
struct VerifyRoutes: Sendable {
    let store: any RepositoryStore
    let publisher: CredentialPublisher
    /// The form's body: an export with dozens of credentials, URL-encoded, fits.
    static let maxBodyBytes = 2 << 20
    /// Verifications at once, and how many more may wait: each holds a parsed file and up to
    /// `VerifyPage.statusListBudgetBytes` of status lists, and the page is public.
    let verifications = ConcurrencyLimit(limit: 2, maxWaiting: 16)

    func register(on router: Router<RepositoryRequestContext>) {
        router.get("/verify") { request, _ in
            let language = Self.language(of: request)
            guard let id = request.uri.queryParameters.get("credential") else { return Self.page(VerifyPage.form(language: language)) }
            return Self.page(try await credentialPage(id: id, language: language))
        }
        router.post("/verify") { request, _ in
            let publisher = publisher
            // The form's own `lang` field, read with the body, wins over this (`VerifyPage.respond`).
            let language = Self.language(of: request)
            do {
                // The body is read inside the limit: a request waiting its turn holds no copy of it.
                return try await verifications.run {
                    let body: ByteBuffer
                    do {
                        body = try await request.body.collect(upTo: Self.maxBodyBytes)
                    } catch {
                        return Self.page(VerifyPage.form(message: language.words(.vfTooLarge, ["max": String(Self.maxBodyBytes >> 20)]), language: language),
                                         status: .contentTooLarge)
                    }
                    let html = VerifyPage.respond(toForm: body.readableBytesView, trustList: try await publisher.trustList(),
                                                  trustAnchor: try publisher.trustAnchor().did,
                                                  statusLists: Array(try await publisher.allStatusLists().values), now: Date(),
                                                  language: language)
                    return Self.page(html)
                }
            } catch is ConcurrencyLimit.Busy {
                var response = Self.page(VerifyPage.form(message: language.words[.vfBusy], language: language),
                                         status: .serviceUnavailable)
                response.headers[.retryAfter] = "5"
                return response
            }
        }
    }

    func credentialPage(id: String, language: PageLanguage) async throws -> String {
        // An erased learner's credential keeps its id and revoked status, not its document.
        if id.utf8.count <= 200, let record = try await store.issuedCredential(id: id), record.json.isEmpty, record.status == .revoked {
            return VerifyPage.erasedCredential(id: id, language: language)
        }
        guard id.utf8.count <= 200, let record = try await store.issuedCredential(id: id),
              let json = try? JSONValue(data: Data(record.json.utf8)), let summary = try? MicroCredentialSummary(json: json)
        else { return VerifyPage.credential(id: String(id.prefix(200)), summary: nil, status: nil, language: language) }
        return VerifyPage.credential(id: id, summary: summary, status: record.status.word, language: language)
    }

    /// The page's language: `?lang=nl` (the link each page offers), else the browser's
    /// `Accept-Language`, else English.
    static func language(of request: Request) -> PageLanguage {
        PageLanguage.negotiate(choice: request.uri.queryParameters.get(VerifyPage.languageField),
                               acceptLanguage: request.headers[.acceptLanguage])
    }

    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        // The words follow Accept-Language: a cache must not hand one reader's language to another.
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .vary: "Accept-Language"]
        for (name, value) in PageSecurityHeaders.fields {
            if let name = HTTPField.Name(name) { headers[name] = value }
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
