import Testing
@testable import SyncEngine

@Suite("Version vectors")
struct VersionVectorTests {
    let a = ReplicaID("a"), b = ReplicaID("b")

    @Test func compareCases() {
        #expect(VersionVector([a: 1]).compare(to: VersionVector([a: 1])) == .equal)
        #expect(VersionVector([a: 2]).compare(to: VersionVector([a: 1])) == .dominates)
        #expect(VersionVector([a: 1]).compare(to: VersionVector([a: 1, b: 1])) == .dominated)
        #expect(VersionVector([a: 2]).compare(to: VersionVector([b: 1])) == .concurrent)
        #expect(VersionVector([a: 0]) == VersionVector())
    }

    @Test func dotsAndRecording() {
        var v = VersionVector()
        #expect(v.nextDot(for: a) == Dot(replica: a, counter: 1))
        v.record(Dot(replica: a, counter: 3))
        #expect(v.contains(Dot(replica: a, counter: 2)))
        #expect(!v.contains(Dot(replica: a, counter: 4)))
        v.record(Dot(replica: a, counter: 1))
        #expect(v[a] == 3, "recording an older dot changes nothing")
    }

    @Test("compare is antisymmetric and agrees with equality", arguments: propertySeeds)
    func compareLaws(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for _ in 0..<500 {
            let x = Generators.vector(&random), y = Generators.vector(&random)
            let mirrored: [CausalOrder: CausalOrder] = [.equal: .equal, .dominates: .dominated, .dominated: .dominates, .concurrent: .concurrent]
            #expect(mirrored[x.compare(to: y)] == y.compare(to: x), "seed \(seed): \(x) vs \(y)")
            #expect((x.compare(to: y) == .equal) == (x == y))
        }
    }

    @Test("merge is commutative, associative, idempotent and the least upper bound", arguments: propertySeeds)
    func mergeLaws(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for _ in 0..<500 {
            let x = Generators.vector(&random), y = Generators.vector(&random), z = Generators.vector(&random)
            #expect(x.merged(with: y) == y.merged(with: x), "seed \(seed)")
            #expect(x.merged(with: y).merged(with: z) == x.merged(with: y.merged(with: z)), "seed \(seed)")
            #expect(x.merged(with: x) == x)
            let join = x.merged(with: y)
            #expect(join.covers(x) && join.covers(y))
            if z.covers(x) && z.covers(y) { #expect(z.covers(join), "seed \(seed): an upper bound covers the join") }
        }
    }
}

extension CausalOrder: Hashable {}
