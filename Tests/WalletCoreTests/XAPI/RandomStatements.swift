import TestSupport
import WalletAPI
import Basics

/// A small seeded generator of valid-looking xAPI statements for property tests: the same seed
/// always gives the same statements, so a failure names the seed that reproduces it.
///
/// ```swift
/// var random = RandomStatements(seed: 7)
/// let statement = random.statement()
/// ```
struct RandomStatements {
    private var random: SplitMix

    init(seed: UInt64) { random = SplitMix(seed: seed &+ 0x9E37_79B9_7F4A_7C15) }

    mutating func next() -> UInt64 { random.next() }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        return range.lowerBound &+ Int64(bitPattern: width == 0 ? next() : next() % width)
    }

    mutating func bool() -> Bool { next() & 1 == 1 }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var out = items
        guard out.count > 1 else { return out }
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            out.swapAt(i, int(0...i))
        }
        return out
    }

    mutating func uuid() -> String {
        let hex = Array("0123456789abcdef")
        var text = ""
        for i in 0..<32 {
            if [8, 12, 16, 20].contains(i) { text.append("-") }
            text.append(hex[int(0...15)])
        }
        return text
    }

    mutating func agent() -> JSONValue {
        let n = int(1...50)
        switch int(0...3) {
        case 0: return ["objectType": "Agent", "name": .string("Learner \(n)"), "mbox": .string("mailto:learner\(n)@example.org")]
        case 1: return ["mbox_sha1sum": .string(String(repeating: "ab", count: 19) + Self.hexByte(n))]
        case 2: return ["objectType": "Agent", "openid": .string("https://id.example.org/\(n)")]
        default: return ["account": ["homePage": "https://lms.example.org", "name": .string("user\(n)")]]
        }
    }

    mutating func group() -> JSONValue {
        let members = (0..<int(0...4)).map { _ in agent() }
        var fields: [String: JSONValue] = ["objectType": "Group", "member": .array(members)]
        if bool() { fields["mbox"] = .string("mailto:team\(int(1...9))@example.org") }
        if bool() { fields["name"] = "A team" }
        return .object(fields)
    }

    mutating func actor() -> JSONValue { int(0...3) == 0 ? group() : agent() }

    mutating func activity(id: String? = nil) -> JSONValue {
        var fields: [String: JSONValue] = ["id": .string(id ?? "https://courses.example.org/act/\(int(1...6))")]
        if bool() { fields["objectType"] = "Activity" }
        if bool() {
            fields["definition"] = ["name": ["en-US": .string("Activity \(int(1...6))"), "de-DE": "Aktivität"],
                                    "description": ["en-US": "Something to do"]]
        }
        return .object(fields)
    }

    mutating func verb() -> JSONValue {
        let name = pick(["attempted", "completed", "passed", "failed", "progressed", "experienced"])
        return ["id": .string("http://adlnet.gov/expapi/verbs/\(name)"), "display": ["en-US": .string(name)]]
    }

    mutating func timestamp() -> String {
        // 2000-01-01 … 2040-01-01, sometimes with an offset, sometimes with extra precision.
        let ms = int64(946_684_800_000...2_208_988_800_000)
        return Self.timestampText(ms: ms, offsetMinutes: pick([0, 0, 60, -300, 330]), extraDigits: bool())
    }

    mutating func result() -> JSONValue {
        var fields: [String: JSONValue] = [:]
        if bool() { fields["success"] = .bool(bool()) }
        if bool() { fields["completion"] = .bool(bool()) }
        if bool() { fields["score"] = ["scaled": .number(Double(int(0...100)) / 100)] }
        if bool() { fields["duration"] = .string("PT\(int(1...90))M\(int(0...59)).\(int(10...99))S") }
        if bool() { fields["extensions"] = ["https://example.org/ext/attempt": .number(Double(int(1...5)))] }
        return .object(fields)
    }

    mutating func context() -> JSONValue {
        var fields: [String: JSONValue] = [:]
        if bool() { fields["registration"] = .string(uuid()) }
        if bool() { fields["instructor"] = agent() }
        if bool() { fields["team"] = group() }
        if bool() {
            fields["contextActivities"] = ["parent": .array([activity(id: "https://courses.example.org/course/\(int(1...3))")]),
                                           "category": .array([activity(id: "https://profiles.example.org/vet")])]
        }
        if bool() {
            fields["contextAgents"] = .array([["objectType": "contextAgent", "agent": agent(),
                                               "relevantTypes": ["https://example.org/types/assessor"]]])
        }
        if bool() {
            fields["contextGroups"] = .array([["objectType": "contextGroup", "group": group(),
                                               "relevantTypes": ["https://example.org/types/class"]]])
        }
        if bool() { fields["language"] = "en-US" }
        return .object(fields)
    }

    mutating func subStatement() -> JSONValue {
        var fields: [String: JSONValue] = ["objectType": "SubStatement", "actor": actor(), "verb": verb(), "object": activity()]
        if bool() { fields["context"] = context() }
        if bool() { fields["timestamp"] = .string(timestamp()) }
        return .object(fields)
    }

    mutating func statement() -> JSONValue {
        var fields: [String: JSONValue] = ["id": .string(uuid()), "actor": actor(), "verb": verb()]
        switch int(0...9) {
        case 0: fields["object"] = ["objectType": "StatementRef", "id": .string(uuid())]
        case 1: fields["object"] = subStatement()
        case 2: fields["object"] = agent().settingFields(["objectType": "Agent"])
        default: fields["object"] = activity()
        }
        if bool() { fields["result"] = result() }
        if bool() { fields["context"] = context() }
        if bool() { fields["timestamp"] = .string(timestamp()) }
        return .object(fields)
    }
}

extension RandomStatements {
    /// Timestamp text in the shapes devices send, built independently of the code under test.
    static func timestampText(ms: Int64, offsetMinutes: Int, extraDigits: Bool) -> String {
        // Shift the wall time by the offset and format by hand from days/ms, so the test does not
        // use the formatter it checks.
        let local = ms + Int64(offsetMinutes) * 60_000
        let days = local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
        let msOfDay = local - days * 86_400_000
        let (y, m, d) = civil(days: days)
        var text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(msOfDay / 3_600_000, 2)):\(pad(msOfDay / 60_000 % 60, 2)):\(pad(msOfDay / 1000 % 60, 2)).\(pad(msOfDay % 1000, 3))"
        if extraDigits { text += "4" }
        if offsetMinutes == 0 {
            text += "Z"
        } else {
            let sign = offsetMinutes < 0 ? "-" : "+"
            text += "\(sign)\(pad(Int64(abs(offsetMinutes) / 60), 2)):\(pad(Int64(abs(offsetMinutes) % 60), 2))"
        }
        return text
    }

    /// Walks years and months one at a time: slow but obviously right, unlike the fast version.
    static func civil(days: Int64) -> (Int64, Int64, Int64) {
        var year: Int64 = 1970
        var rest = days
        func yearLength(_ y: Int64) -> Int64 { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365 }
        while rest < 0 { year -= 1; rest += yearLength(year) }
        while rest >= yearLength(year) { rest -= yearLength(year); year += 1 }
        let lengths: [Int64] = [31, yearLength(year) == 366 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var month: Int64 = 1
        for length in lengths {
            if rest < length { break }
            rest -= length
            month += 1
        }
        return (year, month, rest + 1)
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension RandomStatements {
    /// Two hex digits.
    static func hexByte(_ value: Int) -> String {
        let hex = Array("0123456789abcdef")
        return String([hex[(value / 16) % 16], hex[value % 16]])
    }
}

extension JSONValue {
    /// An object with `other`'s keys added or replaced (for building test variants).
    func settingFields(_ other: [String: JSONValue]) -> JSONValue {
        guard case .object(var fields) = self else { return self }
        for (key, value) in other { fields[key] = value }
        return .object(fields)
    }

    /// An object without `keys`.
    func droppingFields(_ keys: String...) -> JSONValue {
        guard case .object(var fields) = self else { return self }
        for key in keys { fields[key] = nil }
        return .object(fields)
    }
}
