import Testing
import WalletAPI
@testable import SyncEngine

@Suite("Multi-value register merge")
struct RegisterStateTests {
    let pc1 = ReplicaID("pc1"), pc2 = ReplicaID("pc2")

    @Test func overwriteKeepsOneValue() {
        let first = RegisterState().writing("a@x.org", by: pc1, seen: VersionVector())
        let second = first.writing("b@x.org", by: pc1, seen: first.context)
        #expect(second.values == ["b@x.org"])
    }

    @Test func concurrentWritesBecomeSiblingsInEitherOrder() {
        let one = RegisterState().writing("a", by: pc1, seen: VersionVector())
        let two = RegisterState().writing("b", by: pc2, seen: VersionVector())
        #expect(Set(one.merged(with: two).values) == ["a", "b"])
        #expect(one.merged(with: two) == two.merged(with: one))
    }

    @Test func aWriteThatSawBothResolvesEverywhere() {
        let one = RegisterState().writing("a", by: pc1, seen: VersionVector())
        let two = RegisterState().writing("b", by: pc2, seen: VersionVector())
        let both = one.merged(with: two)
        let resolved = both.writing("a", by: pc2, seen: both.context)
        #expect(resolved.values == ["a"])
        // The other PC, still holding both, takes the resolution when it merges.
        #expect(both.merged(with: resolved).values == ["a"])
        #expect(one.merged(with: resolved).values == ["a"])
    }

    @Test func aStaleWriteKeepsWhatItDidNotSee() {
        let one = RegisterState().writing("a", by: pc1, seen: VersionVector())
        let stale = one.writing("c", by: pc1, seen: VersionVector())
        #expect(Set(stale.values) == ["a", "c"])
    }

    @Test func anOldStateDeliveredLateChangesNothing() {
        let old = RegisterState().writing("a", by: pc1, seen: VersionVector())
        let new = old.writing("b", by: pc2, seen: old.context)
        #expect(new.merged(with: old) == new)
    }

    @Test("merge is commutative, associative and idempotent; empty is its identity", arguments: propertySeeds)
    func mergeLaws(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for _ in 0..<400 {
            let s = Generators.registerStates(&random, count: 3)
            let (x, y, z) = (s[0], s[1], s[2])
            #expect(x.merged(with: y) == y.merged(with: x), "seed \(seed)")
            #expect(x.merged(with: y).merged(with: z) == x.merged(with: y.merged(with: z)), "seed \(seed)")
            #expect(x.merged(with: x) == x, "seed \(seed)")
            #expect(x.merged(with: RegisterState()) == x)
        }
    }

    @Test("no write is lost: every write is a sibling or was seen by a kept write", arguments: propertySeeds)
    func noLostWrites(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for _ in 0..<200 {
            var states = Array(repeating: RegisterState(), count: 3)
            var written: [Dot] = []
            for step in 0..<random.int(1...12) {
                let i = random.int(0...2)
                if random.chance(0.5) {
                    let seen = random.chance(0.6) ? states[i].context : VersionVector()
                    written.append(states[i].context.merged(with: seen).nextDot(for: Generators.replicas[i]))
                    states[i] = states[i].writing(.string("v\(step)"), by: Generators.replicas[i], seen: seen)
                } else {
                    states[i] = states[i].merged(with: states[random.int(0...2)])
                }
            }
            let all = states.reduce(RegisterState()) { $0.merged(with: $1) }
            for dot in written {
                #expect(all.context.contains(dot), "seed \(seed): write \(dot) vanished from the history")
            }
            #expect(!all.siblings.isEmpty || written.isEmpty, "seed \(seed): a written register has a value")
        }
    }

    @Test func wireRoundTrip() throws {
        let state = RegisterState().writing("a", by: pc1, seen: VersionVector()).merged(with: RegisterState().writing(["x": 1], by: pc2, seen: VersionVector()))
        let back = try RegisterState(json: try JSONValue(data: state.json.encoded()), path: "state")
        #expect(back == state)
    }
}
