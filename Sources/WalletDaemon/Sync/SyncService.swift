import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import SyncEngine
import WalletAPI
import WalletCore
import Basics

/// The background sync of walletd: one loop, one run at a time, off the request path.
///
/// Routes only poke it (`localChange()`, `requestRun()`) and read its status; a run itself is
/// blocking libcurl and SQLite work on a Dispatch thread, so the socket API never waits for the
/// repository.
///
/// ```swift
/// let sync = try SyncService(store: store, configuration: config, clock: clock, logger: logger)
/// let run = sync.requestRun()
/// let result = await sync.result(of: run)
/// ```
final class SyncService: Service, Sendable {
    let store: WalletStore
    let syncStore: WalletSyncStore
    let configuration: WalletdConfiguration
    let clock: WallClock
    let logger: Logger
    /// walletd's counters (`GET /v1/metrics`): runs are counted here, requests by the router.
    let metrics: WalletdMetrics

    struct State {
        var schedule: SyncSchedule
        /// The number the next run will get; runs are numbered from 1 since start.
        var nextRun = 1
        var requested = false
        var current: SyncRunProgress?
        var lastRun: SyncRunResult?
        var waiters: [(run: Int, continuation: CheckedContinuation<SyncRunResult, Never>)] = []
        var stopping = false
        /// The next run releases every quarantined item before it pushes.
        var retryQuarantined = false
        /// The audit-log head the repository keeps since the last anchoring, and what it said
        /// then (`AuditAnchoring`).
        var auditAnchor: (head: AuditAnchor, view: AuditAnchorView)?
    }

    private let state: Mutex<State>
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>
    private static let monotonicStart = ContinuousClock.now

    init(store: WalletStore, configuration: WalletdConfiguration, clock: WallClock, logger: Logger,
         metrics: WalletdMetrics = WalletdMetrics()) throws {
        self.store = store
        self.metrics = metrics
        self.syncStore = try WalletSyncStore(store: store, nowMs: clock.nowMs, idleLearnerMs: configuration.syncIdleLearnerMs)
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        state = Mutex(State(schedule: SyncSchedule(intervalSeconds: Double(configuration.syncIntervalSeconds),
                                                   debounceSeconds: Double(configuration.syncDebounceMs) / 1000, now: Self.now())))
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    static func now() -> Double {
        let elapsed = ContinuousClock.now - monotonicStart
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    // MARK: - Pokes from routes

    /// Something was recorded locally: sync soon (debounced, and not before the backoff ends).
    func localChange() {
        state.withLock { $0.schedule.localChange(now: Self.now()) }
    }

    /// Starts a run now, whatever the schedule says, and returns its number. A run already going
    /// may have missed the newest changes, so the caller gets the one after it.
    /// `retryQuarantined`: that run first releases every quarantined item (at its start, so that
    /// a run already going cannot acknowledge past a released statement).
    func requestRun(retryQuarantined: Bool = false) -> Int {
        let run = state.withLock { s in
            s.requested = true
            if retryQuarantined { s.retryQuarantined = true }
            return s.nextRun
        }
        wake.yield()
        return run
    }

    /// Waits until run `run` (or a later one) has finished.
    func result(of run: Int) async -> SyncRunResult {
        await withCheckedContinuation { continuation in
            let ready: SyncRunResult? = state.withLock { s in
                if let last = s.lastRun, last.run >= run { return last }
                s.waiters.append((run, continuation))
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// The last anchoring of the audit log since walletd started (nil: none yet).
    var auditAnchor: AuditAnchorView? { state.withLock { $0.auditAnchor?.view } }

    func snapshot() -> (current: SyncRunProgress?, lastRun: SyncRunResult?, nextAttemptInSeconds: Double?) {
        state.withLock { s in (s.current, s.lastRun, s.current == nil ? s.schedule.secondsUntilDue(now: Self.now()) : nil) }
    }

    // MARK: - The loop

    func run() async throws {
        // A ticker wakes the loop so that due times are noticed; pokes wake it at once.
        let ticker = Task { [wake] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                wake.yield()
            }
        }
        defer { ticker.cancel() }
        // On SIGTERM: stop between batches (the transport checks `isStopping`) and end the loop.
        await withGracefulShutdownHandler {
            for await _ in self.wakes {
                let go = self.state.withLock { s in !s.stopping && (s.requested || s.schedule.isDue(now: Self.now())) }
                guard go else { continue }
                await self.runOnce()
            }
        } onGracefulShutdown: { [wake] in
            self.state.withLock { $0.stopping = true }
            wake.finish()
        }
        state.withLock { $0.stopping = true }
        failWaiters()
    }

    private func runOnce() async {
        let run = state.withLock { s in
            let run = s.nextRun
            s.nextRun += 1
            s.requested = false
            s.schedule.started(now: Self.now())
            s.current = SyncRunProgress(run: run, phase: "pushing", pushedStatements: 0, pushTotal: 0, pulledStatements: 0)
            return run
        }
        let started = Self.now()
        let outcome: Result<SyncReport, any Error> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: Result { try self.performRun(run) })
            }
        }
        let durationMs = (Self.now() - started) * 1000
        let nowMs = clock.nowMs()
        let finished = Self.isoTime(nowMs)
        let result: SyncRunResult
        switch outcome {
        case .success(let report):
            result = SyncRunResult(run: run, ok: true, error: nil, finished: finished, durationMs: durationMs, requests: report.requests,
                                   pushBatches: report.pushBatches, pushedStatements: report.pushedStatements, pushedRecords: report.pushedRecords,
                                   duplicates: report.duplicates, conflicts: report.conflicts, pulledStatements: report.pulledStatements,
                                   pulledRecords: report.pulledRecords, catalogUpdated: report.catalogUpdated,
                                   quarantined: report.quarantined, heldBack: report.heldBack.map(Self.heldBack))
            if report.hubStartOvers > 0 {
                logger.warning("the repository was restored from an older copy (new epoch): this PC sent everything it holds again and pulled from the start",
                               metadata: ["run": "\(run)", "pushed": "\(report.pushedStatements)"])
            }
            if report.quarantined > 0 || !report.heldBack.isEmpty {
                logger.warning("sync held items back", metadata: ["run": "\(run)", "quarantined": "\(report.quarantined)",
                                                                   "learners": "\(report.heldBack.map { "\($0.learner) (\($0.phase.rawValue) \($0.code.rawValue))" })"])
            }
            if report.requests > 0 {
                logger.info("sync done", metadata: ["run": "\(run)", "pushed": "\(report.pushedStatements)", "pulled": "\(report.pulledStatements)",
                                                    "ms": "\(Int(durationMs))"])
            }
        case .failure(let error):
            let message = (error as? NotRegistered).map { _ in "this PC is not registered with a repository: run `wallet-cli device enrol`" } ?? "\(error)"
            result = SyncRunResult(run: run, ok: false, error: message, finished: finished, durationMs: durationMs, requests: 0, pushBatches: 0,
                                   pushedStatements: 0, pushedRecords: 0, duplicates: 0, conflicts: [], pulledStatements: 0, pulledRecords: 0,
                                   catalogUpdated: false)
            if !(error is NotRegistered) { logger.warning("sync failed", metadata: ["run": "\(run)", "error": "\(message)"]) }
        }
        let registered = (try? store.syncIdentity().isRegistered) ?? false
        metrics.recordSync(result, outcome: result.ok ? .ok : (registered ? .failed : .notRegistered), endedMs: nowMs)
        if registered { try? store.recordSyncOutcome(attemptMs: nowMs, error: result.error) }
        let waiters = state.withLock { s in
            s.current = nil
            s.lastRun = result
            if result.ok || !registered { s.schedule.succeeded(now: Self.now()) } else { s.schedule.failed(now: Self.now(), random: Double.random(in: 0..<1)) }
            let ready = s.waiters.filter { $0.run <= run }
            s.waiters.removeAll { $0.run <= run }
            return ready
        }
        for waiter in waiters { waiter.continuation.resume(returning: result) }
    }

    struct NotRegistered: Error {}

    /// One run, on a Dispatch thread.
    private func performRun(_ run: Int) throws -> SyncReport {
        var identity = try store.syncIdentity()
        guard identity.isRegistered, let repository = identity.repository else { throw NotRegistered() }
        if identity.needsOwnDevice { identity = try enrolCopy(identity, repository: repository) }
        if let next = identity.nextToken { identity = try rotateToken(identity, to: next, repository: repository) }
        // Items quarantined by another walletd version are tried again: this one may send them
        // differently, and the repository may have changed since. Every item when asked.
        let everything = state.withLock { s in
            defer { s.retryQuarantined = false }
            return s.retryQuarantined
        }
        let released = try syncStore.releaseQuarantine(unlessVersion: everything ? nil : WalletVersion.string)
        if released > 0 { logger.info("quarantined items released for a new try", metadata: ["items": "\(released)", "version": "\(WalletVersion.string)"]) }
        let pending = try store.pendingCounts()
        let pushTotal = pending.reduce(0) { $0 + $1.statements }
        // Before anything leaves this PC: a backup taken before this push, restored over the
        // database later, is then seen as older than the data folder (see ReplicaGenerationFile).
        if pending.contains(where: { $0.statements > 0 || $0.records > 0 }) { try store.advanceReplicaGeneration() }
        state.withLock { $0.current?.pushTotal = pushTotal }
        let transport = try RepositoryClient(baseURL: repository, token: identity.token, caFile: identity.caFile,
                                             isStopping: { self.isStopping })
        // Learners the last run held back at the push are asked about alone first (a small request).
        let heldBefore = state.withLock { s in Set((s.lastRun?.heldBack ?? []).filter { $0.phase == SyncHold.Phase.push.rawValue }.map(\.learner)) }
        let client = SyncClient(store: syncStore, transport: transport, batchSize: configuration.syncBatchSize, heldBefore: heldBefore)
        let report = try client.run { progress in
            self.state.withLock { s in
                s.current = SyncRunProgress(run: run, phase: progress.phase == .done ? "pulling" : progress.phase.rawValue,
                                            pushedStatements: progress.pushedStatements, pushTotal: pushTotal, pulledStatements: progress.pulledStatements)
            }
        }
        // Fresh trust and status lists after every run, so exports and checks made offline later
        // carry the newest the PC could get.
        try CredentialListRefresher(store: store, client: transport, clock: clock).refresh()
        anchorAuditLog(client: transport)
        return report
    }

    /// A failure to anchor does not fail the run: the learners' data synced, and the next run
    /// anchors again (entries up to the last anchor stay covered meanwhile).
    private func anchorAuditLog(client: RepositoryClient) {
        do {
            let last = state.withLock { $0.auditAnchor }
            guard let anchored = try AuditAnchoring(store: store, client: client).anchor(lastAnchored: last) else { return }
            state.withLock { $0.auditAnchor = anchored }
            let view = anchored.view
            if view.broken {
                logger.error("the repository found this PC's audit log changed: an entry it had anchored is gone or different. See `wallet-cli audit` and `repositoryd audit`",
                             metadata: ["anchoredNow": "\(view.seq)"])
            }
        } catch {
            logger.warning("the audit log could not be anchored at the repository", metadata: ["error": "\(error)"])
        }
    }

    /// This database was copied or restored and took a new replica id (`ReplicaBinding`); the
    /// device token it holds belongs to the replica it gave up. Proving that token, it asks the
    /// repository for a device of its own holding the same learners, then syncs as that device.
    /// Why automatic: the token already reaches exactly those learners, so the new device opens
    /// nothing more, and a copy that waited for an admin would hold its learners' work back.
    private func enrolCopy(_ identity: SyncIdentity, repository: String) throws -> SyncIdentity {
        guard let replica = ReplicaID(validating: identity.replica) else { throw WalletSyncError.corruptIdentity }
        let client = try RepositoryClient(baseURL: repository, token: identity.token, caFile: identity.caFile, isStopping: { self.isStopping })
        let name = String(ProcessInfo.processInfo.hostName.prefix(200))
        let answer = try client.enrolCopy(DeviceCopyRequest(replica: replica, name: name, token: try store.copyToken()))
        try store.adoptCopiedDevice(device: answer.device, token: answer.token, replica: identity.replica, nowMs: clock.nowMs())
        logger.notice("this copied or restored PC now syncs as a device of its own",
                      metadata: ["device": "\(answer.device)", "replica": "\(identity.replica)", "previousDevice": "\(identity.device ?? "")"])
        return try store.syncIdentity()
    }

    /// A token rotation was asked for (`POST /v1/device/token`), or its answer was lost: the
    /// repository switches to the token this PC proposed (the same request again is answered as
    /// done), and this run and every later one sync with it.
    private func rotateToken(_ identity: SyncIdentity, to next: String, repository: String) throws -> SyncIdentity {
        let client = try RepositoryClient(baseURL: repository, token: identity.token, caFile: identity.caFile, isStopping: { self.isStopping })
        let answer: DeviceTokenRotationResponse
        do {
            answer = try client.rotateToken(DeviceTokenRotationRequest(token: next))
        } catch RepositoryError.refused(let status, let code, let message) where Self.isFinal(status) {
            // Asking again would be refused again: drop the proposal and sync with the token we have.
            try store.dropNextDeviceToken(next)
            logger.warning("device token rotation refused; syncing on with the current token",
                           metadata: ["status": "\(status)", "code": "\(code.rawValue)", "message": "\(message)"])
            return identity
        }
        try store.adoptRotatedToken(next, nowMs: clock.nowMs())
        logger.notice("device token rotated: the old one is refused by the repository from now on", metadata: ["device": "\(answer.device)"])
        return try store.syncIdentity()
    }

    /// A refusal that the same request would get again (not 429, not a server error).
    static func isFinal(_ status: Int) -> Bool { (400..<500).contains(status) && status != 429 }

    var isStopping: Bool { state.withLock { $0.stopping } }

    static func heldBack(_ hold: SyncHold) -> HeldBackLearner {
        HeldBackLearner(learner: hold.learner, phase: hold.phase.rawValue, code: hold.code.rawValue, message: hold.message)
    }

    private func failWaiters() {
        let waiters = state.withLock { s in
            defer { s.waiters.removeAll() }
            return s.waiters
        }
        for waiter in waiters {
            waiter.continuation.resume(returning: SyncRunResult(
                run: waiter.run, ok: false, error: "walletd is shutting down", finished: Self.isoTime(clock.nowMs()), durationMs: 0, requests: 0,
                pushBatches: 0, pushedStatements: 0, pushedRecords: 0, duplicates: 0, conflicts: [], pulledStatements: 0, pulledRecords: 0,
                catalogUpdated: false))
        }
    }

    static func isoTime(_ ms: Int64) -> String { Timestamp.format(millisecondsSince1970: ms) }
}
