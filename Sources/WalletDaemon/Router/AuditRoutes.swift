import Basics
import Hummingbird
import WalletAPI
import WalletCore
import DaemonKit

/// `GET /v1/audit` (admin only): a page of this PC's audit log, oldest first (`PageQuery`), and
/// whether its hash chain holds from the entry before the page through the page (`firstBroken`
/// names the first entry changed, removed or moved since it was written), and what the
/// repository said at the last anchoring (`AuditAnchoring`). The log only grows, so a page is a
/// range of its seq: its cost and memory are the page's, whatever the log's length.
/// `wallet-cli audit` follows the pages and prints the whole log.
///
/// ```swift
/// AuditRoutes(store: store, sync: sync).register(on: routes)
/// ```
struct AuditRoutes: Sendable {
    let store: WalletStore
    let sync: SyncService

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.audit) { request, _ in try log(request) }
    }

    func log(_ request: Request) throws -> Response {
        let page = try PageQuery(request, list: "audit")
        let (entries, broken, next) = try store.auditLog(after: try page.afterSeq() ?? 0, limit: page.limit)
        let lines = entries.map {
            AuditLogLine(seq: $0.seq, atMs: $0.atMs, kind: $0.kind, learnerHash: $0.learner, device: $0.device, detail: $0.detail,
                         hash: Hex.lowercase($0.hash))
        }
        return JSONResponse.make(status: .ok, body: AuditLogResponse(
            entries: lines, verified: broken == nil, firstBroken: broken, anchor: sync.auditAnchor,
            next: next.map { Endpoints.audit.path(query: page.query(after: [String($0)])) }))
    }
}
