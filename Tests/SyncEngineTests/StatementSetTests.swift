import TestSupport
import Testing
@testable import SyncEngine

@Suite("Statement grow-only set")
struct StatementSetTests {
    static let casesPerSeed = 500

    @Test func sameIDSameContentIsADuplicate() {
        var set = StatementSet()
        #expect(set.insert(id: "s1", content: "{a}") == .inserted)
        #expect(set.insert(id: "s1", content: "{a}") == .duplicate)
        #expect(set.versions["s1"] == ["{a}"])
        #expect(set.conflictedIDs.isEmpty && set.count == 1)
    }

    @Test func sameIDOtherContentKeepsBothAndReportsTheID() {
        var set = StatementSet()
        set.insert(id: "s1", content: "{a}")
        set.insert(id: "s2", content: "{x}")
        #expect(set.insert(id: "s1", content: "{b}") == .conflict)
        #expect(set.versions["s1"] == ["{a}", "{b}"], "both versions are kept")
        #expect(set.conflictedIDs == ["s1"])
        #expect(set.insert(id: "s1", content: "{b}") == .duplicate, "a version already kept is a duplicate")
        #expect(set.insert(id: "s1", content: "{c}") == .conflict)
        #expect(set.versions["s1"]?.count == 3 && set.count == 2 && set.ids == ["s1", "s2"])

        // The same through a merge: replicas that hold different versions end with both.
        var left = StatementSet(), right = StatementSet()
        left.insert(id: "s9", content: "{left}")
        right.insert(id: "s9", content: "{right}")
        #expect(left.merged(with: right).versions["s9"] == ["{left}", "{right}"])
        #expect(left.merged(with: right).conflictedIDs == ["s9"])
    }

    @Test("union is commutative, associative and idempotent; the empty set is its identity", arguments: propertySeeds)
    func mergeLaws(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let x = Generators.statementSet(&random), y = Generators.statementSet(&random), z = Generators.statementSet(&random)
            let note = "seed \(seed) case \(n)"
            try #require(x.merged(with: y) == y.merged(with: x), "\(note)")
            try #require(x.merged(with: y).merged(with: z) == x.merged(with: y.merged(with: z)), "\(note)")
            try #require(x.merged(with: x) == x, "\(note)")
            try #require(x.merged(with: StatementSet()) == x && StatementSet().merged(with: x) == x, "\(note)")
        }
    }

    @Test("union keeps every version of every id and reports every id with two contents", arguments: propertySeeds)
    func nothingIsDroppedOrOverwritten(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let x = Generators.statementSet(&random), y = Generators.statementSet(&random)
            let union = x.merged(with: y)
            let note = "seed \(seed) case \(n)"
            try #require(union.ids == x.ids.union(y.ids), "\(note)")
            for id in union.ids {
                try #require(union.versions[id] == (x.versions[id] ?? []).union(y.versions[id] ?? []), "\(note)")
            }
            try #require(union.conflictedIDs.isSuperset(of: x.conflictedIDs.union(y.conflictedIDs)), "\(note)")
            try #require(union.conflictedIDs == Set(union.ids.filter { (x.versions[$0] ?? []).union(y.versions[$0] ?? []).count > 1 }), "\(note)")
        }
    }

    @Test("inserting one by one: results follow the rule, and the order of arrival does not matter", arguments: propertySeeds)
    func insertsInAnyOrder(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        for n in 0..<Self.casesPerSeed {
            let items = (0..<random.int(0...12)).map { _ in (id: "s\(random.int(0...5))", content: "c\(random.int(0...2))") }
            var set = StatementSet()
            var model: [String: Set<String>] = [:]
            for item in items {
                let expected: StatementSet.InsertResult = model[item.id] == nil ? .inserted : model[item.id]!.contains(item.content) ? .duplicate : .conflict
                try #require(set.insert(id: item.id, content: item.content) == expected, "seed \(seed) case \(n): \(item)")
                model[item.id, default: []].insert(item.content)
            }
            try #require(set.versions == model, "seed \(seed) case \(n)")
            var other = StatementSet()
            for item in random.shuffled(items) { other.insert(id: item.id, content: item.content) }
            try #require(other == set, "seed \(seed) case \(n): another arrival order")
            // Splitting the stream between two replicas and merging gives the same set too.
            var left = StatementSet(), right = StatementSet()
            for item in items { if random.chance(0.5) { left.insert(id: item.id, content: item.content) } else { right.insert(id: item.id, content: item.content) } }
            try #require(left.merged(with: right) == set, "seed \(seed) case \(n): split between replicas")
        }
    }
}
