import Foundation
import Hummingbird
import Logging
import RepositoryCore
import SyncEngine
import Basics
import DaemonKit

/// `POST /sync/v1/push`, `POST /sync/v1/pull`, `GET /sync/v1/catalog`: the hub side of sync
/// (docs/SYNC.md), on the group `DeviceAuthMiddleware` guards. Each request's database work is one
/// transaction of the store, run synchronously on the request's task: a push batch costs a few
/// milliseconds, less than handing it to another thread would save.
///
/// At most `turns.limit` pushes and pulls are applied at once, in arrival order; the others wait
/// with their bodies unread. Each one in progress holds a decoded batch or a pull answer in
/// memory, so without the bound a morning rush of PCs costs memory in proportion to the PCs, and
/// on two cores more at once only share the same CPU.
///
/// ```swift
/// SyncRoutes(store: store, maxBodyBytes: 64 << 20, debugDelayMs: 0, metrics: metrics,
///            turns: ConcurrencyLimit(limit: 4, maxWaiting: 2_048)).register(on: router.group("sync/v1"))
/// ```
struct SyncRoutes: Sendable {
    let store: any RepositoryStore
    let maxBodyBytes: Int
    /// For tests only (`serve --debug-delay-ms`): time to kill the server between applying a push
    /// and answering it.
    let debugDelayMs: Int
    /// Statement counts, live devices and store errors (`SyncMetricsMiddleware` counts outcomes).
    var metrics = RepositoryMetrics()
    /// Pushes and pulls applied at once (`serve --sync-concurrency`), and how many may wait.
    var turns = ConcurrencyLimit(limit: 4, maxWaiting: 2_048)

    /// A pull request names at most 10,000 partitions of a few dozen bytes each.
    static let maxPullBodyBytes = 4 << 20

    func register(on group: RouterGroup<RepositoryRequestContext>) {
        group.post("push") { request, context in
            let device = try context.requireDevice()
            let answer = try await inTurn { try await push(request, device: device, logger: context.logger) }
            if debugDelayMs > 0 { try await Task.sleep(for: .milliseconds(debugDelayMs)) }
            return answer
        }
        group.post("pull") { request, context in
            let device = try context.requireDevice()
            return try await inTurn { try await pull(request, device: device) }
        }
        group.get("catalog") { _, _ in
            do { return try await catalog() } catch let error where !(error is APIError) {
                metrics.storeError(.catalog)
                throw error
            }
        }
    }

    func push(_ request: Request, device: EnrolledDevice, logger: Logger) async throws -> Response {
        let body = try await JSONRequestBody.collect(request, limit: maxBodyBytes)
        let clock = ContinuousClock()
        let received = clock.now
        let push: PushRequest
        do throws(SyncWireError) { push = try PushRequest(body: body) } catch { throw APIError(error) }
        try requireOwnReplica(push.replica, of: device)
        metrics.liveDevices.saw(device.id)
        let parsed = clock.now
        let answer: PushResponse
        do {
            answer = try await store.push(push, device: device.id)
        } catch let refusal as SyncHubError {
            switch refusal {
            case .learnerNotHeld: throw APIError(.forbidden, .learnerNotHeld, refusal.description)
            case .learnerClaimRefused: throw APIError(.forbidden, .learnerClaimRefused, refusal.description)
            case .reservedRecord: throw APIError(.forbidden, .reservedRecord, refusal.description)
            case .tooManySiblings: throw APIError(.conflict, .tooManyValues, refusal.description)
            }
        } catch {
            metrics.storeError(.push)
            throw error
        }
        metrics.recordPush(received: push.statements.count, answer: answer)
        // What a batch costs, split into reading the message and the store's transaction
        // (LOG_LEVEL=debug): the first thing to look at when syncs get slow.
        logger.debug("push applied", metadata: [
            "device": "\(device.name)", "statements": "\(push.statements.count)", "accepted": "\(answer.accepted)",
            "records": "\(push.records.count)", "replayed": "\(answer.replayed)",
            "parse_ms": "\(Self.ms(parsed - received))", "store_ms": "\(Self.ms(clock.now - parsed))",
        ])
        return JSONResponse.value(status: .ok, answer.json)
    }

    /// Runs `work` when a turn is free. Beyond the waiting room (as many as the connections
    /// served), the PC is told to come back: it ends its run and retries with its backoff.
    func inTurn(_ work: @Sendable () async throws -> Response) async throws -> Response {
        let metrics = metrics
        metrics.syncWaiting.increment()
        do {
            return try await turns.run {
                metrics.syncWaiting.decrement()
                metrics.syncApplying.increment()
                defer { metrics.syncApplying.decrement() }
                return try await work()
            }
        } catch is ConcurrencyLimit.Busy {
            metrics.syncWaiting.decrement()
            var error = APIError(.serviceUnavailable, .busy, "The repository is applying many syncs at once. Sync again in a few seconds.")
            error.headers[.retryAfter] = "5"
            throw error
        }
    }

    func pull(_ request: Request, device: EnrolledDevice) async throws -> Response {
        let body = try await JSONRequestBody.collect(request, limit: Self.maxPullBodyBytes)
        let pull: PullRequest
        do throws(SyncWireError) { pull = try PullRequest(body: body) } catch { throw APIError(error) }
        try requireOwnReplica(pull.replica, of: device)
        metrics.liveDevices.saw(device.id)
        let answer: PullResponse
        do { answer = try await store.pull(pull, device: device.id) } catch {
            metrics.storeError(.pull)
            throw error
        }
        metrics.recordPull(answer)
        // Statements go out as the text the store holds, never parsed and re-encoded.
        return JSONResponse.raw(status: .ok, bytes: answer.body())
    }

    func catalog() async throws -> Response {
        guard let catalog = try await store.catalog() else { throw PublicRoutes.noCatalog }
        let value: JSONValue
        do {
            value = try JSONValue(data: Data(catalog.json.utf8))
        } catch {
            throw RepositoryStoreError.corrupt("the stored catalog is not JSON: \(error)")
        }
        return JSONResponse.value(status: .ok, CatalogEnvelope(version: catalog.version, catalog: value).json)
    }

    static func ms(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.2f", ms)
    }

    /// A device speaks for its own replica only: its pushes must not be taken for another PC's
    /// changes (pulls would then send them back to the wrong PC, or skip them).
    func requireOwnReplica(_ replica: ReplicaID, of device: EnrolledDevice) throws {
        guard replica == device.replica else {
            throw APIError(.forbidden, .wrongReplica,
                           "This request names replica \(replica.rawValue), but the device token belongs to replica \(device.replica.rawValue). Register this PC again if its database was replaced.")
        }
    }
}
