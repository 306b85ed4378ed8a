import Synchronization
import SyncEngine

/// A link to the in-memory hub that fails the way networks do, driven by a seeded generator.
/// Each call may be lost before it reaches the hub, reach the hub and then lose its answer, or be
/// delivered twice (the device sees one of the two answers). Messages go through their wire
/// encoding both ways, as they would over HTTP.
///
/// ```swift
/// let link = FaultyTransport(hub: hub, device: "pc1", seed: 7, faults: .lossy)
/// _ = try? SyncClient(store: device, transport: link).run()   // may throw LinkDown midway
/// link.setFaults(.none)
/// ```
final class FaultyTransport: SyncTransport {
    struct Faults: Sendable {
        var lostRequest = 0.0
        var lostAnswer = 0.0
        var duplicated = 0.0
        static let none = Faults()
        static let lossy = Faults(lostRequest: 0.15, lostAnswer: 0.15, duplicated: 0.1)
    }

    struct LinkDown: Error, Equatable {
        var call: String
        /// True when the hub did the work and only the answer was lost.
        var answerLost: Bool
    }

    /// What the link did, to bound what a device may send again.
    struct Stats: Sendable, Equatable {
        var calls = 0
        var lostRequests = 0
        var lostAnswers = 0
        var duplicatedDeliveries = 0
        var pushesDelivered = 0
        var pullsDelivered = 0
        var catalogsDelivered = 0
        var lostPushAnswers = 0
        /// Statements in the push batches whose answers were lost: the most the device may send again.
        var statementsInLostPushAnswers = 0
        var largestLostPushBatch = 0
    }

    private struct State {
        var random: SplitMix
        var faults: Faults
        var stats = Stats()
        var pushCalls = 0
        /// Push calls (1-based) whose answer is lost whatever the random draw says.
        var scriptedLostPushAnswers: Set<Int> = []
        /// Runs once, after the hub applied a push and before its answer leaves (a write made
        /// while the batch is in flight).
        var whileInFlight: (@Sendable () -> Void)?
    }

    private struct Fate {
        var lose = false
        var loseAnswer = false
        var twice = false
        var takeSecondAnswer = false
    }

    let hub: any SyncHub
    let device: String
    let catalogVersion: String?
    private let state: Mutex<State>

    convenience init(hub: MemoryHub, device: String, seed: UInt64, faults: Faults = .none) {
        self.init(hub: hub as any SyncHub, catalogVersion: hub.catalogVersion, device: device, seed: seed, faults: faults)
    }

    /// Any hub: the SQLite repository store too, for the simulation over the real stores.
    init(hub: any SyncHub, catalogVersion: String?, device: String, seed: UInt64, faults: Faults = .none) {
        self.hub = hub
        self.catalogVersion = catalogVersion
        self.device = device
        state = Mutex(State(random: SplitMix(seed: seed), faults: faults))
    }

    func setFaults(_ faults: Faults) { state.withLock { $0.faults = faults } }
    func loseAnswer(ofPush n: Int) { _ = state.withLock { $0.scriptedLostPushAnswers.insert(n) } }
    func whilePushInFlight(_ action: (@Sendable () -> Void)?) { state.withLock { $0.whileInFlight = action } }
    var stats: Stats { state.withLock { $0.stats } }

    private func fate(push: Bool) -> Fate {
        state.withLock { s in
            s.stats.calls += 1
            var fate = Fate()
            fate.lose = s.random.chance(s.faults.lostRequest)
            fate.loseAnswer = s.random.chance(s.faults.lostAnswer)
            fate.twice = s.random.chance(s.faults.duplicated)
            fate.takeSecondAnswer = s.random.chance(0.5)
            if push {
                s.pushCalls += 1
                if s.scriptedLostPushAnswers.contains(s.pushCalls) { fate.lose = false; fate.loseAnswer = true }
            }
            if fate.lose { s.stats.lostRequests += 1 } else {
                if fate.loseAnswer { s.stats.lostAnswers += 1 }
                if fate.twice { s.stats.duplicatedDeliveries += 1 }
            }
            return fate
        }
    }

    func push(_ request: PushRequest) throws -> PushResponse {
        let fate = fate(push: true)
        if fate.lose { throw LinkDown(call: "push", answerLost: false) }
        let received: PushRequest
        do {
            received = try PushRequest(body: request.body())
        } catch {
            // What repositoryd answers for a message it cannot take: 400 with the wire's code.
            throw SyncRefusal(status: 400, code: error.code, message: error.description)
        }
        var answer = try hub.push(received, device: device)
        if fate.twice {
            let second = try hub.push(received, device: device)
            if fate.takeSecondAnswer { answer = second }
        }
        let inFlight = state.withLock { s in
            s.stats.pushesDelivered += fate.twice ? 2 : 1
            if fate.loseAnswer {
                s.stats.lostPushAnswers += 1
                s.stats.statementsInLostPushAnswers += request.statements.count
                s.stats.largestLostPushBatch = max(s.stats.largestLostPushBatch, request.statements.count)
            }
            defer { s.whileInFlight = nil }
            return s.whileInFlight
        }
        inFlight?()
        if fate.loseAnswer { throw LinkDown(call: "push", answerLost: true) }
        return try PushResponse(body: answer.json.canonicalData())
    }

    func pull(_ request: PullRequest) throws -> PullResponse {
        let fate = fate(push: false)
        if fate.lose { throw LinkDown(call: "pull", answerLost: false) }
        let received = try PullRequest(body: request.body())
        var answer = try hub.pull(received, device: device)
        if fate.twice {
            let second = try hub.pull(received, device: device)
            if fate.takeSecondAnswer { answer = second }
        }
        state.withLock { $0.stats.pullsDelivered += fate.twice ? 2 : 1 }
        if fate.loseAnswer { throw LinkDown(call: "pull", answerLost: true) }
        return try PullResponse(body: answer.body())
    }

    func catalog() throws -> CatalogEnvelope {
        let fate = fate(push: false)
        if fate.lose { throw LinkDown(call: "catalog", answerLost: false) }
        state.withLock { $0.stats.catalogsDelivered += fate.twice ? 2 : 1 }
        if fate.loseAnswer { throw LinkDown(call: "catalog", answerLost: true) }
        let envelope = CatalogEnvelope(version: catalogVersion ?? "", catalog: ["courses": []])
        return try CatalogEnvelope(body: envelope.json.canonicalData())
    }
}
