import Hummingbird
import WalletAPI
import WalletCore
import DaemonKit

/// `GET /v1/sync` (status) and `POST /v1/sync` (sync now).
///
/// Anyone at the PC may ask for a sync (it only moves data that is already here to where it
/// belongs). Pending counts, quarantined items and a run's held-back learners are shown to that
/// learner's session, or all of them to the admin (with the conflicting statement ids); anyone
/// else sees only the totals. The counts are index ranges per learner (`PendingStatementCount`),
/// so the status costs the same at a thousand statements as at a million.
struct SyncRoutes: Sendable {
    let store: WalletStore
    let sync: SyncService
    let admin: AdminToken
    let clock: WallClock

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.syncStatus) { request, context in try await status(request, session: context.session) }
        routes.on(Endpoints.startSync) { request, context in try await start(request, session: context.session) }
    }

    func status(_ request: Request, session: AuthenticatedSession?) async throws -> Response {
        let identity = try store.syncIdentity()
        let counts = try store.pendingCounts()
        let visible: [PendingCount]
        let visibleQuarantine: [QuarantinedItem]
        let isAdmin = admin.matches(request)
        if isAdmin {
            visible = counts.map { PendingCount(learner: $0.learner, statements: $0.statements, records: $0.records) }
            visibleQuarantine = try sync.syncStore.quarantinedItems()
        } else if let session {
            visible = counts.filter { $0.learner == session.learnerID }.map { PendingCount(learner: $0.learner, statements: $0.statements, records: $0.records) }
            visibleQuarantine = try sync.syncStore.quarantinedItems(learner: session.learnerID)
        } else {
            visible = []
            visibleQuarantine = []
        }
        let snapshot = sync.snapshot()
        let body = SyncStatusResponse(
            registered: identity.isRegistered, repository: identity.repository, device: identity.device, replica: identity.replica,
            lastSuccess: identity.lastSuccessMs.map(SyncService.isoTime), lastAttempt: identity.lastAttemptMs.map(SyncService.isoTime),
            lastError: identity.isRegistered ? identity.lastError : "not registered with a repository: run `wallet-cli device enrol`",
            nextAttemptInSeconds: identity.isRegistered ? snapshot.nextAttemptInSeconds : nil,
            pendingStatements: counts.reduce(0) { $0 + $1.statements }, pendingRecords: counts.reduce(0) { $0 + $1.records },
            pending: visible, current: snapshot.current, lastRun: snapshot.lastRun?.visible(toLearner: session?.learnerID, admin: isAdmin),
            catalogVersion: try store.catalogVersion(), quarantined: visibleQuarantine, quarantinedTotal: try sync.syncStore.quarantinedCount())
        return JSONResponse.make(status: .ok, body: body)
    }

    func start(_ request: Request, session: AuthenticatedSession?) async throws -> Response {
        guard try store.syncIdentity().isRegistered else {
            throw APIError(.conflict, .notRegistered, "This PC is not registered with a repository yet. The centre admin runs `wallet-cli device enrol --repository URL --code CODE`.")
        }
        // Held-back items go out with the run started here (each is refused again if it still cannot be taken).
        let run = sync.requestRun(retryQuarantined: request.uri.queryParameters.get("retryQuarantined") == "true")
        if request.uri.queryParameters.get("wait") == "true" {
            let result = await sync.result(of: run)
            return JSONResponse.make(status: .ok, body: result.visible(toLearner: session?.learnerID, admin: admin.matches(request)))
        }
        return JSONResponse.make(status: .accepted, body: SyncStartedResponse(run: run))
    }
}
