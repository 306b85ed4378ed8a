import TestSupport
import Testing
@testable import SyncEngine

@Suite("Version vectors")
struct VersionVectorTests {
    let a = ReplicaID("a"), b = ReplicaID("b")
    static let casesPerSeed = 500

    // MARK: - Examples

    @Test func compareCases() {
        #expect(VersionVector([a: 1]).compare(to: VersionVector([a: 1])) == .equal)
        #expect(VersionVector([a: 2]).compare(to: VersionVector([a: 1])) == .dominates)
        #expect(VersionVector([a: 1]).compare(to: VersionVector([a: 1, b: 1])) == .dominated)
        #expect(VersionVector([a: 2]).compare(to: VersionVector([b: 1])) == .concurrent)
        #expect(VersionVector().compare(to: VersionVector()) == .equal)
        #expect(VersionVector([a: 1]).compare(to: VersionVector()) == .dominates)
        #expect(VersionVector().compare(to: VersionVector([b: 3])) == .dominated)
    }

    @Test func zeroEntriesAreNotStored() {
        #expect(VersionVector([a: 0]) == VersionVector())
        #expect(VersionVector([a: 0]).hashValue == VersionVector().hashValue)
        #expect(VersionVector([a: 0, b: 2]) == VersionVector([b: 2]))
        #expect(VersionVector([a: 0]).isEmpty)
        #expect(VersionVector([a: 0]).compare(to: VersionVector()) == .equal)
        #expect(VersionVector([b: 2, a: 1]).description == "[a: 1, b: 2]")
    }

    @Test func dotsAndRecording() {
        var v = VersionVector()
        #expect(v.nextDot(for: a) == Dot(replica: a, counter: 1))
        #expect(!v.contains(Dot(replica: a, counter: 1)))
        v.record(Dot(replica: a, counter: 3))
        #expect(v.contains(Dot(replica: a, counter: 1)) && v.contains(Dot(replica: a, counter: 2)) && v.contains(Dot(replica: a, counter: 3)))
        #expect(!v.contains(Dot(replica: a, counter: 4)))
        #expect(!v.contains(Dot(replica: b, counter: 1)))
        v.record(Dot(replica: a, counter: 1))
        #expect(v[a] == 3, "recording an older dot changes nothing")
        #expect(v.nextDot(for: a) == Dot(replica: a, counter: 4))
        #expect(v.nextDot(for: b) == Dot(replica: b, counter: 1))
        #expect(Dot(replica: a, counter: 9) < Dot(replica: b, counter: 1), "dots order by replica, then counter")
        #expect(Dot(replica: a, counter: 2) < Dot(replica: a, counter: 10))
    }

    // MARK: - Properties

    /// The definition compare must agree with, written out entry by entry.
    func expectedOrder(_ x: VersionVector, _ y: VersionVector) -> CausalOrder {
        let replicas = Set(x.counters.keys).union(y.counters.keys)
        let greater = replicas.contains { x[$0] > y[$0] }
        let less = replicas.contains { x[$0] < y[$0] }
        switch (greater, less) {
        case (false, false): return .equal
        case (true, false): return .dominates
        case (false, true): return .dominated
        case (true, true): return .concurrent
        }
    }

    @Test("compare is antisymmetric, agrees with equality and with the entry-by-entry definition", arguments: propertySeeds)
    func compareLaws(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let mirrored: [CausalOrder: CausalOrder] = [.equal: .equal, .dominates: .dominated, .dominated: .dominates, .concurrent: .concurrent]
        var seenOrders = Set<CausalOrder>()
        for n in 0..<Self.casesPerSeed {
            let x = Generators.vector(&random), y = Generators.vector(&random)
            let order = x.compare(to: y)
            seenOrders.insert(order)
            try #require(mirrored[order] == y.compare(to: x), "seed \(seed) case \(n): \(x) vs \(y)")
            try #require((order == .equal) == (x == y), "seed \(seed) case \(n): \(x) vs \(y)")
            try #require(order == expectedOrder(x, y), "seed \(seed) case \(n): \(x) vs \(y)")
            try #require(x.compare(to: x) == .equal)
            try #require(x.covers(y) == (order == .equal || order == .dominates), "seed \(seed) case \(n)")
            if x == y { try #require(x.hashValue == y.hashValue) }
        }
        try #require(seenOrders.count == 4, "seed \(seed): the generator reaches every order (\(seenOrders))")
    }

    @Test("compare is transitive: dominance chains", arguments: propertySeeds)
    func compareTransitive(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let x = Generators.vector(&random, maxCounter: 2), y = Generators.vector(&random, maxCounter: 2), z = Generators.vector(&random, maxCounter: 2)
            if x.covers(y) && y.covers(z) { try #require(x.covers(z), "seed \(seed) case \(n): \(x) ≥ \(y) ≥ \(z)") }
            if x.covers(y) && y.covers(x) { try #require(x == y, "seed \(seed) case \(n)") }
        }
    }

    @Test("merge is commutative, associative, idempotent, has the empty vector as identity, and is the entry-wise maximum", arguments: propertySeeds)
    func mergeLaws(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let x = Generators.vector(&random), y = Generators.vector(&random), z = Generators.vector(&random)
            let note = "seed \(seed) case \(n): \(x), \(y), \(z)"
            try #require(x.merged(with: y) == y.merged(with: x), "\(note)")
            try #require(x.merged(with: y).merged(with: z) == x.merged(with: y.merged(with: z)), "\(note)")
            try #require(x.merged(with: x) == x, "\(note)")
            try #require(x.merged(with: VersionVector()) == x && VersionVector().merged(with: x) == x, "\(note)")
            let join = x.merged(with: y)
            for replica in Generators.replicas {
                try #require(join[replica] == max(x[replica], y[replica]), "\(note)")
            }
        }
    }

    @Test("merge is the least upper bound: it covers both, and whatever covers both covers it", arguments: propertySeeds)
    func mergeIsLeastUpperBound(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        var boundsSeen = 0
        for n in 0..<Self.casesPerSeed {
            let x = Generators.vector(&random), y = Generators.vector(&random)
            let join = x.merged(with: y)
            let note = "seed \(seed) case \(n): \(x), \(y)"
            try #require(join.covers(x) && join.covers(y), "\(note)")
            // Any vector: it covers the join exactly when it covers both inputs.
            let z = Generators.vector(&random)
            try #require(z.covers(join) == (z.covers(x) && z.covers(y)), "\(note)")
            if z.covers(x) && z.covers(y) { boundsSeen += 1 }
            // An upper bound built on purpose (the join, raised at random): covers the join.
            var bound = join
            for replica in Generators.replicas where random.chance(0.3) {
                bound.record(Dot(replica: replica, counter: bound[replica] + UInt64(random.int(1...3))))
            }
            try #require(bound.covers(x) && bound.covers(y) && bound.covers(join), "\(note)")
            // Nothing strictly below the join covers both.
            if let replica = join.counters.keys.sorted().first {
                var lower = join.counters
                lower[replica]! -= 1
                let below = VersionVector(lower)
                try #require(!(below.covers(x) && below.covers(y)), "\(note)")
            }
        }
        try #require(boundsSeen > 0, "seed \(seed): random upper bounds occurred")
    }

    @Test("contains, record and nextDot agree with each other and with merge", arguments: propertySeeds)
    func dotLaws(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let v = Generators.vector(&random)
            let dot = Generators.dot(&random)
            let note = "seed \(seed) case \(n): \(v) with \(dot)"
            try #require(v.contains(dot) == (v[dot.replica] >= dot.counter), "\(note)")

            var recorded = v
            recorded.record(dot)
            try #require(recorded.contains(dot), "\(note)")
            try #require(recorded == v.merged(with: VersionVector([dot.replica: dot.counter])), "record is a merge with the dot's vector; \(note)")
            try #require(recorded.covers(v), "\(note)")
            for counter in 1...dot.counter { try #require(recorded.contains(Dot(replica: dot.replica, counter: counter)), "earlier dots of the replica too; \(note)") }
            for replica in Generators.replicas where replica != dot.replica { try #require(recorded[replica] == v[replica], "\(note)") }
            if v.contains(dot) { try #require(recorded == v, "recording a seen dot changes nothing; \(note)") }
            var twice = recorded
            twice.record(dot)
            try #require(twice == recorded, "record is idempotent; \(note)")

            let replica = random.pick(Generators.replicas)
            let next = v.nextDot(for: replica)
            try #require(next.replica == replica && next.counter == v[replica] + 1, "\(note)")
            try #require(!v.contains(next), "the next dot is new; \(note)")
            var advanced = v
            advanced.record(next)
            try #require(advanced.compare(to: v) == .dominates, "\(note)")
            try #require(advanced.nextDot(for: replica).counter == next.counter + 1, "\(note)")
        }
    }
}
