import DaemonKit
import Prometheus
import WalletAPI

/// walletd's counters for `GET /v1/metrics`, one set per server: sync runs by outcome, statements
/// pushed and pulled, when the last run ended, and requests by route group and status class.
///
/// Labels take values from fixed sets only: an outcome, a route group named by the endpoint
/// declarations (`RouteGroups`), a status class. Never a learner id or name, never a raw path.
/// Every series is made here, once; a request then costs a lookup and an atomic increment.
///
/// ```swift
/// let metrics = WalletdMetrics()
/// metrics.countRequest(path: "/v1/learners/ana-7f3e/progress", status: 200)
/// metrics.text()   // … walletd_requests_total{group="learners",status="2xx"} 1 …
/// ```
final class WalletdMetrics: Sendable {
    /// How a sync run ended.
    enum SyncOutcome: String, Sendable, CaseIterable {
        /// The run finished (items it held back are in `GET /v1/sync`).
        case ok
        /// The run stopped on an error (repository unreachable, refused, …).
        case failed
        /// The PC is not enrolled with a repository: nothing to do.
        case notRegistered = "not_registered"
    }

    let registry: PrometheusCollectorRegistry
    let groups: RouteGroups
    private let syncs: [SyncOutcome: Counter]
    private let pushedStatements: Counter
    private let pulledStatements: Counter
    private let pushBatches: Counter
    private let lastSync: Gauge
    private let lastSuccessfulSync: Gauge
    /// `requests[group][statusClass]`, made up front.
    private let requests: [[Counter]]

    static let requestsHelp = "Requests on the socket by route group and status class"
    static let statementsHelp = "Statements this PC pushed to or pulled from the repository"

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), groups: RouteGroups = RouteGroups(Endpoints.all)) {
        self.registry = registry
        self.groups = groups
        syncs = Dictionary(uniqueKeysWithValues: SyncOutcome.allCases.map { outcome in
            (outcome, registry.counter("walletd_syncs_total", labels: [("outcome", outcome.rawValue)], help: "Sync runs by outcome"))
        })
        pushedStatements = registry.counter("walletd_sync_statements_total", labels: [("direction", "pushed")], help: Self.statementsHelp)
        pulledStatements = registry.counter("walletd_sync_statements_total", labels: [("direction", "pulled")], help: Self.statementsHelp)
        pushBatches = registry.counter("walletd_sync_push_batches_total", help: "Push batches the repository answered")
        lastSync = registry.gauge("walletd_last_sync_timestamp_seconds",
                                      help: "When the last sync run ended, whatever its outcome (Unix time; 0: none since start)")
        lastSuccessfulSync = registry.gauge("walletd_last_successful_sync_timestamp_seconds",
                                                help: "When the last sync run that finished ended (Unix time; 0: none since start)")
        requests = groups.names.map { group in
            MetricsResponse.statusClasses.map { status in
                registry.counter("walletd_requests_total", labels: [("group", group), ("status", status)], help: Self.requestsHelp)
            }
        }
    }

    /// One finished sync run. `endedMs` is the wall clock (walletd's, with its test offset).
    func recordSync(_ result: SyncRunResult, outcome: SyncOutcome, endedMs: Int64) {
        syncs[outcome]?.increment()
        pushedStatements.increment(by: Int64(result.pushedStatements))
        pulledStatements.increment(by: Int64(result.pulledStatements))
        pushBatches.increment(by: Int64(result.pushBatches))
        let seconds = Double(endedMs) / 1_000
        lastSync.set(to: seconds)
        if outcome == .ok { lastSuccessfulSync.set(to: seconds) }
    }

    func countRequest(path: String, status: Int) {
        requests[groups.index(path: path)][MetricsResponse.statusClassIndex(status)].increment()
    }

    /// The exposition as text.
    func text() -> String { registry.emitToString() }
}
