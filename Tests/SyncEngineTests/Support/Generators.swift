import TestSupport
import Basics
import SecurityPrimitives
@testable import SyncEngine

/// Random version vectors, register histories, statement sets and statements for the properties.
/// Everything is drawn from a `SplitMix`, so a seed reproduces the case.
enum Generators {
    static let replicas = ["a", "b", "c", "d"].map(ReplicaID.init)

    /// Small counters over few replicas, so equal, dominating and concurrent pairs all turn up.
    static func vector(_ random: inout SplitMix, maxCounter: Int = 4) -> VersionVector {
        var counters: [ReplicaID: UInt64] = [:]
        for replica in replicas where random.chance(0.6) { counters[replica] = UInt64(random.int(0...maxCounter)) }
        return VersionVector(counters)
    }

    static func dot(_ random: inout SplitMix, maxCounter: Int = 6) -> Dot {
        Dot(replica: random.pick(replicas), counter: UInt64(random.int(1...maxCounter)))
    }

    static func statementSet(_ random: inout SplitMix) -> StatementSet {
        var set = StatementSet()
        for _ in 0..<random.int(0...6) {
            set.insert(id: "s\(random.int(0...7))", content: "c\(random.int(0...2))")
        }
        return set
    }

    // MARK: - JSON

    /// Characters that stress escaping and UTF-8: quotes, backslashes, control characters,
    /// non-ASCII letters, a combining accent, an emoji, line and paragraph separators.
    static let awkwardCharacters: [String] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\r", "\u{01}", "\u{1F}", "\u{7F}",
                                              "é", "e\u{301}", "ß", "€", "😀", "\u{2028}", "\u{2029}", "<", "&", "{", "]"]

    static func text(_ random: inout SplitMix, maxLength: Int = 12) -> String {
        (0..<random.int(0...maxLength)).map { _ in random.pick(awkwardCharacters) }.joined()
    }

    /// Numbers whose canonical form is not obvious: fractions, exponents, the limits of exact
    /// integers, negative zero, the smallest and largest doubles.
    static func number(_ random: inout SplitMix) -> Double {
        switch random.int(0...9) {
        case 0: return Double(random.int(-1_000_000...1_000_000))
        case 1: return Double(random.int(-1_000...1_000)) / 8
        case 2: return Double(random.int(1...999)) * 1e-7
        case 3: return Double(random.int(1...999)) * 1e21
        case 4: return random.pick([0.1, 0.2 + 0.1, -0.0, 5e-324, 1.7976931348623157e308, 9_007_199_254_740_992, 9_007_199_254_740_994, 1e21, 1e-6, 123.456])
        case 5: return random.unit()
        case 6: return (random.unit() - 0.5) * 1e12
        default: return Double(random.int(0...100))
        }
    }

    static func jsonValue(_ random: inout SplitMix, depth: Int = 2) -> JSONValue {
        switch random.int(0...(depth > 0 ? 7 : 4)) {
        case 0: return .null
        case 1: return .bool(random.chance(0.5))
        case 2: return .number(number(&random))
        case 3, 4: return .string(text(&random))
        case 5: return .array((0..<random.int(0...3)).map { _ in jsonValue(&random, depth: depth - 1) })
        default:
            var fields: [String: JSONValue] = [:]
            for _ in 0..<random.int(0...3) { fields["k\(random.int(0...9))\(random.pick(["", "é", "😀", "_"]))"] = jsonValue(&random, depth: depth - 1) }
            return .object(fields)
        }
    }

    /// A tiny statement of the shape every synced statement has (id, actor, verb, object,
    /// stored, authority), with an awkward `result` so canonical text is put to the test.
    static func statement(_ random: inout SplitMix, id: String? = nil) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(id ?? random.uuid()),
            "actor": ["mbox": .string("mailto:l\(random.int(0...99))@x.example"), "name": .string(text(&random))],
            "verb": ["id": .string("http://adlnet.gov/expapi/verbs/\(random.pick(["completed", "passed", "attempted"]))")],
            "object": ["id": .string("https://x.example/lo/\(random.int(0...999))")],
            "stored": "2026-11-22T09:00:00.000Z",
            "authority": ["mbox": "mailto:wallet@x.example"],
        ]
        if random.chance(0.7) {
            fields["result"] = ["score": ["scaled": .number(number(&random))], "response": .string(text(&random)),
                                "extensions": ["https://x.example/ext": jsonValue(&random)]]
        }
        return .object(fields)
    }

    static func wireStatement(_ random: inout SplitMix, id: String? = nil) -> WireStatement {
        let value = statement(&random, id: id)
        return WireStatement(id: value["id"]!.stringValue!, json: value.encodedString)
    }

    static func recordKey(_ random: inout SplitMix) -> String {
        random.chance(0.7)
            ? RecordKey.profilePrefix + random.pick(RecordKey.profileFields)
            : RecordKey.enrolmentPrefix + random.pick(["C-101", "https://catalog.example/c/2", "c3"])
    }

    static func learner(_ random: inout SplitMix) -> WireLearner {
        WireLearner(id: "learner-\(random.int(0...99))", name: text(&random), pinSalt: "c2FsdA\(random.int(0...9))", pinHash: "aGFzaA\(random.int(0...9))",
                    pinCost: ScryptCost(logN: random.int(1...16), blockSize: random.int(1...8), parallelism: random.int(1...4)),
                    createdMs: Int64(random.int(0...2_000_000_000)) * 1000)
    }

    static func registerState(_ random: inout SplitMix) -> RegisterState {
        random.pick(RegisterHistory.random(&random, replicas: 3, steps: 1...10).all)
    }
}

/// A random history of one register among a few replicas, with what each write had seen, so
/// properties can say which writes may be gone and which must still be there.
///
/// Each step one replica either writes — having seen its current state, or only the merge of some
/// of the states it held earlier (a form shown before news arrived), or nothing at all — or merges
/// a state another replica holds now or held at any time before (late and repeated delivery).
struct RegisterHistory {
    struct Write {
        var dot: Dot
        var value: JSONValue
        /// The context the writer was shown.
        var seen: VersionVector
    }

    var replicas: [ReplicaID]
    /// What each replica holds now.
    var current: [RegisterState]
    /// Every state each replica held, oldest first.
    var held: [[RegisterState]]
    /// Every state any replica held.
    var all: [RegisterState] = [RegisterState()]
    var writes: [Write] = []

    init(replicas: [ReplicaID]) {
        self.replicas = replicas
        current = Array(repeating: RegisterState(), count: replicas.count)
        held = Array(repeating: [RegisterState()], count: replicas.count)
    }

    mutating func write(_ value: JSONValue, at i: Int, seen: VersionVector) {
        // docs/SYNC.md: the new dot is (r, state.context[r] + 1).
        let dot = Dot(replica: replicas[i], counter: current[i].context[replicas[i]] + 1)
        writes.append(Write(dot: dot, value: value, seen: seen))
        set(current[i].writing(value, by: replicas[i], seen: seen), at: i)
    }

    mutating func merge(_ other: RegisterState, into i: Int) {
        set(current[i].merged(with: other), at: i)
    }

    private mutating func set(_ state: RegisterState, at i: Int) {
        current[i] = state
        held[i].append(state)
        all.append(state)
    }

    /// The write that made `dot`.
    func write(of dot: Dot) -> Write? { writes.first { $0.dot == dot } }

    static func random(_ random: inout SplitMix, replicas count: Int, steps: ClosedRange<Int>) -> RegisterHistory {
        var history = RegisterHistory(replicas: Array(Generators.replicas.prefix(count)))
        for step in 0..<random.int(steps) {
            let i = random.int(0...count - 1)
            if random.chance(0.55) {
                let seen: VersionVector
                switch random.int(0...9) {
                case 0...4: seen = history.current[i].context
                case 5...7: seen = random.subset(history.held[i], p: 0.3).reduce(VersionVector()) { $0.merged(with: $1.context) }
                default: seen = VersionVector()
                }
                let value: JSONValue = random.chance(0.8) ? .string("v\(step)") : Generators.jsonValue(&random, depth: 1)
                history.write(value, at: i, seen: seen)
            } else {
                let other = random.chance(0.5) ? history.current[random.int(0...count - 1)] : random.pick(history.all)
                history.merge(other, into: i)
            }
        }
        return history
    }
}
