/// The answer of `GET /v1/metrics`: Prometheus text exposition (version 0.0.4), not JSON. walletd
/// writes it from its registry; a client reads `text` (a raw exchange) or hands it to a scraper.
///
/// ```swift
/// let answer = try client.send(Endpoints.metrics)
/// let metrics = PrometheusText(text: answer.text)
/// metrics.text.contains("walletd_syncs_total")   // true
/// ```
public struct PrometheusText: Sendable, Equatable {
    public var text: String

    public init(text: String) { self.text = text }
}
