import Foundation
import Hummingbird
import RepositoryCore
import SyncEngine
import WalletAPI

/// `POST /sync/v1/push`, `POST /sync/v1/pull`, `GET /sync/v1/catalog`: the hub side of sync
/// (docs/SYNC.md). Every request is a registered device's.
struct SyncRoutes: Sendable {
    let store: SQLiteRepositoryStore
    let devices: DeviceAuthenticator
    let maxBodyBytes: Int
    let debugDelayMs: Int

    func register(on router: Router<RepositoryRequestContext>) {
        router.post("/sync/v1/push") { request, _ in try await push(request) }
        router.post("/sync/v1/pull") { request, _ in try await pull(request) }
        router.get("/sync/v1/catalog") { request, _ in
            _ = try devices.authenticate(request)
            guard let catalog = try store.catalog(), let value = try? JSONValue(data: Data(catalog.json.utf8)) else {
                throw APIError(.notFound, "no_catalog", "No course catalog has been imported yet (repositoryd catalog import FILE).")
            }
            return JSONBody.response(status: .ok, CatalogEnvelope(version: catalog.version, catalog: value).json)
        }
    }

    func push(_ request: Request) async throws -> Response {
        let device = try devices.authenticate(request)
        let body = try await JSONBody.collect(request, limit: maxBodyBytes)
        let push: PushRequest
        do throws(SyncWireError) { push = try PushRequest(body: body) } catch { throw APIError(error) }
        guard push.replica == device.replica else {
            throw APIError(.forbidden, "wrong_replica", "This push names another replica than the device that sends it.")
        }
        let answer = try store.push(push, device: device.id)
        if debugDelayMs > 0 { try await Task.sleep(for: .milliseconds(debugDelayMs)) }
        return JSONBody.response(status: .ok, answer.json)
    }

    func pull(_ request: Request) async throws -> Response {
        let device = try devices.authenticate(request)
        let body = try await JSONBody.collect(request, limit: 4 << 20)
        let pull: PullRequest
        do throws(SyncWireError) { pull = try PullRequest(body: body) } catch { throw APIError(error) }
        guard pull.replica == device.replica else {
            throw APIError(.forbidden, "wrong_replica", "This pull names another replica than the device that sends it.")
        }
        return JSONBody.response(status: .ok, bytes: try store.pull(pull, device: device.id).body())
    }
}
