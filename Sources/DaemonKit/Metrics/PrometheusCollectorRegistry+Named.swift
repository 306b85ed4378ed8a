import Prometheus

/// The registry's makers by full metric name and help text, as the daemons' metrics are written
/// down (docs/REPOSITORY.md, "Metrics"): swift-prometheus now wants a `MetricNameDescriptor`,
/// whose parts (namespace, subsystem, unit) these names do not split into.
///
/// ```swift
/// let pushes = registry.counter("repositoryd_pushes_total", labels: [("outcome", "ok")], help: "Push requests by outcome")
/// ```
extension PrometheusCollectorRegistry {
    public func counter(_ name: String, labels: [(String, String)] = [], help: String) -> Counter {
        makeCounter(descriptor: Self.descriptor(name, help), labels: labels)
    }

    public func gauge(_ name: String, labels: [(String, String)] = [], help: String) -> Gauge {
        makeGauge(descriptor: Self.descriptor(name, help), labels: labels)
    }

    public func durationHistogram(_ name: String, labels: [(String, String)] = [], buckets: [Duration], help: String) -> DurationHistogram {
        makeDurationHistogram(descriptor: Self.descriptor(name, help), labels: labels, buckets: buckets)
    }

    /// The whole name as the metric name: the descriptor joins its non-empty parts with `_`.
    static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }
}
