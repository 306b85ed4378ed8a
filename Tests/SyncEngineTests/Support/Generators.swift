@testable import SyncEngine
import WalletAPI

/// Random version vectors, register histories and statement sets for the merge-law properties.
enum Generators {
    static let replicas = ["a", "b", "c", "d"].map(ReplicaID.init)

    static func vector(_ random: inout SplitMix) -> VersionVector {
        var counters: [ReplicaID: UInt64] = [:]
        for replica in replicas where random.chance(0.6) { counters[replica] = UInt64(random.int(0...5)) }
        return VersionVector(counters)
    }

    /// Register states reached by random writes and merges among replicas, the way real
    /// histories are made (a state never holds a dot its context lacks).
    static func registerStates(_ random: inout SplitMix, count: Int) -> [RegisterState] {
        var states = Array(repeating: RegisterState(), count: replicas.count)
        for step in 0..<random.int(1...14) {
            let i = random.int(0...replicas.count - 1)
            if random.chance(0.6) {
                // Write having seen everything, or only part of the state (a stale context).
                let seen = random.chance(0.7) ? states[i].context : VersionVector()
                states[i] = states[i].writing(.string("v\(step)"), by: replicas[i], seen: seen)
            } else {
                let j = random.int(0...replicas.count - 1)
                states[i] = states[i].merged(with: states[j])
            }
        }
        return (0..<count).map { _ in random.pick(states) }
    }

    static func statementSet(_ random: inout SplitMix) -> StatementSet {
        var set = StatementSet()
        for _ in 0..<random.int(0...6) {
            set.insert(id: "s\(random.int(0...7))", content: "c\(random.int(0...2))")
        }
        return set
    }
}
