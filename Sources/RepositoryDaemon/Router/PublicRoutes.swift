import Basics
import Hummingbird
import RepositoryCore
import SyncEngine
import DaemonKit

/// `GET /health`, `GET /openapi.json` and `GET /catalog`: no authentication, nothing private (the course catalog is
/// public; learners' data is only under `/sync/v1`).
///
/// ```swift
/// PublicRoutes(store: store).register(on: router)
/// // curl https://repository.example:8443/health  →  {"format":1,"status":"ok"}
/// ```
struct PublicRoutes: Sendable {
    let store: any RepositoryStore

    func register(on router: Router<RepositoryRequestContext>) {
        router.get("/health") { _, _ in
            var body: [String: JSONValue] = ["status": "ok", "format": .number(Double(SyncWireFormat.version))]
            // The database's state, so a monitor (and an admin) sees a full disk or damage before
            // the PCs' syncs start failing with 507/503.
            if let reporting = store as? any StorageFaultReporting {
                body["storage"] = .string(reporting.storage.word)
                if let fault = reporting.storage.fault {
                    body["status"] = "degraded"
                    body["storageMessage"] = .string(fault.healthMessage(daemon: "the repository"))
                }
            }
            if let probing = store as? any DatabaseProbing {
                if let problem = await probing.probe() {
                    body["status"] = "degraded"
                    body["storage"] = "unreachable"
                    body["storageMessage"] = .string(problem)
                    // Out of a load balancer's rotation until its database answers again.
                    return JSONResponse.value(status: .serviceUnavailable, .object(body))
                }
                body["storage"] = "ok"
            }
            return JSONResponse.value(status: .ok, .object(body))
        }
        let document = RepositoryAPIDocument.make()
        router.get("/openapi.json") { _, _ in JSONResponse.value(status: .ok, document) }
        router.get("/catalog") { _, _ in
            guard let catalog = try await store.catalog() else { throw Self.noCatalog }
            // Served as stored: the canonical JSON the version was computed from.
            return JSONResponse.raw(status: .ok, bytes: Array(catalog.json.utf8))
        }
    }

    static let noCatalog = APIError(.notFound, .noCatalog,
                                    "No course catalog has been imported yet. On the repository: repositoryd catalog import FILE --data-dir DIR (or serve --catalog FILE).")
}
