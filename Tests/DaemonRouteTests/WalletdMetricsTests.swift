import Testing
import TestSupport
import WalletAPI
@testable import WalletDaemon

/// walletd's `GET /v1/metrics` labels: route groups come from the endpoint declarations, so no
/// path a caller makes up (a learner id, a typo, a long random string) becomes a label value.
@Suite("walletd metrics")
struct WalletdMetricsTests {
    @Test func routeGroupsAreTheDeclaredOnesAndOther() {
        let groups = RouteGroups(Endpoints.all)
        #expect(Set(groups.names) == ["health", "openapi.json", "learners", "sessions", "courses", "trust", "sync", "device", "audit",
                                      "content", "metrics", "xapi", "other"])
        #expect(groups.names[groups.index(path: "/v1/learners/ana-7f3e/progress")] == "learners")
        #expect(groups.names[groups.index(path: "/xapi/statements")] == "xapi")
        #expect(groups.names[groups.index(path: "/v1/metrics")] == "metrics")
        #expect(groups.names[groups.index(path: "/v1/ana-7f3e")] == "other")
        #expect(groups.names[groups.index(path: "/")] == "other")
        #expect(groups.names[groups.index(path: "")] == "other")
    }

    @Test func requestLabelsStayBoundedWhateverThePaths() {
        let metrics = WalletdMetrics()
        var random = SplitMix(seed: 7)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-_./%")
        for _ in 0..<5_000 {
            let length = random.int(0...40)
            let path = "/" + String((0..<length).map { _ in alphabet[random.int(0...(alphabet.count - 1))] })
            metrics.countRequest(path: random.int(0...1) == 0 ? "/v1" + path : path, status: random.int(0...999))
        }
        let samples = PrometheusSamples(text: metrics.text())
        let sets = samples.labelSets("walletd_requests_total")
        #expect(sets.count == metrics.groups.names.count * 5, "every series made up front, none added")
        for labels in sets {
            #expect(Set(labels.keys) == ["group", "status"])
            #expect(metrics.groups.names.contains(labels["group"] ?? ""))
            #expect(["1xx", "2xx", "3xx", "4xx", "5xx"].contains(labels["status"] ?? ""))
        }
        let total = sets.reduce(0.0) { sum, labels in sum + samples.value("walletd_requests_total", labels) }
        #expect(total == 5_000)
    }

    @Test func aSyncRunMovesItsCounters() {
        let metrics = WalletdMetrics()
        let run = SyncRunResult(run: 1, ok: true, error: nil, finished: "2026-12-02T10:00:00.000Z", durationMs: 12, requests: 3, pushBatches: 2,
                                pushedStatements: 7, pushedRecords: 0, duplicates: 0, conflicts: [], pulledStatements: 4, pulledRecords: 0,
                                catalogUpdated: false)
        metrics.recordSync(run, outcome: .ok, endedMs: 1_700_000_000_000)
        metrics.recordSync(SyncRunResult(run: 2, ok: false, error: "unreachable", finished: "2026-12-02T10:01:00.000Z", durationMs: 3,
                                         requests: 0, pushBatches: 0, pushedStatements: 0, pushedRecords: 0, duplicates: 0, conflicts: [],
                                         pulledStatements: 0, pulledRecords: 0, catalogUpdated: false),
                           outcome: .failed, endedMs: 1_700_000_060_000)
        let samples = PrometheusSamples(text: metrics.text())
        #expect(samples.value("walletd_syncs_total", ["outcome": "ok"]) == 1)
        #expect(samples.value("walletd_syncs_total", ["outcome": "failed"]) == 1)
        #expect(samples.value("walletd_syncs_total", ["outcome": "not_registered"]) == 0)
        #expect(samples.value("walletd_sync_statements_total", ["direction": "pushed"]) == 7)
        #expect(samples.value("walletd_sync_statements_total", ["direction": "pulled"]) == 4)
        #expect(samples.value("walletd_sync_push_batches_total") == 2)
        #expect(samples.value("walletd_last_sync_timestamp_seconds") == 1_700_000_060)
        #expect(samples.value("walletd_last_successful_sync_timestamp_seconds") == 1_700_000_000)
    }
}
