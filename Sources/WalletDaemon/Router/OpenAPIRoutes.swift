import DaemonKit
import Hummingbird
import WalletAPI

/// `GET /openapi.json`: the socket API as an OpenAPI 3.1 document, made from the endpoint
/// declarations the router registers, so the document cannot drift from the routes.
struct OpenAPIRoutes: Sendable {
    func register(on routes: EndpointRoutes) {
        let document = WalletAPIDocument.make()
        routes.on(Endpoints.openAPI) { _, _ in JSONResponse.value(status: .ok, document) }
    }
}
