import TestSupport
import Testing
@testable import SyncEngine

@Suite("Multi-value register merge")
struct RegisterStateTests {
    let pc1 = ReplicaID("pc1"), pc2 = ReplicaID("pc2"), pc3 = ReplicaID("pc3")
    static let casesPerSeed = 400

    // MARK: - Scenarios

    @Test func writeThenOverwriteKeepsOneSibling() {
        let first = RegisterState().writing("a@x.org", by: pc1, seen: VersionVector())
        #expect(first.siblings == [Sibling(dot: Dot(replica: pc1, counter: 1), value: "a@x.org")])
        #expect(first.context == VersionVector([pc1: 1]))
        let second = first.writing("b@x.org", by: pc1, seen: first.context)
        #expect(second.siblings == [Sibling(dot: Dot(replica: pc1, counter: 2), value: "b@x.org")])
        #expect(second.context == VersionVector([pc1: 2]))
        #expect(!second.isConflicted)
        // Another PC that saw the first value overwrites it too.
        let third = second.writing("c@x.org", by: pc2, seen: second.context)
        #expect(third.values == ["c@x.org"] && third.context == VersionVector([pc1: 2, pc2: 1]))
    }

    @Test func twoConcurrentWritesAreTwoSiblingsInEitherOrder() {
        let one = RegisterState().writing("a", by: pc1, seen: VersionVector())
        let two = RegisterState().writing("b", by: pc2, seen: VersionVector())
        let oneThenTwo = one.merged(with: two), twoThenOne = two.merged(with: one)
        #expect(oneThenTwo == twoThenOne)
        #expect(oneThenTwo.siblings.count == 2 && oneThenTwo.isConflicted)
        #expect(Set(oneThenTwo.values) == ["a", "b"])
        #expect(oneThenTwo.context == VersionVector([pc1: 1, pc2: 1]))
        // Even when both write the same value: two writes, two siblings.
        let same = RegisterState().writing("a", by: pc2, seen: VersionVector())
        #expect(one.merged(with: same).siblings.count == 2)
    }

    @Test func aResolvingWriteWithTheMergedContextLeavesOneSiblingEverywhere() {
        let one = RegisterState().writing("a", by: pc1, seen: VersionVector())
        let two = RegisterState().writing("b", by: pc2, seen: VersionVector())
        let three = RegisterState().writing("c", by: pc3, seen: VersionVector())
        let all = one.merged(with: two).merged(with: three)
        #expect(all.siblings.count == 3)
        let resolved = all.writing("b", by: pc1, seen: all.context)
        #expect(resolved.values == ["b"])
        // Every replica, whatever it held, takes the resolution when it merges, in either order.
        for held in [RegisterState(), one, two, three, one.merged(with: two), two.merged(with: three), all] {
            #expect(held.merged(with: resolved).values == ["b"], "\(held)")
            #expect(resolved.merged(with: held).values == ["b"], "\(held)")
            #expect(held.merged(with: resolved) == resolved)
        }
    }

    @Test func aStaleWriteKeepsTheSiblingItDidNotSee() {
        // pc1 shows the learner "a"; meanwhile "b" arrives from pc2; the learner saves "c" from
        // the form that only showed "a".
        let one = RegisterState().writing("a", by: pc1, seen: VersionVector())
        let shown = one.context
        let two = RegisterState().writing("b", by: pc2, seen: VersionVector())
        let arrived = one.merged(with: two)
        let stale = arrived.writing("c", by: pc1, seen: shown)
        #expect(Set(stale.values) == ["b", "c"], "a is replaced, b was not seen and stays")
        #expect(stale.merged(with: two) == stale && two.merged(with: stale) == stale)
        // A write that saw nothing replaces nothing, not even the writer's own earlier value.
        let blind = one.writing("d", by: pc1, seen: VersionVector())
        #expect(Set(blind.values) == ["a", "d"])
    }

    @Test func anOldStateDeliveredAfterANewerOneChangesNothing() {
        let old = RegisterState().writing("a", by: pc1, seen: VersionVector())
        let new = old.writing("b", by: pc2, seen: old.context)
        #expect(new.merged(with: old) == new)
        #expect(old.merged(with: new) == new)
        let newer = new.merged(with: RegisterState().writing("x", by: pc3, seen: VersionVector()))
        #expect(newer.merged(with: old) == newer && newer.merged(with: new) == newer)
    }

    @Test func partsFromTheWireAreNormalised() {
        let b1 = Sibling(dot: Dot(replica: pc2, counter: 1), value: "b")
        let a1 = Sibling(dot: Dot(replica: pc1, counter: 4), value: "a")
        // Out of order, a duplicate dot, a context that forgot a sibling's dot.
        let state = RegisterState(siblings: [b1, a1, b1], context: VersionVector([pc1: 2]))
        #expect(state.siblings == [a1, b1])
        #expect(state.context == VersionVector([pc1: 4, pc2: 1]))
        #expect(state == RegisterState(siblings: [a1, b1], context: VersionVector([pc1: 4, pc2: 1])))
        #expect(RegisterState().isEmpty && !state.isEmpty)
    }

    // MARK: - Properties over random histories

    @Test("merge is commutative, associative and idempotent; the empty state is its identity", arguments: propertySeeds)
    func mergeLaws(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let history = RegisterHistory.random(&random, replicas: 3, steps: 1...16)
            let (x, y, z) = (random.pick(history.all), random.pick(history.all), random.pick(history.all))
            let note = "seed \(seed) case \(n)"
            try #require(x.merged(with: y) == y.merged(with: x), "commutative, \(note)")
            try #require(x.merged(with: y).merged(with: z) == x.merged(with: y.merged(with: z)), "associative, \(note)")
            try #require(x.merged(with: x) == x, "idempotent, \(note)")
            try #require(x.merged(with: RegisterState()) == x && RegisterState().merged(with: x) == x, "identity, \(note)")
            let join = x.merged(with: y)
            try #require(join.context == x.context.merged(with: y.context), "context is the union, \(note)")
            try #require(join.merged(with: x) == join && join.merged(with: y) == join, "the join absorbs its inputs, \(note)")
        }
    }

    @Test("a write follows docs/SYNC.md: new dot (r, context[r] + 1), seen siblings dropped, context grows", arguments: propertySeeds)
    func writeRule(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            var history = RegisterHistory.random(&random, replicas: 3, steps: 0...12)
            let i = random.int(0...2)
            let replica = history.replicas[i]
            let before = history.current[i]
            let seen = random.subset(history.held[i], p: 0.4).reduce(VersionVector()) { $0.merged(with: $1.context) }
            history.write("new", at: i, seen: seen)
            let after = history.current[i]
            let dot = Dot(replica: replica, counter: before.context[replica] + 1)
            let note = "seed \(seed) case \(n): \(before) seen \(seen)"
            try #require(after.siblings.contains(Sibling(dot: dot, value: "new")), "\(note)")
            try #require(Set(after.siblings) == Set(before.siblings.filter { !seen.contains($0.dot) } + [Sibling(dot: dot, value: "new")]), "\(note)")
            var context = before.context.merged(with: seen)
            context.record(dot)
            try #require(after.context == context, "\(note)")
        }
    }

    @Test("no write is lost: each is still a sibling or was seen by a later write that is", arguments: propertySeeds)
    func noLostWrites(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let history = RegisterHistory.random(&random, replicas: 3, steps: 1...16)
            let note = "seed \(seed) case \(n)"
            for state in history.all {
                for sibling in state.siblings {
                    // Every value there was written, with that dot, and is in the context.
                    try #require(history.write(of: sibling.dot)?.value == sibling.value, "a sibling no write made: \(sibling), \(note)")
                    try #require(state.context.contains(sibling.dot), "\(note)")
                }
                for write in history.writes where state.context.contains(write.dot) {
                    let kept = state.siblings.contains { $0.dot == write.dot }
                    let replacedBy = state.siblings.first { history.write(of: $0.dot)?.seen.contains(write.dot) == true }
                    try #require(kept || replacedBy != nil, "write \(write.dot) = \(write.value) vanished from \(state), \(note)")
                }
                // Siblings are concurrent: none was written having seen another.
                for s1 in state.siblings {
                    for s2 in state.siblings where s1 != s2 {
                        try #require(history.write(of: s2.dot)?.seen.contains(s1.dot) == false, "\(s2.dot) saw \(s1.dot) yet both stay, \(note)")
                    }
                }
                try #require(state.siblings.isEmpty == state.context.isEmpty, "a register that was written has a value, \(note)")
            }
            let everything = history.all.reduce(RegisterState()) { $0.merged(with: $1) }
            for write in history.writes {
                try #require(everything.context.contains(write.dot), "write \(write.dot) vanished from the history, \(note)")
            }
        }
    }

    @Test("once everything met: the siblings are exactly the writes no other write saw", arguments: propertySeeds)
    func convergedSiblings(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let history = RegisterHistory.random(&random, replicas: 3, steps: 1...16)
            let expected = Set(history.writes.filter { w in !history.writes.contains { $0.seen.contains(w.dot) } }.map { Sibling(dot: $0.dot, value: $0.value) })
            // The replicas' current states, met in any order or grouping, give one state.
            let inOrder = history.current.reduce(RegisterState()) { $0.merged(with: $1) }
            let shuffled = random.shuffled(history.all).reduce(RegisterState()) { $0.merged(with: $1) }
            let note = "seed \(seed) case \(n)"
            try #require(Set(shuffled.siblings) == expected, "\(note)")
            try #require(shuffled.context == history.writes.reduce(VersionVector()) { var v = $0; v.record($1.dot); return v }, "\(note)")
            try #require(inOrder.merged(with: shuffled) == shuffled, "every state ever held adds nothing the current ones lack, \(note)")
            try #require(Set(inOrder.siblings) == expected, "\(note)")
            var pairwise = random.shuffled(history.all)
            while pairwise.count > 1 {
                let x = pairwise.removeLast(), y = pairwise.removeLast()
                pairwise.insert(x.merged(with: y), at: random.int(0...pairwise.count))
            }
            try #require(pairwise.first == shuffled, "merging as a random tree gives the same state, \(note)")
        }
    }

    @Test("delivering an old state after a newer one changes nothing", arguments: propertySeeds)
    func lateDelivery(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let history = RegisterHistory.random(&random, replicas: 3, steps: 1...16)
            let held = random.pick(history.held)
            let j = random.int(0...held.count - 1), i = random.int(0...j)
            try #require(held[j].merged(with: held[i]) == held[j], "seed \(seed) case \(n): step \(i) delivered after step \(j)")
        }
    }
}
