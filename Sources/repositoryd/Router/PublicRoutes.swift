import Hummingbird
import RepositoryCore
import SyncEngine
import WalletAPI

/// `GET /health` and `GET /catalog`: no authentication, nothing private (the catalog is public).
struct PublicRoutes: Sendable {
    let store: SQLiteRepositoryStore

    func register(on router: Router<RepositoryRequestContext>) {
        router.get("/health") { _, _ in
            JSONBody.response(status: .ok, ["status": "ok", "format": .number(Double(SyncWireFormat.version)), "replica": .string(store.replica.rawValue)])
        }
        router.get("/catalog") { _, _ in
            guard let catalog = try store.catalog() else {
                throw APIError(.notFound, "no_catalog", "No course catalog has been imported yet (repositoryd catalog import FILE).")
            }
            return JSONBody.response(status: .ok, bytes: Array(catalog.json.utf8))
        }
    }
}
