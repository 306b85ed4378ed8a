import Basics
import Hummingbird
import WalletAPI
import WalletCore
import DaemonKit

/// `GET /v1/audit` (admin only): this PC's audit log, oldest first, and whether its hash chain
/// still holds (`firstBroken` names the first entry changed, removed or moved since it was
/// written), and what the repository said at the last anchoring (`AuditAnchoring`).
/// `wallet-cli audit` prints it.
///
/// ```swift
/// AuditRoutes(store: store, sync: sync).register(on: routes)
/// ```
struct AuditRoutes: Sendable {
    let store: WalletStore
    let sync: SyncService

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.audit) { _, _ in try log() }
    }

    func log() throws -> Response {
        let (entries, broken) = try store.auditLog()
        let lines = entries.map {
            AuditLogLine(seq: $0.seq, atMs: $0.atMs, kind: $0.kind, learnerHash: $0.learner, device: $0.device, detail: $0.detail,
                         hash: Hex.lowercase($0.hash))
        }
        return JSONResponse.make(status: .ok, body: AuditLogResponse(entries: lines, verified: broken == nil, firstBroken: broken, anchor: sync.auditAnchor))
    }
}
