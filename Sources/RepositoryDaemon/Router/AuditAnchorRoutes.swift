import Foundation
import Hummingbird
import RepositoryCore
import SyncEngine
import DaemonKit

/// `GET` and `POST /sync/v1/audit/anchor`: a PC anchors its own audit log here after each sync
/// (`AuditAnchor`). Who may call it: a live device's token (the guard of the `sync/v1` group);
/// what it reaches: that device's own anchor only. A PC whose log no longer holds its anchored
/// entry gets `broken: true`, and the repository's log records it (`repositoryd audit`).
///
/// ```swift
/// AuditAnchorRoutes(store: store).register(on: router.group("sync/v1"))
/// ```
struct AuditAnchorRoutes: Sendable {
    let store: any RepositoryStore

    func register(on group: RouterGroup<RepositoryRequestContext>) {
        group.get("audit/anchor") { _, context in
            let device = try context.requireDevice()
            return JSONResponse.value(status: .ok, AuditAnchorResponse(anchor: try await store.auditAnchor(device: device.id), broken: false).json)
        }
        group.post("audit/anchor") { request, context in
            let device = try context.requireDevice()
            let body = try await JSONRequestBody.collect(request, limit: 4 * 1024)
            let anchor: AuditAnchorRequest
            do throws(SyncWireError) { anchor = try AuditAnchorRequest(body: body) } catch { throw APIError(error) }
            let answer = try await store.anchorAudit(anchor, device: device.id, nowMs: SQLiteRepositoryStore.systemNowMs())
            if answer.broken {
                context.logger.error("a PC's audit log no longer holds the entry anchored here: entries were changed or removed on that PC",
                                     metadata: ["device": "\(device.id)", "name": "\(device.name)", "head": "\(anchor.head.seq)"])
            }
            return JSONResponse.value(status: .ok, answer.json)
        }
    }
}
