import Synchronization
import WalletAPI
@testable import SyncEngine

/// A link to the in-memory hub that fails the way networks do, driven by a seeded generator:
/// a request may be lost before the hub sees it, the answer may be lost after the hub applied it,
/// or the request may arrive twice. Messages go through their wire encoding both ways.
final class FaultyTransport: SyncTransport {
    struct Faults { var lostRequest = 0.0; var lostAnswer = 0.0; var duplicated = 0.0 }
    struct LinkDown: Error {}

    let hub: MemoryHub
    let device: String
    private let state: Mutex<(random: SplitMix, faults: Faults, lostAnswers: Int)>

    init(hub: MemoryHub, device: String, seed: UInt64, faults: Faults = Faults()) {
        self.hub = hub
        self.device = device
        state = Mutex((SplitMix(seed: seed), faults, 0))
    }

    func setFaults(_ faults: Faults) { state.withLock { $0.faults = faults } }
    var lostAnswers: Int { state.withLock { $0.lostAnswers } }

    private func roll() -> (lose: Bool, loseAnswer: Bool, twice: Bool) {
        state.withLock { s in
            let lose = s.random.chance(s.faults.lostRequest)
            let loseAnswer = s.random.chance(s.faults.lostAnswer)
            let twice = s.random.chance(s.faults.duplicated)
            if !lose && loseAnswer { s.lostAnswers += 1 }
            return (lose, loseAnswer, twice)
        }
    }

    func push(_ request: PushRequest) throws -> PushResponse {
        let (lose, loseAnswer, twice) = roll()
        if lose { throw LinkDown() }
        let decoded = try PushRequest(body: request.body())
        var answer = try hub.push(decoded, device: device)
        if twice { answer = try hub.push(decoded, device: device) }
        if loseAnswer { throw LinkDown() }
        return try PushResponse(body: answer.json.canonicalData())
    }

    func pull(_ request: PullRequest) throws -> PullResponse {
        let (lose, loseAnswer, _) = roll()
        if lose { throw LinkDown() }
        let answer = try hub.pull(try PullRequest(body: request.body()), device: device)
        if loseAnswer { throw LinkDown() }
        return try PullResponse(body: answer.body())
    }

    func catalog() throws -> CatalogEnvelope {
        CatalogEnvelope(version: hub.catalogVersion ?? "", catalog: ["courses": []])
    }
}
