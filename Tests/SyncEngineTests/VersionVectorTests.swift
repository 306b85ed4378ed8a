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
}
