import Foundation
import Synchronization
import Testing
@testable import RepositoryCore
@testable import SyncEngine

/// Two repositoryd instances on one PostgreSQL database, as in a region: writers push the same
/// learners through both at once while a PC pulls through both. A learner's changes are numbered
/// under that learner's lock, so a pull's cursor never passes a change that commits later: the
/// puller must end up with every statement exactly once, and the stores with one device per code.
@Suite("PostgreSQL: two instances on one database")
struct TwoInstancesTests {
    static let learners = ["ana", "ben"]

    @Test("concurrent pushes through two instances reach a concurrent puller, each statement once")
    func concurrentPushesReachAConcurrentPuller() async throws {
        try await StoreKind.postgres.with(label: "two-instances") { opened in
            let first = opened.store
            let second = try await opened.reopen()
            let stores: [any RepositoryStore] = [first, second]
            let writers = (1...4).map { ReplicaID("pc-\($0)") }
            let reader = ReplicaID("pc-reader")
            for replica in writers + [reader] {
                for learner in Self.learners { try await first.link(device: replica.rawValue, learner: learner) }
            }
            // The learners exist before the race: what is raced on is the numbering of changes.
            for learner in Self.learners {
                _ = try await first.push(PushRequest(replica: writers[0], learner: HubFixtures.learner(learner), statements: [], records: []),
                                         device: writers[0].rawValue)
            }
            let pushed = Shared<Set<String>>([])
            let done = Shared(false)
            // The reader pulls all the while; what it sees is checked at the end.
            let reading = Task {
                var seen: [String: Int] = [:]
                var cursors = Dictionary(uniqueKeysWithValues: Self.learners.map { ($0, Int64(0)) })
                var round = 0
                while true {
                    let finished = done.value
                    var more = false
                    let request = PullRequest(replica: reader, limit: 97, partitions: Self.learners.map { .init(learner: $0, since: cursors[$0] ?? 0) })
                    let answer = try await stores[round % 2].pull(request, device: reader.rawValue)
                    round += 1
                    for part in answer.partitions {
                        for statement in part.statements { seen[statement.id, default: 0] += 1 }
                        cursors[part.learner] = part.next
                        more = more || part.more
                    }
                    if finished && !more { return seen }
                }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (w, replica) in writers.enumerated() {
                    group.addTask {
                        for batch in 0..<40 {
                            let learner = Self.learners[(w + batch) % 2]
                            let statements = (0..<7).map { n in HubFixtures.statement(100_000 * (w + 1) + batch * 10 + n) }
                            let request = PushRequest(replica: replica, learner: HubFixtures.learner(learner), statements: statements, records: [])
                            let answer = try await stores[(w + batch) % 2].push(request, device: replica.rawValue)
                            #expect(answer.accepted == 7)
                            pushed.update { $0.formUnion(statements.map(\.id)) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            done.update { $0 = true }
            let seen = try await reading.value
            let expected = pushed.value
            #expect(expected.count == 4 * 40 * 7)
            // Without the learner lock in push, this misses statements (checked by removing it).
            let missed = expected.subtracting(seen.keys), unknown = Set(seen.keys).subtracting(expected)
            #expect(missed.isEmpty && unknown.isEmpty, "missed \(missed.count) statements, \(unknown.count) unknown")
            #expect(seen.values.allSatisfy { $0 == 1 }, "a statement came twice")
            let stats = try await second.stats()
            #expect(stats.statementsStored == expected.count && stats.batches == 162)
        }
    }

    @Test("one enrolment code enrols one device, whichever instance is asked")
    func oneCodeEnrolsOneDevice() async throws {
        try await StoreKind.postgres.with(label: "two-instances-code") { opened in
            let stores: [any RepositoryStore] = [opened.store, try await opened.reopen()]
            let code = EnrolmentCode.generate()
            try await stores[0].addEnrolmentCode(code, label: nil, nowMs: 1, expiresMs: .max)
            let enrolled = try await withThrowingTaskGroup(of: EnrolledDevice?.self) { group in
                for n in 0..<8 {
                    group.addTask { try await stores[n % 2].enrol(code: code, replica: ReplicaID("pc-\(n)"), name: "pc \(n)", token: "token-\(n)", nowMs: 2) }
                }
                return try await group.reduce(into: [EnrolledDevice]()) { if let device = $1 { $0.append(device) } }
            }
            #expect(enrolled.count == 1)
            #expect(try await stores[1].devices().count == 1)
        }
    }

    @Test("one live device per replica when two instances enrol the same PC at once")
    func oneLiveDevicePerReplica() async throws {
        try await StoreKind.postgres.with(label: "two-instances-replica") { opened in
            let stores: [any RepositoryStore] = [opened.store, try await opened.reopen()]
            let codes = (0..<6).map { _ in EnrolmentCode.generate() }
            for code in codes { try await stores[0].addEnrolmentCode(code, label: nil, nowMs: 1, expiresMs: .max) }
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for (n, code) in codes.enumerated() {
                    group.addTask {
                        do {
                            return try await stores[n % 2].enrol(code: code, replica: ReplicaID("pc-same"), name: "pc", token: "token-\(n)", nowMs: 2) != nil
                        } catch is DeviceLifecycleError {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await stores[1].devices().filter { $0.revokedMs == nil }.count == 1)
        }
    }
}

/// A value tasks share, behind a lock.
final class Shared<Value: Sendable>: Sendable {
    private let lock: Mutex<Value>
    init(_ value: Value) { lock = Mutex(value) }
    var value: Value { lock.withLock { $0 } }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&$0) } }
}
