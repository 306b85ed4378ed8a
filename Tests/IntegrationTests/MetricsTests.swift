import CurlClient
import Foundation
import Testing
import TestSupport
import WalletAPI
import WalletClient

#if canImport(Glibc)
import Glibc
#endif

/// The real binaries: a sync between a walletd and a repositoryd moves both daemons' counters by
/// what the sync did, and repositoryd's `/metrics` is refused to a caller that is not on its
/// machine (when the machine has an address other than loopback to call it from).
@Suite("Metrics of a real sync", .serialized)
struct MetricsTests {
    static func repositoryMetrics(_ url: String, token: String? = nil) throws -> (status: Int, text: String) {
        let answer = try CurlConnection(caFile: nil).perform(
            HTTPRequest(method: .get, url: url + "/metrics", headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:]))
        return (answer.status, String(decoding: answer.body, as: UTF8.self))
    }

    static func samples(_ repository: Repositoryd) throws -> PrometheusSamples {
        let answer = try repositoryMetrics(repository.url)
        guard answer.status == 200 else { throw HarnessError("GET /metrics: \(answer.status) \(answer.text)") }
        return PrometheusSamples(text: answer.text)
    }

    static func samples(_ pc: Walletd) throws -> PrometheusSamples {
        let answer = try pc.client.send(Endpoints.metrics)
        guard answer.status == 200 else { throw HarnessError("\(Endpoints.metrics.template): \(answer.status) \(answer.text)") }
        return PrometheusSamples(text: answer.text)
    }

    @Test func aSyncMovesTheCountersOfBothDaemons() throws {
        let repository = try Repositoryd().start()
        // Batches of 10, background syncs off: 25 statements are 3 pushes, all in the one sync run.
        let pc = try Walletd(arguments: SyncTests.manualSync + ["--sync-batch-size", "10"]).start()
        try pc.register(with: repository)
        let ana = try pc.learnerSession(name: "Ana", pin: "246800")
        _ = try pc.record(25, token: ana.token)

        let before = try Self.samples(repository)
        let pcBefore = try Self.samples(pc)
        let run = try pc.syncNow()
        #expect(run["ok"] == true, "\(run)")
        let batches = try #require(run["pushBatches"]?.doubleValue)
        #expect(batches >= 3, "\(run)")
        let after = try Self.samples(repository)
        let pcAfter = try Self.samples(pc)

        func moved(_ name: String, _ labels: [String: String] = [:]) -> Double {
            after.value(name, labels) - before.value(name, labels)
        }
        #expect(moved("repositoryd_pushes_total", ["outcome": "ok"]) == batches)
        #expect(moved("repositoryd_statements_in_total", ["result": "received"]) == 25)
        #expect(moved("repositoryd_statements_in_total", ["result": "accepted"]) == 25)
        #expect(moved("repositoryd_statements_in_total", ["result": "duplicate"]) == 0)
        #expect(moved("repositoryd_pulls_total", ["outcome": "ok"]) >= 1)
        #expect(moved("repositoryd_push_duration_seconds_count") == batches)
        #expect(moved("repositoryd_pushes_total", ["outcome": "error"]) == 0)
        #expect(after.value("repositoryd_live_devices") == 1)
        // Every turn taken was given back: nothing waits or is applied once the sync is over.
        #expect(after.value("repositoryd_sync_waiting") == 0 && after.value("repositoryd_sync_applying") == 0)
        #expect(after["repositoryd_sync_waiting"] != nil, "the gauge is exposed")

        #expect(pcAfter.value("walletd_syncs_total", ["outcome": "ok"]) - pcBefore.value("walletd_syncs_total", ["outcome": "ok"]) == 1)
        #expect(pcAfter.value("walletd_sync_statements_total", ["direction": "pushed"])
            - pcBefore.value("walletd_sync_statements_total", ["direction": "pushed"]) == 25)
        #expect(pcAfter.value("walletd_sync_push_batches_total") - pcBefore.value("walletd_sync_push_batches_total") == batches)
        #expect(pcAfter.value("walletd_last_successful_sync_timestamp_seconds") > Date().timeIntervalSince1970 - 600)
        #expect(pcAfter.value("walletd_requests_total", ["group": "xapi", "status": "2xx"]) >= 1)
        let walletdText = try pc.client.send(Endpoints.metrics).text
        #expect(!walletdText.contains(ana.id) && !walletdText.contains("Ana"), "no learner in walletd's metrics")
        let repositoryText = try Self.repositoryMetrics(repository.url).text
        #expect(!repositoryText.contains(ana.id), "no learner in repositoryd's metrics")
    }

    /// Listening on every address, repositoryd answers loopback and refuses the machine's other
    /// address; with a token file, every caller needs the token.
    @Test func metricsAreForLoopbackOrTheTokenOnly() throws {
        let repository = try Repositoryd().start(arguments: ["--host", "0.0.0.0"])
        let loopback = try Self.repositoryMetrics("http://127.0.0.1:\(repository.port)")
        #expect(loopback.status == 200 && loopback.text.contains("repositoryd_pushes_total"))
        if let address = Self.nonLoopbackIPv4() {
            let remote = try Self.repositoryMetrics("http://\(address):\(repository.port)")
            #expect(remote.status == 403 && remote.text.contains("\"forbidden\""), "\(address): \(remote)")
        } else {
            print("MetricsTests: this machine has no IPv4 address but loopback; the remote refusal is shown in process only")
        }
        repository.stop()

        let token = "0123456789abcdef0123456789abcdef"
        let tokenFile = repository.folder + "/metrics.token"
        try (token + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)
        try repository.start(arguments: ["--metrics-token-file", tokenFile])
        let without = try Self.repositoryMetrics(repository.url)
        #expect(without.status == 401 && without.text.contains("\"unauthenticated\""))
        #expect(try Self.repositoryMetrics(repository.url, token: "wrong-token-0123456789").status == 401)
        #expect(try Self.repositoryMetrics(repository.url, token: token).status == 200)
    }

    /// The first IPv4 address of an interface that is up and not loopback.
    static func nonLoopbackIPv4() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return nil }
        defer { freeifaddrs(list) }
        for entry in sequence(first: first, next: { $0.pointee.ifa_next }) {
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET),
                  entry.pointee.ifa_flags & UInt32(IFF_UP) != 0, entry.pointee.ifa_flags & UInt32(IFF_LOOPBACK) == 0
            else { continue }
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            let ok = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet in
                var addr = inet.pointee.sin_addr
                return inet_ntop(AF_INET, &addr, &text, socklen_t(INET_ADDRSTRLEN)) != nil
            }
            if ok { return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        }
        return nil
    }
}
