import Hummingbird
import NIOCore
import Prometheus

/// A registry's metrics as the answer of a metrics route: the Prometheus text exposition format
/// (version 0.0.4), which Prometheus, VictoriaMetrics, Grafana Agent and `curl` all read.
///
/// Each daemon holds one `PrometheusCollectorRegistry` per server instance and hands it in here;
/// nothing is bootstrapped globally, so several servers in one test process keep their own counts.
///
/// ```swift
/// router.get("/metrics") { _, _ in MetricsResponse.make(metrics.registry) }
/// ```
public enum MetricsResponse {
    /// The content type Prometheus scrapers expect for the text format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public static func make(_ registry: PrometheusCollectorRegistry) -> Response {
        let bytes = registry.emitToBuffer()
        return Response(status: .ok, headers: [.contentType: contentType, .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The status class of an answer (`2xx` … `5xx`) as an index 0…4 into a table of counters made
    /// once: a request costs an array lookup, no label string. Statuses outside 100…599 count as 5xx.
    public static func statusClassIndex(_ status: Int) -> Int {
        (100..<600).contains(status) ? status / 100 - 1 : 4
    }

    /// The label values of ``statusClassIndex(_:)``, in index order.
    public static let statusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"]
}
