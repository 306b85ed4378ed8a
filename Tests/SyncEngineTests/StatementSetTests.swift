import Testing
@testable import SyncEngine

@Suite("Statement grow-only set")
struct StatementSetTests {
    @Test func duplicatesAndConflicts() {
        var set = StatementSet()
        #expect(set.insert(id: "s1", content: "{a}") == .inserted)
        #expect(set.insert(id: "s1", content: "{a}") == .duplicate)
        #expect(set.insert(id: "s1", content: "{b}") == .conflict)
        #expect(set.versions["s1"] == ["{a}", "{b}"], "both versions are kept")
        #expect(set.conflictedIDs == ["s1"])
    }

    @Test("union is commutative, associative and idempotent", arguments: propertySeeds)
    func mergeLaws(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for _ in 0..<500 {
            let x = Generators.statementSet(&random), y = Generators.statementSet(&random), z = Generators.statementSet(&random)
            #expect(x.merged(with: y) == y.merged(with: x))
            #expect(x.merged(with: y).merged(with: z) == x.merged(with: y.merged(with: z)))
            #expect(x.merged(with: x) == x)
            #expect(x.merged(with: y).ids == x.ids.union(y.ids), "nothing is dropped")
        }
    }
}
