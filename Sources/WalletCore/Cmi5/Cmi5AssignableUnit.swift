import Basics

/// The `moveOn` criterion of an AU (cmi5 13.1.4): what the learner must do for the AU to count
/// towards its block's and course's satisfaction.
///
/// ```swift
/// Cmi5MoveOn(rawValue: "CompletedOrPassed")?.isMet(completed: true, passed: false)   // true
/// ```
public enum Cmi5MoveOn: String, Sendable, Codable, CaseIterable {
    case passed = "Passed"
    case completed = "Completed"
    case completedAndPassed = "CompletedAndPassed"
    case completedOrPassed = "CompletedOrPassed"
    case notApplicable = "NotApplicable"

    /// Whether a registration in which the AU was (or was not) completed and passed meets it.
    public func isMet(completed: Bool, passed: Bool) -> Bool {
        switch self {
        case .passed: passed
        case .completed: completed
        case .completedAndPassed: completed && passed
        case .completedOrPassed: completed || passed
        case .notApplicable: true
        }
    }
}

/// One assignable unit as the course structure (`cmi5.xml`) gives it, the plain values a launch
/// needs. Package import fills it from its store; walletd never reads `cmi5.xml` here.
///
/// ```swift
/// let au = Cmi5AssignableUnit(id: "https://example.org/forklift/au/1", url: "index.html",
///                             moveOn: .passed, masteryScore: 0.8)
/// ```
public struct Cmi5AssignableUnit: Sendable, Equatable, Codable {
    /// The publisher's AU id from the course structure (an IRI). Never the launch's activityId
    /// (cmi5 8.1.5): that one is generated from it (`Cmi5ActivityIDs`).
    public var id: String
    /// The AU's url as the course structure gives it (relative to the package, or absolute).
    public var url: String
    public var moveOn: Cmi5MoveOn
    /// 0...1 with up to four decimals, when the course structure gives one.
    public var masteryScore: Double?
    /// `OwnWindow` or `AnyWindow`: how the page opens the AU (the launch URL is the same).
    public var launchMethod: String
    /// The structure's `launchParameters`, passed on in `LMS.LaunchData` as they are.
    public var launchParameters: String?
    /// The structure's `entitlementKey` (its `courseStructure` value), when it has one.
    public var entitlementKey: String?

    public init(id: String, url: String, moveOn: Cmi5MoveOn, masteryScore: Double? = nil, launchMethod: String = "AnyWindow",
                launchParameters: String? = nil, entitlementKey: String? = nil) {
        self.id = id
        self.url = url
        self.moveOn = moveOn
        self.masteryScore = masteryScore
        self.launchMethod = launchMethod
        self.launchParameters = launchParameters
        self.entitlementKey = entitlementKey
    }
}

/// A course's structure as far as satisfaction needs it: its AUs and its blocks, each block with
/// every AU inside it (nested blocks flattened by whoever builds this value).
///
/// ```swift
/// let course = Cmi5Course(id: "https://example.org/forklift", units: [au],
///                         blocks: [Cmi5Block(id: "https://example.org/forklift/b1", unitIDs: [au.id])])
/// ```
public struct Cmi5Course: Sendable, Equatable, Codable {
    /// The publisher's course id from `cmi5.xml`.
    public var id: String
    public var units: [Cmi5AssignableUnit]
    public var blocks: [Cmi5Block]

    public init(id: String, units: [Cmi5AssignableUnit], blocks: [Cmi5Block] = []) {
        self.id = id
        self.units = units
        self.blocks = blocks
    }

    public func unit(id: String) -> Cmi5AssignableUnit? { units.first { $0.id == id } }
}

/// A block of a course: its publisher id and the publisher ids of every AU within it.
public struct Cmi5Block: Sendable, Equatable, Codable {
    public var id: String
    public var unitIDs: [String]

    public init(id: String, unitIDs: [String]) {
        self.id = id
        self.unitIDs = unitIDs
    }
}
