/// The samples of a Prometheus text exposition, for tests that watch counters move: each sample
/// line's series (`name{label="value",…}` exactly as written) and its value. `# HELP`/`# TYPE`
/// lines and blank lines are skipped.
///
/// ```swift
/// let samples = PrometheusSamples(text: "repositoryd_pushes_total{outcome=\"ok\"} 3\n")
/// samples[#"repositoryd_pushes_total{outcome="ok"}"#]   // 3
/// samples.value("repositoryd_pushes_total", ["outcome": "ok"])   // 3
/// ```
public struct PrometheusSamples: Sendable {
    public let values: [String: Double]

    public init(text: String) {
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            values[String(line[..<space])] = value
        }
        self.values = values
    }

    public subscript(series: String) -> Double? { values[series] }

    /// The value of the series with exactly these labels (in any order); 0 when it is absent, as
    /// a counter that was never incremented reads.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double {
        values.first { series, _ in Self.name(of: series) == name && Self.labels(of: series) == labels }?.value ?? 0
    }

    /// Every series' labels of one metric.
    public func labelSets(_ name: String) -> [[String: String]] {
        values.keys.filter { Self.name(of: $0) == name }.map(Self.labels(of:))
    }

    static func name(of series: String) -> Substring {
        series.prefix { $0 != "{" }
    }

    /// `name{a="x",b="y"}` → `["a": "x", "b": "y"]` (values in these tests hold no quotes or commas).
    static func labels(of series: String) -> [String: String] {
        guard let open = series.firstIndex(of: "{"), series.hasSuffix("}") else { return [:] }
        let inner = series[series.index(after: open)..<series.index(before: series.endIndex)]
        var labels: [String: String] = [:]
        for pair in inner.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let value = parts[1]
            labels[String(parts[0])] = String(value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? value.dropFirst().dropLast() : value)
        }
        return labels
    }
}
