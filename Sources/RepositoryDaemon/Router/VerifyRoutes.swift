import CredentialPages
import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RepositoryCore
import Basics
import DaemonKit

/// The employer's page (docs/CREDENTIALS.md, "Routes"), public: `GET /verify` (the form),
/// `GET /verify?credential=ID` (an issued credential's summary and live status, where the export
/// page's QR code lands) and `POST /verify` (a pasted or uploaded export checked against this
/// repository's own DID, its current signed trust list and its current status lists — live
/// status, not the copy inside the file).
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
            guard let id = request.uri.queryParameters.get("credential") else { return Self.page(VerifyPage.form()) }
            return Self.page(try await credentialPage(id: id))
        }
        router.post("/verify") { request, _ in
            let publisher = publisher
            do {
                // The body is read inside the limit: a request waiting its turn holds no copy of it.
                return try await verifications.run {
                    let body: ByteBuffer
                    do {
                        body = try await request.body.collect(upTo: Self.maxBodyBytes)
                    } catch {
                        return Self.page(VerifyPage.form(message: "The file is larger than \(Self.maxBodyBytes >> 20) MiB, more than any learner's export; check that you chose the right file."),
                                         status: .contentTooLarge)
                    }
                    let html = VerifyPage.respond(toForm: body.readableBytesView, trustList: try await publisher.trustList(),
                                                  trustAnchor: try publisher.trustAnchor().did,
                                                  statusLists: Array(try await publisher.allStatusLists().values), now: Date())
                    return Self.page(html)
                }
            } catch is ConcurrencyLimit.Busy {
                var response = Self.page(VerifyPage.form(message: "Many files are being checked right now. Wait a few seconds, then press Check again."),
                                         status: .serviceUnavailable)
                response.headers[.retryAfter] = "5"
                return response
            }
        }
    }

    func credentialPage(id: String) async throws -> String {
        // An erased learner's credential keeps its id and revoked status, not its document.
        if id.utf8.count <= 200, let record = try await store.issuedCredential(id: id), record.json.isEmpty, record.status == .revoked {
            return VerifyPage.erasedCredential(id: id)
        }
        guard id.utf8.count <= 200, let record = try await store.issuedCredential(id: id),
              let json = try? JSONValue(data: Data(record.json.utf8)), let summary = try? MicroCredentialSummary(json: json)
        else { return VerifyPage.credential(id: String(id.prefix(200)), summary: nil, status: nil) }
        return VerifyPage.credential(id: id, summary: summary, status: record.status.word)
    }

    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        for (name, value) in PageSecurityHeaders.fields {
            if let name = HTTPField.Name(name) { headers[name] = value }
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
