import DaemonKit
import Hummingbird

/// `GET /metrics`: this instance's counters in the Prometheus text format, to callers
/// ``MetricsAccess`` lets through (docs/REPOSITORY.md, "Metrics").
///
/// ```swift
/// MetricsRoutes(metrics: metrics, access: MetricsAccess(token: nil)).register(on: router)
/// // curl http://127.0.0.1:8443/metrics  →  repositoryd_pushes_total{outcome="ok"} 12 …
/// ```
struct MetricsRoutes: Sendable {
    let metrics: RepositoryMetrics
    let access: MetricsAccess

    func register(on router: Router<RepositoryRequestContext>) {
        router.get("/metrics") { request, context in
            try access.check(request, from: context.remoteAddress)
            return MetricsResponse.make(metrics.exposition())
        }
    }
}
