import Synchronization
import Basics
@testable import SyncEngine

/// A link that passes everything on and keeps the size of every push body and pull answer.
final class MeasuringTransport<Inner: SyncTransport>: SyncTransport {
    let inner: Inner
    private let sizes = Mutex<(push: [Int], pull: [Int])>(([], []))

    init(_ inner: Inner) { self.inner = inner }

    var pushBodies: [Int] { sizes.withLock { $0.push } }
    var pullAnswers: [Int] { sizes.withLock { $0.pull } }

    func push(_ request: PushRequest) throws -> PushResponse {
        sizes.withLock { $0.push.append(request.body().count) }
        return try inner.push(request)
    }

    func pull(_ request: PullRequest) throws -> PullResponse {
        let answer = try inner.pull(request)
        sizes.withLock { $0.pull.append(answer.body().count) }
        return answer
    }

    func catalog() throws -> CatalogEnvelope { try inner.catalog() }
}

/// A link whose pull answers are rewritten on the way (a hub bug, a damaged proxy): `rewrite`
/// gets the answer's JSON and the learners asked for and returns the bytes the device reads.
final class RewritingPullTransport<Inner: SyncTransport>: SyncTransport {
    let inner: Inner
    let rewrite: @Sendable (JSONValue, [String]) -> [UInt8]

    init(_ inner: Inner, rewrite: @escaping @Sendable (JSONValue, [String]) -> [UInt8]) {
        self.inner = inner
        self.rewrite = rewrite
    }

    func push(_ request: PushRequest) throws -> PushResponse { try inner.push(request) }

    func pull(_ request: PullRequest) throws -> PullResponse {
        let answer = try JSONValue(data: .init(inner.pull(request).body()))
        return try PullResponse(body: rewrite(answer, request.partitions.map(\.learner)))
    }

    func catalog() throws -> CatalogEnvelope { try inner.catalog() }
}
