import DaemonKit
import Hummingbird
import WalletAPI

/// `GET /v1/metrics`: walletd's sync and request counters in the Prometheus text format. Open to
/// anyone who can reach the socket, like `GET /v1/health` and the sync totals: counts only, no
/// learner ids or names (docs/SECURITY.md).
///
/// ```swift
/// MetricsRoutes(metrics: sync.metrics).register(on: routes)
/// // curl --unix-socket SOCK http://localhost/v1/metrics  →  walletd_syncs_total{outcome="ok"} 3 …
/// ```
struct MetricsRoutes: Sendable {
    let metrics: WalletdMetrics

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.metrics) { _, _ in MetricsResponse.make(metrics.registry) }
    }
}
