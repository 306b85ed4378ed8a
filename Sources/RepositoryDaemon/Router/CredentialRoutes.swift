import Credentials
import Hummingbird
import NIOCore
import RepositoryCore
import Basics
import DaemonKit

/// The public credential documents (docs/CREDENTIALS.md, "Routes"), no authentication:
/// `GET /trust-list` (signed by the repository key), `GET /status/SLUG` (an awarding body's signed
/// `BitstringStatusListCredential`, 404 for an unknown body) and
/// `GET /contexts/microcredential-v1.jsonld` and `-v2.jsonld` (each version of our context, as
/// published: `MicroCredentialContext.published`, `Content-Type: application/ld+json`,
/// `Access-Control-Allow-Origin: *`). Signed documents are cached by the publisher until
/// their version changes; `Cache-Control: no-cache` so that caches ask again (status is live).
///
/// ```swift
/// CredentialRoutes(publisher: publisher).register(on: router)
/// // curl https://repository.example:8443/status/gastro-akademie-rheinland
/// ```
struct CredentialRoutes: Sendable {
    let publisher: CredentialPublisher

    func register(on router: Router<RepositoryRequestContext>) {
        router.get("/trust-list") { _, _ in
            Self.document(try await publisher.trustList())
        }
        router.get("/status/:slug") { _, context in
            let slug = context.parameters.get("slug") ?? ""
            guard let list = try await publisher.statusList(slug: slug) else {
                throw APIError(.notFound, .unknownStatusList,
                               "No awarding body here has the status list '\(slug.prefix(80))'; GET /trust-list names each body's list.")
            }
            return Self.document(list)
        }
        for version in MicroCredentialContext.published {
            let document = version.document
            router.get(RouterPath(version.path)) { _, _ in
                // Any origin may read it: a JSON-LD processor in a browser fetches contexts cross-origin
                // (a plain GET, so no preflight). The bytes are the ones docs/CREDENTIALS.md hashes.
                Response(status: .ok, headers: [.contentType: "application/ld+json", .cacheControl: "public, max-age=86400",
                                                .accessControlAllowOrigin: "*"],
                         body: .init(byteBuffer: ByteBuffer(string: document)))
            }
        }
    }

    static func document(_ value: JSONValue) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"],
                 body: .init(byteBuffer: ByteBuffer(bytes: value.canonicalData())))
    }
}
