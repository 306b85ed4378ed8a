import Basics
import Prometheus
import RepositoryCore
import SyncEngine

/// The counters `GET /metrics` shows (docs/REPOSITORY.md, "Metrics"), one set per server
/// instance: pushes and pulls by outcome, statements in and out, push and pull latency, live
/// devices, store errors and issuance.
///
/// They are recorded where requests are answered (`SyncMetricsMiddleware`, `SyncRoutes`) and by
/// the credential authority's event hook, never inside a store, so every store backend reports the
/// same numbers. Labels take values from fixed sets only (an operation, an outcome, an
/// ``ErrorCode``): never a learner, a device or a path, so the number of series stays bounded.
/// Every series but the refusals is made here, once; a request then costs an atomic increment.
///
/// ```swift
/// let metrics = RepositoryMetrics()
/// metrics.pushes.ok.increment()
/// print(metrics.registry.emitToString())     // repositoryd_pushes_total{outcome="ok"} 1 …
/// ```
final class RepositoryMetrics: Sendable {
    /// The sync requests measured by outcome and latency.
    enum Operation: String, Sendable, CaseIterable {
        case push, pull

        /// The counter's name: `repositoryd_pushes_total`, `repositoryd_pulls_total`.
        var counterName: String {
            switch self {
            case .push: "repositoryd_pushes_total"
            case .pull: "repositoryd_pulls_total"
            }
        }
    }

    /// How a push or pull ended: answered, refused with a code (4xx), or failed (5xx, or an error
    /// that was no refusal).
    enum Outcome: Sendable, Equatable {
        case ok
        case refused(code: String)
        case error
    }

    /// The latency buckets, 1 ms … 10 s: a no-op pull is a few ms, a 1,000-statement push tens to
    /// hundreds, and anything past 10 s is a PC about to time out.
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2_500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10),
    ]

    /// The counters of one operation, by outcome; refusals are made on first use, one per code.
    struct Requests: Sendable {
        let name: String
        let help: String
        let ok: Counter
        let error: Counter
        let latency: DurationHistogram
    }

    let registry: PrometheusCollectorRegistry
    let pushes: Requests
    let pulls: Requests
    /// Statements in pushes that parsed and named the device's own replica.
    let statementsReceived: Counter
    let statementsAccepted: Counter
    let statementsDuplicate: Counter
    let statementsConflict: Counter
    /// Statements of a batch the hub had applied before and answered from its log.
    let statementsReplayed: Counter
    let statementsPulled: Counter
    let storeErrors: [StoreOperation: Counter]
    let credentialsIssued: Counter
    let issuanceFailures: Counter
    let liveDevices: LiveDevices
    private let liveDevicesGauge: Gauge
    /// Pushes and pulls waiting for a turn (`serve --sync-concurrency`), and those being applied:
    /// a queue that stays long says the instance needs more turns, cores or instances.
    let syncWaiting: Gauge
    let syncApplying: Gauge

    /// Where a store call threw something that is not a refusal.
    enum StoreOperation: String, Sendable, CaseIterable {
        case push, pull, catalog
    }

    static let storeErrorsHelp = "Store calls of the sync routes that threw something other than a refusal (database faults)"
    static let statementsInHelp = "Pushed statements by result: received (in a parsed push), accepted (new), duplicate (held already), conflict (same id, other content), replayed (a batch answered from the log)"

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), liveDevices: LiveDevices = LiveDevices()) {
        self.registry = registry
        pushes = Self.requests(registry, .push, help: "Push requests (POST /sync/v1/push) by outcome; refused ones by error code")
        pulls = Self.requests(registry, .pull, help: "Pull requests (POST /sync/v1/pull) by outcome; refused ones by error code")
        func statements(_ result: String) -> Counter {
            registry.counter("repositoryd_statements_in_total", labels: [("result", result)], help: Self.statementsInHelp)
        }
        statementsReceived = statements("received")
        statementsAccepted = statements("accepted")
        statementsDuplicate = statements("duplicate")
        statementsConflict = statements("conflict")
        statementsReplayed = statements("replayed")
        statementsPulled = registry.counter("repositoryd_statements_out_total",
                                                help: "Statements sent to PCs in pull answers")
        storeErrors = Dictionary(uniqueKeysWithValues: StoreOperation.allCases.map { operation in
            (operation, registry.counter("repositoryd_store_errors_total", labels: [("operation", operation.rawValue)],
                                             help: Self.storeErrorsHelp))
        })
        credentialsIssued = registry.counter("repositoryd_credentials_issued_total", help: "Micro-credentials issued")
        issuanceFailures = registry.counter("repositoryd_issuance_failures_total",
                                                help: "Issuances that failed and were rolled back (the push itself was applied)")
        self.liveDevices = liveDevices
        liveDevicesGauge = registry.gauge(
            "repositoryd_live_devices",
            help: "Devices that pushed or pulled through this instance in the last 15 minutes")
        syncWaiting = registry.gauge("repositoryd_sync_waiting",
                                         help: "Pushes and pulls waiting for a turn (--sync-concurrency)")
        syncApplying = registry.gauge("repositoryd_sync_applying", help: "Pushes and pulls being applied now")
    }

    private static func requests(_ registry: PrometheusCollectorRegistry, _ operation: Operation, help: String) -> Requests {
        let name = operation.counterName
        return Requests(
            name: name, help: help,
            ok: registry.counter(name, labels: [("outcome", "ok")], help: help),
            error: registry.counter(name, labels: [("outcome", "error")], help: help),
            latency: registry.durationHistogram(
                "repositoryd_\(operation.rawValue)_duration_seconds", buckets: Self.latencyBuckets,
                help: "Time from a \(operation.rawValue) request's arrival to its answer, whatever the outcome"))
    }

    func requests(_ operation: Operation) -> Requests {
        switch operation {
        case .push: pushes
        case .pull: pulls
        }
    }

    /// Counts one push or pull. A refusal's counter is looked up (made the first time) by code:
    /// a refusal is rare, and codes come from a fixed list, so the series stay few.
    func record(_ operation: Operation, _ outcome: Outcome, took duration: Duration) {
        let requests = requests(operation)
        requests.latency.record(duration)
        switch outcome {
        case .ok: requests.ok.increment()
        case .error: requests.error.increment()
        case .refused(let code):
            registry.counter(requests.name, labels: [("outcome", "refused"), ("code", code)], help: requests.help).increment()
        }
    }

    /// What an applied push did with its statements.
    func recordPush(received: Int, answer: PushResponse) {
        statementsReceived.increment(by: Int64(received))
        if answer.replayed {
            statementsReplayed.increment(by: Int64(received))
            return
        }
        statementsAccepted.increment(by: Int64(answer.accepted))
        statementsDuplicate.increment(by: Int64(answer.duplicates))
        statementsConflict.increment(by: Int64(answer.conflicts.count))
    }

    func recordPull(_ answer: PullResponse) {
        var count = 0
        for partition in answer.partitions { count += partition.statements.count }
        statementsPulled.increment(by: Int64(count))
    }

    func storeError(_ operation: StoreOperation) {
        storeErrors[operation]?.increment()
    }

    /// The credential authority's event hook (issuance runs inside the push transaction).
    func record(_ event: CredentialEvent) {
        switch event {
        case .issued: credentialsIssued.increment()
        case .failed: issuanceFailures.increment()
        }
    }

    /// The registry for `GET /metrics`, with the live-device gauge brought up to date first.
    func exposition() -> PrometheusCollectorRegistry {
        liveDevicesGauge.set(to: Double(liveDevices.count()))
        return registry
    }

    /// The exposition as text (tests read it).
    func text() -> String { exposition().emitToString() }
}
